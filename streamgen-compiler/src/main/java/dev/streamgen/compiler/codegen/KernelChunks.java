package dev.streamgen.compiler.codegen;

import com.squareup.javapoet.ClassName;
import dev.streamgen.compiler.model.EventCatalog;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.Field;
import dev.streamgen.compiler.model.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * How one catalog's kernel constructors are split over classes: {@code <pkg>.kernels.<Stem>KernelsN}
 * (and their Spark columns over {@code <Stem>ColumnsN}),
 * each holding consecutive event types up to {@value #MAX_TYPES} of them or {@value #MAX_LITERALS}
 * literals (names, salts, bounds, string values), so no class nears the JVM's 65,535 constant-pool
 * entries. A sub-package because any PascalCase name in the types' own package could be an event
 * type's class name.
 */
public final class KernelChunks {
  /** The sub-package of the kernel classes, below the generated package. */
  public static final String SUBPACKAGE = "kernels";

  static final int MAX_TYPES = 500;
  /** Each literal takes one or two constant-pool entries; this leaves room for the rest. */
  static final int MAX_LITERALS = 20_000;

  private final List<ClassName> classes;
  private final List<ClassName> columnsClasses;
  /** First type index of each chunk, plus the catalog size at the end. */
  private final int[] starts;

  private KernelChunks(List<ClassName> classes, List<ClassName> columnsClasses, int[] starts) {
    this.classes = classes;
    this.columnsClasses = columnsClasses;
    this.starts = starts;
  }

  public static KernelChunks of(EventCatalog catalog, String javaPackage) {
    String stem = Identifiers.pascalCase(catalog.stem());
    List<Integer> starts = new ArrayList<>();
    List<EventType> types = catalog.eventTypes();
    int literals = 0;
    for (int i = 0; i < types.size(); i++) {
      int cost = literals(types.get(i));
      boolean full = !starts.isEmpty() && (i - starts.get(starts.size() - 1) >= MAX_TYPES || literals + cost > MAX_LITERALS);
      if (starts.isEmpty() || full) {
        starts.add(i);
        literals = 0;
      }
      literals += cost;
    }
    List<ClassName> classes = new ArrayList<>();
    List<ClassName> columnsClasses = new ArrayList<>();
    int[] bounds = new int[starts.size() + 1];
    for (int c = 0; c < starts.size(); c++) {
      classes.add(ClassName.get(javaPackage + "." + SUBPACKAGE, stem + "Kernels" + c));
      columnsClasses.add(ClassName.get(javaPackage + "." + SUBPACKAGE, stem + "Columns" + c));
      bounds[c] = starts.get(c);
    }
    bounds[starts.size()] = types.size();
    return new KernelChunks(List.copyOf(classes), List.copyOf(columnsClasses), bounds);
  }

  /** The literals of one type's kernel: its id and fingerprint, each field's name, salt and constants. */
  static int literals(EventType type) {
    int n = 2;
    for (Field f : type.fields()) {
      n += 2 + f.literalCount();
    }
    return n;
  }

  public int count() {
    return classes.size();
  }

  public ClassName className(int chunk) {
    return classes.get(chunk);
  }

  /** The class holding the Spark columns of the same types as {@link #className}. */
  public ClassName columnsClassName(int chunk) {
    return columnsClasses.get(chunk);
  }

  public int from(int chunk) {
    return starts[chunk];
  }

  /** One past the last type of {@code chunk}. */
  public int to(int chunk) {
    return starts[chunk + 1];
  }

  /** The chunk holding type {@code typeIndex}. */
  public int chunkOf(int typeIndex) {
    int lo = 0;
    int hi = classes.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= typeIndex) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The name of the method constructing type {@code typeIndex}'s kernel: {@code type17}. */
  public static String methodName(int typeIndex) {
    return "type" + typeIndex;
  }
}
