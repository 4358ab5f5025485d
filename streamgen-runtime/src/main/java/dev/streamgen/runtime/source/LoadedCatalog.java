package dev.streamgen.runtime.source;

import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.TimedTypePick;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import dev.streamgen.runtime.kinds.PackedCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A generated {@link Catalog} made ready for the per-row loop: its kernels in an array, the alias
 * table over its weights, and each type id's UTF-8 bytes. Built once per JVM and class loader (a
 * catalog of 10,000 types is worth keeping), so every partition of every micro-batch reuses it.
 */
public final class LoadedCatalog {
  private static final ConcurrentHashMap<String, LoadedCatalog> CACHE = new ConcurrentHashMap<>();

  private final Catalog catalog;
  private final EventKernel[] kernels;
  private final AliasTable aliasTable;
  /** The type mix over event time ({@code weight_changes}); null when it never changes. */
  private final TimedTypePick timedPick;
  private final byte[][] typeIdUtf8;
  /**
   * The kernels packed for the per-row loop, per format, built on first use (a run writes one
   * format); all null when some kernel is not a compiled EventTypeKernel.
   */
  private final PackedCatalog[] packed = new PackedCatalog[Format.values().length];
  /** The catalog packed for a registry's framing, with the format and framing it was packed for. */
  private PackedCatalog framedPack;
  private Format framedFormat;
  private PayloadFraming framedBy;

