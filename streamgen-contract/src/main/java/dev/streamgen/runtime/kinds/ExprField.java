package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;

/**
 * {@code type: expr}: a number computed from other numeric fields of the same event ({@code price *
 * quantity}). Every field's value is a pure function of (seed, row), so the operands are not read
 * from the row being written: they are drawn again, from copies of their packed words, by their
 * kinds' own static draws ({@link PackedCatalog#number}). No evaluation order, no per-row state.
 *
 * <p>The compiler parses the expression once into a postfix program. Each instruction is one word:
 * opcode in the low 8 bits, argument (a literal's or an operand's index) in bits 8 to 31, and for a
 * binary operator the program index of its left operand's last instruction in the high 32 bits (the
 * right operand's last is the instruction before). Evaluation walks the program from its last
 * instruction down, recursively, so it needs no stack array and allocates nothing per row.
 *
 * <p>Whole results ({@code int}, {@code long}) evaluate in 64-bit integers, double results in
 * doubles, rounded to {@code precision} decimals as {@link DoubleField} rounds; the compiler proves
 * from the operands' ranges that no whole intermediate overflows, no double leaves the finite range
 * and no divisor can be 0. Encoded as {@code int} ({@link IntField}), {@code long} ({@link
 * LongField}) or {@code double} ({@link FloatField}) fields are. When an operand is null (a nullable
 * operand), the value is null: the compiler makes such a field nullable, and {@link NullableField}
 * asks {@link #anyNull}.
 *
 * <p>Packed: result, precision, Protobuf tag (bit 32 set for zig-zag), program length P, literal
 * count L, operand count K, the P instructions, the L literals (longs, or double bits for a double
 * result), K operand offsets (from the first word), then each operand as a packed field: head word
 * (kind code, {@link NullableField#FLAG} when nullable) and its words.
 */
public abstract class ExprField extends FieldGenerator {
  static final int CODE = 28;

  /** Opcodes. */
  public static final int CONST = 0;
  public static final int LOAD = 1;
  public static final int NEG = 2;
  public static final int ABS = 3;
  public static final int ADD = 4;
  public static final int SUB = 5;
  public static final int MUL = 6;
  public static final int DIV = 7;
  public static final int MIN = 8;
  public static final int MAX = 9;

  private static final int INT = 0;
  private static final int LONG = 1;
  private static final int DOUBLE = 2;
  private static final long ZIG_ZAG = 1L << 32;

  private static final int RESULT = 0;
  private static final int PRECISION = 1;
  private static final int PROTO = 2;
  private static final int PROGRAM_LENGTH = 3;
  private static final int LITERAL_COUNT = 4;
  private static final int OPERAND_COUNT = 5;
  private static final int PROGRAM = 6;

  private final int result;
  private final int precision;
  private final long proto;
  private final long[] program;
  private final long[] literals;
  private final FieldGenerator[] operands;
  /** This field alone, packed: what the typed {@code value} evaluates, with the packed path's code. */
  private final long[] words;

  private ExprField(
      String name, int index, int result, int precision, long proto, long[] program, long[] literals, FieldGenerator[] operands) {
    super(name, index);
    if (program.length == 0) {
      throw new IllegalArgumentException("field '" + name + "': empty expression program");
    }
    this.result = result;
    this.precision = precision;
    this.proto = proto;
    this.program = program.clone();
    this.literals = literals.clone();
    this.operands = operands.clone();
    Packer p = new Packer();
    pack(p, Format.BINARY);
    this.words = p.code();
  }

  @Override
  public final String kind() {
    return "expr";
  }

  @Override
  final int code() {
    return CODE;
  }

  @Override
  final void pack(Packer p, Format format) {
    int at = p.words();
    p.word(result);
    p.word(precision);
    p.word(proto);
    p.word(program.length);
    p.word(literals.length);
    p.word(operands.length);
    for (long instruction : program) {
      p.word(instruction);
    }
    for (long literal : literals) {
      p.word(literal);
    }
    int offsets = p.words();
    for (int i = 0; i < operands.length; i++) {
      p.word(0);
    }
    for (int i = 0; i < operands.length; i++) {
      p.set(offsets + i, p.words() - at);
      int head = p.word(0);
      operands[i].pack(p, format);
      p.set(head, operands[i].code() | ((long) (p.words() - head) << 8));
    }
  }

  @Override
  final boolean nullValue(long seed, long row) {
    return anyNull(words, 0, seed, row);
  }

  final long wholeValue(long seed, long row) {
    return whole(words, 0, program.length - 1, seed, row);
  }

  final double doubleValue(long seed, long row) {
    return DoubleField.round(real(words, 0, program.length - 1, seed, row), precision);
  }

  /** {@code result: int}. */
  public static final class IntResult extends ExprField {
    /** @param zigZag Protobuf sint32 (the value may be negative) rather than int32 */
    public IntResult(String name, int index, long[] program, long[] literals, FieldGenerator[] operands, boolean zigZag) {
      super(name, index, INT, DoubleField.UNROUNDED, tag(name, index, ProtobufWriter.WIRE_VARINT) | (zigZag ? ZIG_ZAG : 0), program, literals, operands);
    }

