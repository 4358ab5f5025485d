package dev.streamgen.compiler.model;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * How YAML names become names in generated code and schemas. One mapping for Java fields, Avro
 * fields and Protobuf fields, so the three never disagree; validation rejects names whose mappings
 * collide or hit reserved words.
 */
public final class Identifiers {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /** Java keywords and literals: a field may not map to one. */
  public static final Set<String> JAVA_KEYWORDS =
      Set.of(
          "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class",
          "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
          "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
          "interface", "long", "native", "new", "package", "private", "protected", "public",
          "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
          "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false",
          "null", "_");

  /**
   * Names a field may not take although Java allows them: in generated classes a field's name hides
   * any type of the same simple name (JLS 6.4.2, obscuring), so these are the members and the types
   * the generated code refers to by simple name. A test checks this list against generated sources.
   */
  public static final Set<String> RESERVED =
      Set.of(
          "Kernel", "EVENT_TYPE_ID", "AVRO_FINGERPRINT",
          "Rng", "RngColumns", "ByteWriter", "Format", "EventKernel", "Catalog", "ColumnCatalog",
          "JsonWriter", "AvroWriter", "BinaryWriter", "ProtobufWriter", "Uuids", "Timestamps",
          "Column", "functions", "String", "Integer", "Long", "Double", "Math", "Object", "Override",
          "UUID", "List", "Arrays", "Collections", "IndexOutOfBoundsException", "IllegalStateException",
          "IOException", "InputStream", "ByteArrayOutputStream", "StandardCharsets", "UncheckedIOException",
          "Class", "ClassLoader", "IllegalArgumentException", "AssertionError", "StreamgenEnvelope",
          "EventTypeKernel", "FieldGenerator", "IntField", "FloatField", "StringField", "UuidField",
          "TimestampField", "NullableField", "Distribution", "SequenceField", "TemplateField",
          "LongField", "DoubleField", "BooleanField", "DateField", "LocalDate",
          "DecimalField", "BytesField", "EnumField", "BigDecimal", "IntStream",
          "StructField", "ArrayField", "ArrayList", "Boolean", "RegexField",
          "ExprField", "IntResult", "LongResult", "DoubleResult", "WeightsBy",
          "MapField", "Map", "LinkedHashMap",
          "ChangeRows", "ChangeRowSource", "ChangeImageField", "ChangeOpField", "ChangeNumberField", "RowsOfType", "SessionMachine", "SessionRowSource", "SessionField");

  private Identifiers() {}

  /**
   * The identifier of a field name in Java, Avro and Protobuf: characters other than ASCII letters,
   * digits and '_' become '_', and a name not starting with a letter gets an {@code f_} prefix
   * (Protobuf field names must start with a letter).
   */
  public static String identifier(String name) {
    StringBuilder b = new StringBuilder(name.length() + 2);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      b.append(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    if (b.length() == 0 || !isAsciiLetter(b.charAt(0))) {
      b.insert(0, "f_");
    }
    return b.toString();
  }

  /**
   * Protobuf's JSON name of a field identifier (lowerCamelCase: '_' dropped, the next letter upper
   * cased). protoc rejects two fields of one message with the same JSON name.
   */
  public static String protoJsonName(String identifier) {
    StringBuilder b = new StringBuilder(identifier.length());
    boolean upperNext = false;
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      if (c == '_') {
        upperNext = true;
      } else if (upperNext) {
        b.append(Character.toUpperCase(c));
        upperNext = false;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * PascalCase of an id or file stem: split at every character that is not a letter or digit,
   * upper-case each part's first letter ({@code user.session.start} → {@code UserSessionStart}).
   * A result starting with a digit gets an {@code E} prefix.
   */
  public static String pascalCase(String text) {
    StringBuilder b = new StringBuilder(text.length());
    boolean upperNext = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isAsciiLetter(c) || (c >= '0' && c <= '9')) {
        b.append(upperNext ? Character.toUpperCase(c) : c);
        upperNext = false;
      } else {
        upperNext = true;
      }
    }
    if (b.length() == 0 || !isAsciiLetter(b.charAt(0))) {
      b.insert(0, 'E');
    }
    return b.toString();
  }

  /** FNV-1a 64-bit of the UTF-8 bytes: the per-field salt, a compile-time constant. */
  public static long fnv1a64(String text) {
    long hash = FNV_OFFSET;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xFF;
      hash *= FNV_PRIME;
    }
    return hash;
  }

  /**
   * The public top-level types of {@code java.lang} from Java 8 to 21 (a fixed list, so a build's
   * verdict does not depend on the JDK running it). A generated class of such a name would shadow
   * the java.lang type in its package.
   */
  private static final Set<String> JAVA_LANG =
      Set.of(
          "AbstractMethodError", "Appendable", "ArithmeticException",
          "ArrayIndexOutOfBoundsException", "ArrayStoreException", "AssertionError",
          "AutoCloseable", "Boolean", "BootstrapMethodError", "Byte", "CharSequence", "Character",
          "Class", "ClassCastException", "ClassCircularityError", "ClassFormatError",
          "ClassLoader", "ClassNotFoundException", "ClassValue", "CloneNotSupportedException",
          "Cloneable", "Comparable", "Compiler", "Deprecated", "Double", "Enum",
          "EnumConstantNotPresentException", "Error", "Exception", "ExceptionInInitializerError",
          "Float", "FunctionalInterface", "IllegalAccessError", "IllegalAccessException",
          "IllegalArgumentException", "IllegalCallerException", "IllegalMonitorStateException",
          "IllegalStateException", "IllegalThreadStateException", "IncompatibleClassChangeError",
          "IndexOutOfBoundsException", "InheritableThreadLocal", "InstantiationError",
          "InstantiationException", "Integer", "InternalError", "InterruptedException", "Iterable",
          "LayerInstantiationException", "LinkageError", "Long", "Math", "MatchException",
          "Module", "ModuleLayer", "NegativeArraySizeException", "NoClassDefFoundError",
          "NoSuchFieldError", "NoSuchFieldException", "NoSuchMethodError", "NoSuchMethodException",
          "NullPointerException", "Number", "NumberFormatException", "Object", "OutOfMemoryError",
          "Override", "Package", "Process", "ProcessBuilder", "ProcessHandle", "Readable",
          "Record", "ReflectiveOperationException", "Runnable", "Runtime", "RuntimeException",
          "RuntimePermission", "SafeVarargs", "ScopedValue", "SecurityException",
          "SecurityManager", "Short", "StackOverflowError", "StackTraceElement", "StackWalker",
          "StrictMath", "String", "StringBuffer", "StringBuilder",
          "StringIndexOutOfBoundsException", "StringTemplate", "SuppressWarnings", "System",
          "Thread", "ThreadDeath", "ThreadGroup", "ThreadLocal", "Throwable",
          "TypeNotPresentException", "UnknownError", "UnsatisfiedLinkError",
          "UnsupportedClassVersionError", "UnsupportedOperationException", "VerifyError",
          "VirtualMachineError", "Void", "WrongThreadException");

  /** Whether a generated class of this simple name would shadow a {@code java.lang} type. */
  public static boolean shadowsJavaLang(String simpleName) {
    return JAVA_LANG.contains(simpleName);
  }

  /** Lower-cased for case-insensitive file systems, where UserPurchase.java and Userpurchase.java clash. */
  public static String fileKey(String className) {
    return className.toLowerCase(Locale.ROOT);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