  private LoadedCatalog(Catalog catalog) {
    this.catalog = catalog;
    int n = catalog.size();
    if (n <= 0) {
      throw new IllegalArgumentException(
          "generated catalog " + catalog.getClass().getName() + " has no event types");
    }
    this.kernels = new EventKernel[n];
    this.typeIdUtf8 = new byte[n][];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      kernels[i] = catalog.kernel(i);
      typeIdUtf8[i] = kernels[i].eventTypeId().getBytes(StandardCharsets.UTF_8);
      weights[i] = catalog.weight(i);
    }
    this.aliasTable = AliasTable.of(weights);
    this.timedPick = TimedTypePick.of(weights, catalog.weightChanges(), catalog.pinnedTypes());
  }

  private PackedCatalog pack(Format format, PayloadFraming framing) {
    List<EventTypeKernel> compiled = new ArrayList<>(kernels.length);
    for (EventKernel k : kernels) {
      if (!(k instanceof EventTypeKernel)) {
        if (!framing.isNone()) {
          throw new IllegalArgumentException(
              "a registry's framing needs a compiled catalog; " + className() + " builds its kernels in code");
        }
        return null; // Hand-written kernels (tests, benchmarks that build catalogs in code) run as objects.
      }
      compiled.add((EventTypeKernel) k);
    }
    return PackedCatalog.of(compiled, format, framing.prefixes(format, compiled.size()));
  }

  /** Wraps a catalog instance without caching (tests and benchmarks that build catalogs in code). */
  public static LoadedCatalog of(Catalog catalog) {
    return new LoadedCatalog(catalog);
  }

  /**
   * The catalog of class {@code className} ({@code null}: the only one listed on the classpath),
   * instantiated once per JVM and class loader.
   */
  public static LoadedCatalog load(String className) {
    ClassLoader loader = classLoader();
    String name = className != null ? className : discover(loader);
    String key = name + '@' + System.identityHashCode(loader);
    LoadedCatalog loaded = CACHE.get(key);
    if (loaded == null) {
      loaded = new LoadedCatalog(instantiate(name, loader));
      LoadedCatalog raced = CACHE.putIfAbsent(key, loaded);
      if (raced != null) {
        loaded = raced;
      }
    }
    return loaded;
  }

  /**
   * The class name of the one generated catalog listed in {@value Catalog#INDEX_RESOURCE} on the
   * classpath; fails naming the resource when there are none or several.
   */
  public static String discover() {
    return discover(classLoader());
  }

  /** All generated catalogs listed on the classpath, in classpath order, without duplicates. */
  public static List<String> listed() {
    return listed(classLoader());
  }

  public Catalog catalog() {
    return catalog;
  }

  public String className() {
    return catalog.getClass().getName();
  }

  public int size() {
    return kernels.length;
  }

  public EventKernel kernel(int type) {
    return kernels[type];
  }

  /** The UTF-8 bytes of type {@code type}'s id; shared, do not modify. */
  byte[] typeIdUtf8(int type) {
    return typeIdUtf8[type];
  }

  /**
   * The catalog's types packed for the per-row loop in {@code format}, or null for kernels that are
   * not compiled ones. Packed once per format (every task of a run on this executor shares it).
   */
  public synchronized PackedCatalog packed(Format format) {
    PackedCatalog p = packed[format.ordinal()];
    if (p == null) {
      p = pack(format, PayloadFraming.NONE);
      packed[format.ordinal()] = p;
    }
    return p;
  }

  /**
   * As {@link #packed(Format)}, each payload framed by {@code framing}: packed once per format and
   * framing (a run's tasks on this executor share it; the last framing only, as a JVM runs one job).
   */
  public synchronized PackedCatalog packed(Format format, PayloadFraming framing) {
    if (framing.isNone()) {
      return packed(format);
    }
    if (framedPack == null || framedFormat != format || !framedBy.equals(framing)) {
      framedPack = pack(format, framing);
      framedFormat = format;
      framedBy = framing;
    }
    return framedPack;
  }

  /**
   * Whether some rows are tombstones (a change stream with {@code tombstones: true}): their unified
   * payload is null, so the unified schema's payload is nullable ({@link
   * dev.streamgen.runtime.columns.UnifiedStream#schema}).
   */
  public boolean hasTombstones() {
    PackedCatalog p = packed(Format.JSON);
    if (p != null) {
      return p.hasTombstones();
    }
    for (int t = 0; t < size(); t++) {
      if (kernel(t) instanceof dev.streamgen.runtime.kinds.EventTypeKernel
          && ((dev.streamgen.runtime.kinds.EventTypeKernel) kernel(t)).hasTombstones()) {
        return true;
      }
    }
    return false;
  }

  public AliasTable aliasTable() {
    return aliasTable;
  }

  /** The type mix over event time, or null when the catalog declares no {@code weight_changes}. */
  public TimedTypePick timedPick() {
    return timedPick;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : LoadedCatalog.class.getClassLoader();
  }

  private static String discover(ClassLoader loader) {
    List<String> names = listed(loader);
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "streamgen option '"
              + SourceOptions.CATALOG
              + "' is not set and no generated catalog is on the classpath (no resource "
              + Catalog.INDEX_RESOURCE
              + "): add the jar built with streamgen-maven-plugin, or set .option(\"catalog\", \"<class name>\")");
    }
    if (names.size() > 1) {
      throw new IllegalArgumentException(
          "streamgen option '"
              + SourceOptions.CATALOG
              + "' is not set and the classpath lists "
              + names.size()
              + " generated catalogs ("
              + String.join(", ", names)
              + "): choose one with .option(\"catalog\", \"<class name>\")");
    }
    return names.get(0);
  }

  private static List<String> listed(ClassLoader loader) {
    Set<String> names = new LinkedHashSet<>();
    try {
      Enumeration<URL> resources = loader.getResources(Catalog.INDEX_RESOURCE);
      while (resources.hasMoreElements()) {
        URL url = resources.nextElement();
        try (InputStream in = url.openStream();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("#")) {
              names.add(t);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + Catalog.INDEX_RESOURCE + ": " + e.getMessage(), e);
    }
    return new ArrayList<>(names);
  }

  private static Catalog instantiate(String name, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(name, true, loader);
    } catch (ClassNotFoundException e) {
      List<String> names = listed(loader);
      throw new IllegalArgumentException(
          "streamgen option '"
              + SourceOptions.CATALOG
              + "' = '"
              + name
              + "': class not found on the classpath; generated catalogs listed there: "
              + (names.isEmpty() ? "none" : String.join(", ", names)));
    }
    if (!Catalog.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          "streamgen option '"
              + SourceOptions.CATALOG
              + "' = '"
              + name
              + "': class does not implement "
              + Catalog.class.getName());
    }
    try {
      return (Catalog) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "streamgen option '"
              + SourceOptions.CATALOG
              + "' = '"
              + name
              + "': cannot instantiate it with a public no-arg constructor ("
              + e
              + ")",
          e);
    }
  }
}