    public int value(long seed, long row, long eventTimeMicros) {
      return (int) wholeValue(seed, row);
    }

    public void writeJson(ByteWriter out, int value) {
      out.write(jsonKey);
      IntField.encode(Format.JSON, out, value, super.proto);
    }

    public void writeAvro(ByteWriter out, int value) {
      IntField.encode(Format.AVRO, out, value, super.proto);
    }

    public void writeBinary(ByteWriter out, int value) {
      IntField.encode(Format.BINARY, out, value, super.proto);
    }

    public void writeProtobuf(ByteWriter out, int value) {
      IntField.encode(Format.PROTOBUF, out, value, super.proto);
    }
  }

  /** {@code result: long}. */
  public static final class LongResult extends ExprField {
    /** @param zigZag Protobuf sint64 (the value may be negative) rather than int64 */
    public LongResult(String name, int index, long[] program, long[] literals, FieldGenerator[] operands, boolean zigZag) {
      super(name, index, LONG, DoubleField.UNROUNDED, tag(name, index, ProtobufWriter.WIRE_VARINT) | (zigZag ? ZIG_ZAG : 0), program, literals, operands);
    }

    public long value(long seed, long row, long eventTimeMicros) {
      return wholeValue(seed, row);
    }

    public void writeJson(ByteWriter out, long value) {
      out.write(jsonKey);
      LongField.encode(Format.JSON, out, value, super.proto);
    }

    public void writeAvro(ByteWriter out, long value) {
      LongField.encode(Format.AVRO, out, value, super.proto);
    }

    public void writeBinary(ByteWriter out, long value) {
      LongField.encode(Format.BINARY, out, value, super.proto);
    }

    public void writeProtobuf(ByteWriter out, long value) {
      LongField.encode(Format.PROTOBUF, out, value, super.proto);
    }
  }

  /** {@code result: double}, rounded to {@code precision} decimals unless {@link DoubleField#UNROUNDED}. */
  public static final class DoubleResult extends ExprField {
    public DoubleResult(String name, int index, long[] program, long[] literals, FieldGenerator[] operands, int precision) {
      super(name, index, DOUBLE, checkedPrecision(name, precision), tag(name, index, ProtobufWriter.WIRE_FIXED64), program, literals, operands);
    }

    public double value(long seed, long row, long eventTimeMicros) {
      return doubleValue(seed, row);
    }

    public void writeJson(ByteWriter out, double value) {
      out.write(jsonKey);
      FloatField.encode(Format.JSON, out, value, (int) super.proto);
    }

    public void writeAvro(ByteWriter out, double value) {
      FloatField.encode(Format.AVRO, out, value, (int) super.proto);
    }

    public void writeBinary(ByteWriter out, double value) {
      FloatField.encode(Format.BINARY, out, value, (int) super.proto);
    }

    public void writeProtobuf(ByteWriter out, double value) {
      FloatField.encode(Format.PROTOBUF, out, value, (int) super.proto);
    }
  }

  /** The Protobuf key of field {@code index} (before the instance exists to ask {@link #protoTag}). */
  private static long tag(String name, int index, int wireType) {
    if (index < 0) {
      throw new IllegalArgumentException("field '" + name + "': index " + index + " is negative");
    }
    return ((index + 1) << 3) | wireType;
  }

  private static int checkedPrecision(String name, int precision) {
    if (precision < DoubleField.UNROUNDED || precision > DoubleField.MAX_PRECISION) {
      throw new IllegalArgumentException("field '" + name + "': precision " + precision + " is not in 0.." + DoubleField.MAX_PRECISION);
    }
    return precision;
  }

  // ---- packed ----

  /** Whether an operand of the packed field whose words start at {@code at} is null in {@code row}. */
  static boolean anyNull(long[] c, int at, long seed, long row) {
    int first = operandOffsets(c, at);
    for (int i = 0, n = (int) c[at + OPERAND_COUNT]; i < n; i++) {
      int o = at + (int) c[first + i];
      int kind = (int) c[o] & 0xFF;
      if ((kind & NullableField.FLAG) != 0 && NullableField.isNull(c, o + 1, kind & ~NullableField.FLAG, seed, row)) {
        return true;
      }
    }
    return false;
  }

  static void write(long[] c, int at, Format format, long seed, long row, ByteWriter out) {
    int last = (int) c[at + PROGRAM_LENGTH] - 1;
    switch ((int) c[at + RESULT]) {
      case INT:
        IntField.encode(format, out, (int) whole(c, at, last, seed, row), c[at + PROTO]);
        return;
      case LONG:
        LongField.encode(format, out, whole(c, at, last, seed, row), c[at + PROTO]);
        return;
      default:
        FloatField.encode(format, out, DoubleField.round(real(c, at, last, seed, row), (int) c[at + PRECISION]), (int) c[at + PROTO]);
    }
  }

