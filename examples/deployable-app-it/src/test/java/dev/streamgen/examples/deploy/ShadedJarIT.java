package dev.streamgen.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Opens the deployable app jar as a cluster would see it: Java 8 class files, no library a Spark
 * cluster also has left under its own name, services files merged, the main class present.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShadedJarIT {
  private static final int JAVA_8 = 52;
  private static final String SHADED = "dev/streamgen/shaded/";
  private static final String DATA_SOURCE_REGISTER =
      "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister";

  /**
   * Packages that clusters ship in their own versions (Spark itself, Databricks runtimes, Hadoop
   * clouds): a copy in the jar must live under {@value #SHADED}. Spark's Kafka connector is the one
   * org.apache.spark package we bundle, since plain Spark distributions lack it.
   */
  private static final List<String> CLASHING = Arrays.asList(
      "com/fasterxml/jackson/", "org/yaml/snakeyaml/", "com/google/protobuf/", "io/netty/",
      "com/google/common/", "com/google/thirdparty/", "com/google/gson/", "org/apache/http/",
      "org/apache/commons/codec/", "org/apache/commons/lang3/", "org/apache/commons/io/",
      "org/reactivestreams/", "reactor/", "org/apache/qpid/", "org/joda/time/", "org/json4s/",
      "org/apache/avro/", "org/apache/hadoop/", "org/xerial/snappy/", "net/jpountz/",
      "com/github/luben/", "org/slf4j/", "org/apache/log4j/", "org/apache/logging/", "scala/",
      "io/delta/", "org/apache/parquet/", "software/amazon/");

  private ZipFile jar;

  @BeforeAll
  void open() throws IOException {
    jar = new ZipFile(System.getProperty("streamgen.app.jar"));
  }

  @AfterAll
  void close() throws IOException {
    jar.close();
  }

  @Test
  void runtimeAndGeneratedCodeAreJava8Bytecode() throws IOException {
    List<String> catalogs = generatedCatalogs();
    assertThat(catalogs).as("catalogs listed in META-INF/streamgen/catalogs").isNotEmpty();
    // Generated code: the catalogs' packages (the plugin's javaPackage), event classes beside them.
    Set<String> generatedPackages = new TreeSet<>();
    for (String catalog : catalogs) {
      String path = catalog.replace('.', '/');
      assertThat(jar.getEntry(path + ".class")).as(catalog).isNotNull();
      generatedPackages.add(path.substring(0, path.lastIndexOf('/') + 1));
    }
    Map<String, Integer> runtime = new TreeMap<>();
    Map<String, Integer> generated = new TreeMap<>();
    for (String name : classNames()) {
      if (name.startsWith("dev/streamgen/") && !name.startsWith(SHADED)) {
        runtime.put(name, majorVersion(name));
      }
      if (generatedPackages.stream().anyMatch(name::startsWith)) {
        generated.put(name, majorVersion(name));
      }
    }
    assertThat(runtime.keySet()).anyMatch(n -> n.startsWith("dev/streamgen/runtime/api/"));
    assertThat(generated).hasSizeGreaterThan(catalogs.size());
    assertThat(runtime).allSatisfy((name, major) -> assertThat(major).as(name).isEqualTo(JAVA_8));
    assertThat(generated).allSatisfy((name, major) -> assertThat(major).as(name).isEqualTo(JAVA_8));
  }

  @Test
  void bundledLibrariesLoadOnJava8() throws IOException {
    List<String> newer = new ArrayList<>();
    for (String name : classNames()) {
      if (majorVersion(name) > JAVA_8) {
        newer.add(name + " (major " + majorVersion(name) + ")");
      }
    }
    assertThat(newer).isEmpty();
  }

  @Test
  void clashingLibrariesAreRelocated() {
    Set<String> unrelocated = new TreeSet<>();
    for (String name : classNames()) {
      for (String prefix : CLASHING) {
        if (name.startsWith(prefix)) {
          unrelocated.add(prefix);
        }
      }
    }
    assertThat(unrelocated).isEmpty();
    assertThat(classNames()).anyMatch(n -> n.startsWith(SHADED + "com/fasterxml/jackson/databind/"));
  }

  /**
   * The AWS SDK finds pieces of itself by name at run time; each must have moved with its classes.
   * ServiceLoader files (SdkHttpService, the warm-up and CBOR factory providers) are renamed and list
   * relocated classes; its resources sit under the relocated package, where the relocated string
   * constants now point (Mimetype's mime.types). Shade moves execution.interceptors lists but leaves
   * the class names inside them as they were: any such list must name classes of the jar.
   */
  @Test
  void awsSdkServicesAndResourcesMovedWithIt() throws IOException {
    String sdk = SHADED + "software/amazon/awssdk/";
    assertThat(classNames()).anyMatch(n -> n.startsWith(sdk + "services/kinesis/KinesisClient"));
    List<String> entries = jar.stream().map(ZipEntry::getName).collect(Collectors.toList());
    assertThat(entries).filteredOn(n -> n.startsWith("software/")).isEmpty();
    List<String> sdkServices = entries.stream()
        .filter(n -> n.startsWith("META-INF/services/") && n.contains("software.amazon."))
        .collect(Collectors.toList());
    assertThat(sdkServices)
        .contains("META-INF/services/dev.streamgen.shaded.software.amazon.awssdk.http.SdkHttpService")
        .allMatch(n -> n.startsWith("META-INF/services/dev.streamgen.shaded.software.amazon.awssdk."));
    for (String service : sdkServices) {
      assertThat(lines(service)).as(service).isNotEmpty()
          .allMatch(impl -> impl.startsWith("dev.streamgen.shaded.software.amazon.awssdk."));
    }
    assertThat(lines("META-INF/services/dev.streamgen.shaded.software.amazon.awssdk.http.SdkHttpService"))
        .containsExactly("dev.streamgen.shaded.software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
    assertThat(entries).contains(
        sdk + "core/util/mime.types",
        sdk + "regions/internal/region/endpoints.json",
        sdk + "awscore/internal/defaults/sdk-default-configuration.json");
    assertThat(constantPool(sdk + "core/internal/util/Mimetype.class"))
        .as("Mimetype loads mime.types from the relocated path").contains(sdk + "core/util/mime.types");
    for (String list : entries.stream().filter(n -> n.endsWith(".interceptors")).collect(Collectors.toList())) {
      assertThat(lines(list)).as(list)
          .allMatch(impl -> jar.getEntry(impl.replace('.', '/') + ".class") != null);
    }
  }

  /** The generic form of the check above: against the exact jars of the test cluster's SPARK_HOME. */
  @Test
  void noClassIsAlsoOnTheSparkClasspath() throws IOException {
    Set<String> ours = new TreeSet<>(classNames());
    Map<String, List<String>> clashes = new TreeMap<>();
    String classpath = new String(Files.readAllBytes(Path.of(System.getProperty("streamgen.spark.classpath"))),
        StandardCharsets.UTF_8).trim();
    for (String entry : classpath.split(File.pathSeparator)) {
      try (ZipFile sparkJar = new ZipFile(entry)) {
        List<String> both = sparkJar.stream().map(ZipEntry::getName)
            .filter(ours::contains).limit(3).collect(Collectors.toList());
        if (!both.isEmpty()) {
          clashes.put(Path.of(entry).getFileName().toString(), both);
        }
      }
    }
    assertThat(clashes).isEmpty();
  }

  @Test
  void dataSourceRegistrationsOfStreamgenAndKafkaAreMerged() throws IOException {
    List<String> providers = lines(DATA_SOURCE_REGISTER);
    assertThat(providers).contains("org.apache.spark.sql.kafka010.KafkaSourceProvider");
    assertThat(providers).anyMatch(p -> p.startsWith("dev.streamgen.runtime."));
    for (String provider : providers) {
      assertThat(jar.getEntry(provider.replace('.', '/') + ".class")).as(provider).isNotNull();
    }
  }

  @Test
  void everyServiceImplementationIsInTheJar() throws IOException {
    List<String> missing = new ArrayList<>();
    for (ZipEntry e : Collections.list(jar.entries())) {
      if (e.getName().startsWith("META-INF/services/") && !e.isDirectory()) {
        for (String impl : lines(e.getName())) {
          if (jar.getEntry(impl.replace('.', '/') + ".class") == null) {
            missing.add(e.getName() + " -> " + impl);
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void mainClassIsTheStreamgenJob() throws IOException {
    try (JarFile j = new JarFile(System.getProperty("streamgen.app.jar"))) {
      Manifest manifest = j.getManifest();
      String main = manifest.getMainAttributes().getValue("Main-Class");
      assertThat(main).isEqualTo("dev.streamgen.runtime.Main");
      assertThat(j.getEntry("dev/streamgen/runtime/Main.class")).isNotNull();
    }
  }

  private List<String> classNames() {
    return jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class"))
        .collect(Collectors.toList());
  }

  private List<String> generatedCatalogs() throws IOException {
    return jar.getEntry("META-INF/streamgen/catalogs") == null
        ? Collections.emptyList() : lines("META-INF/streamgen/catalogs");
  }

  /** Non-blank, non-comment lines of a text entry. */
  private List<String> lines(String entry) throws IOException {
    ZipEntry e = jar.getEntry(entry);
    assertThat(e).as(entry).isNotNull();
    try (InputStream in = jar.getInputStream(e)) {
      return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
          .map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty())
          .collect(Collectors.toList());
    }
  }

  /** A class file's bytes as Latin-1 text: enough to find a string constant in its constant pool. */
  private String constantPool(String name) throws IOException {
    ZipEntry e = jar.getEntry(name);
    assertThat(e).as(name).isNotNull();
    try (InputStream in = jar.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** The class file's major version (bytes 6-7 after the CAFEBABE magic). */
  private int majorVersion(String name) throws IOException {
    try (DataInputStream in = new DataInputStream(jar.getInputStream(jar.getEntry(name)))) {
      int magic = in.readInt();
      assertThat(magic).as(name + " magic").isEqualTo(0xCAFEBABE);
      in.readUnsignedShort();
      return in.readUnsignedShort();
    }
  }
}