  static String text(long[] c, int at, long seed, long row) {
    int last = (int) c[at + PROGRAM_LENGTH] - 1;
    switch ((int) c[at + RESULT]) {
      case INT:
        return Integer.toString((int) whole(c, at, last, seed, row));
      case LONG:
        return Long.toString(whole(c, at, last, seed, row));
      default:
        return JsonWriter.doubleText(DoubleField.round(real(c, at, last, seed, row), (int) c[at + PRECISION]));
    }
  }

  // Spark's least and greatest: the left operand unless the right one is strictly smaller (larger).
  // Unlike Math.min, -0.0 and 0.0 tie, as in Spark's ordering of doubles.
  private static long min(long left, long right) {
    return right < left ? right : left;
  }

  private static long max(long left, long right) {
    return right > left ? right : left;
  }

  private static double min(double left, double right) {
    return right < left ? right : left;
  }

  private static double max(double left, double right) {
    return right > left ? right : left;
  }

  private static int operandOffsets(long[] c, int at) {
    return at + PROGRAM + (int) c[at + PROGRAM_LENGTH] + (int) c[at + LITERAL_COUNT];
  }

  /** Where operand {@code i}'s head word is. */
  private static int operand(long[] c, int at, int i) {
    return at + (int) c[operandOffsets(c, at) + i];
  }

  private static long literal(long[] c, int at, int i) {
    return c[at + PROGRAM + (int) c[at + PROGRAM_LENGTH] + i];
  }

  /** The value of the instruction at program index {@code pc} in 64-bit integers (every operand whole). */
  private static long whole(long[] c, int at, int pc, long seed, long row) {
    long instruction = c[at + PROGRAM + pc];
    int argument = (int) (instruction >>> 8) & 0xFFFFFF;
    int left = (int) (instruction >>> 32);
    switch ((int) instruction & 0xFF) {
      case CONST:
        return literal(c, at, argument);
      case LOAD:
        int o = operand(c, at, argument);
        int kind = (int) c[o] & 0xFF;
        return (kind & NullableField.FLAG) == 0
            ? PackedCatalog.wholeNumber(kind, c, o + 1, seed, row)
            : PackedCatalog.wholeNumber(kind & ~NullableField.FLAG, c, o + 1 + NullableField.WORDS, seed, row);
      case NEG:
        return -whole(c, at, pc - 1, seed, row);
      case ABS:
        return Math.abs(whole(c, at, pc - 1, seed, row));
      case ADD:
        return whole(c, at, left, seed, row) + whole(c, at, pc - 1, seed, row);
      case SUB:
        return whole(c, at, left, seed, row) - whole(c, at, pc - 1, seed, row);
      case MUL:
        return whole(c, at, left, seed, row) * whole(c, at, pc - 1, seed, row);
      case MIN:
        return min(whole(c, at, left, seed, row), whole(c, at, pc - 1, seed, row));
      case MAX:
        return max(whole(c, at, left, seed, row), whole(c, at, pc - 1, seed, row));
      default:
        throw new IllegalStateException("opcode " + (instruction & 0xFF) + " in a whole expression");
    }
  }

  /** The value of the instruction at program index {@code pc} in doubles. */
  private static double real(long[] c, int at, int pc, long seed, long row) {
    long instruction = c[at + PROGRAM + pc];
    int argument = (int) (instruction >>> 8) & 0xFFFFFF;
    int left = (int) (instruction >>> 32);
    switch ((int) instruction & 0xFF) {
      case CONST:
        return Double.longBitsToDouble(literal(c, at, argument));
      case LOAD:
        int o = operand(c, at, argument);
        int kind = (int) c[o] & 0xFF;
        return (kind & NullableField.FLAG) == 0
            ? PackedCatalog.number(kind, c, o + 1, seed, row)
            : PackedCatalog.number(kind & ~NullableField.FLAG, c, o + 1 + NullableField.WORDS, seed, row);
      case NEG:
        return -real(c, at, pc - 1, seed, row);
      case ABS:
        return Math.abs(real(c, at, pc - 1, seed, row));
      case ADD:
        return real(c, at, left, seed, row) + real(c, at, pc - 1, seed, row);
      case SUB:
        return real(c, at, left, seed, row) - real(c, at, pc - 1, seed, row);
      case MUL:
        return real(c, at, left, seed, row) * real(c, at, pc - 1, seed, row);
      case DIV:
        return real(c, at, left, seed, row) / real(c, at, pc - 1, seed, row);
      case MIN:
        return min(real(c, at, left, seed, row), real(c, at, pc - 1, seed, row));
      case MAX:
        return max(real(c, at, left, seed, row), real(c, at, pc - 1, seed, row));
      default:
        throw new IllegalStateException("opcode " + (instruction & 0xFF));
    }
  }
}
