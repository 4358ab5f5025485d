package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Event types packed for the per-row loop, for one format: every type's constants in one array of
 * words and one of bytes, type after type, so a row of a random type reads one short run of each (a
 * few cache lines) instead of a dozen objects the garbage collector scattered. The loop is the same
 * few methods for every catalog; each field kind's static {@code write}/{@code text} reads its own
 * words. Only what the format needs is packed (a string value's bytes in that format, JSON keys only
 * for JSON): with thousands of types what a row reads must stay small to stay in the CPU's caches.
 *
 * <p>Layout. A reference to bytes is one word, offset in the high 32 bits and length in the low 32.
 * A type: its id's UTF-8 (reference), the bytes before its fields (reference: Avro's single-object
 * header, empty otherwise), its field count, then its fields. A field: a head word (kind code in the
 * low 8 bits, with {@link NullableField#FLAG} set when nullable, the field's length in words above),
 * in JSON its key with separator (reference), then the words its kind's {@code pack} wrote (a
 * nullable field: its null draw's, then its kind's). A struct's, an array's or a map's words hold its
 * children as fields of this layout ({@link #packField}), which {@link #writeField} writes.
 *
 * <p>Immutable and thread-safe.
 */
public final class PackedCatalog {
  private static final int ID = 0;
  private static final int PREFIX = 1;
  private static final int FIELD_COUNT = 2;
  private static final int FIRST_FIELD = 3;

  private static final int WORDS_PER_LINE = 8;
  private static final int BYTES_PER_LINE = 64;
  /** Cache lines of a type's words, and of its bytes, that {@link #prefetch} loads at most. */
  private static final int PREFETCH_LINES = 32;

  /** Where each type's words start; one more entry, the end of the last type. */
  private final int[] typeAt;
  /** Where each type's bytes start; one more entry, the end of the last type's bytes. */
  private final int[] bytesAt;
  private final long[] code;
  private final byte[] bytes;

  private final Format format;
  /** Per type, its change stream when its deletes are followed by tombstones; null when no type's are. */
  private final ChangeRows[] tombstones;
  /** When the run's rows happen, for session times ({@link SessionField}); null when not given. */
  private final RowClock clock;

  private PackedCatalog(Format format, int[] typeAt, int[] bytesAt, long[] code, byte[] bytes, ChangeRows[] tombstones,
      RowClock clock) {
    this.format = format;
    this.tombstones = tombstones;
    this.typeAt = typeAt;
    this.bytesAt = bytesAt;
    this.code = code;
    this.bytes = bytes;
    this.clock = clock;
  }

  /**
   * This catalog for a run whose rows happen at {@code clock} (sharing its arrays): a session time
   * ({@link SessionField}) then counts from its session's first row's event time. Without it a
   * session time is the row's event time.
   */
  public PackedCatalog clock(RowClock clock) {
    return clock.sameAs(this.clock) ? this : new PackedCatalog(format, typeAt, bytesAt, code, bytes, tombstones, clock);
  }

  /** The row the run ends before (its clock's), which a reference to later rows must not reach; none without a clock. */
  long endRow() {
    return clock == null ? Long.MAX_VALUE : clock.endRow();
  }
  /**
   * Packs the kernels for writing in {@code format}, in order: type {@code i} of the result is
   * {@code kernels.get(i)}.
   */
  public static PackedCatalog of(List<EventTypeKernel> kernels, Format format) {
    return of(kernels, format, null);
  }

  /**
   * As {@link #of(List, Format)}, each type's payload starting with {@code prefixes[i]} instead of
   * the format's own (Avro's single-object header, else nothing): a registry's framing, computed
   * once per type, so the per-row loop copies it as it copies the header. Null: the format's own.
   */
  public static PackedCatalog of(List<EventTypeKernel> kernels, Format format, byte[][] prefixes) {
    byte[] noPrefix = new byte[0];
    Packer p = new Packer();
    int types = kernels.size();
    int[] typeAt = new int[types + 1];
    int[] bytesAt = new int[types + 1];
    ChangeRows[] tombstones = null;
    for (int t = 0; t < types; t++) {
      EventTypeKernel kernel = kernels.get(t);
      ChangeRows changes = kernel.tombstones();
      if (changes != null) {
        tombstones = tombstones == null ? new ChangeRows[types] : tombstones;
        tombstones[t] = changes;
      }
      typeAt[t] = p.words();
      bytesAt[t] = p.byteCount();
      p.ref(kernel.eventTypeId().getBytes(StandardCharsets.UTF_8));
      p.ref(prefixes != null ? prefixes[t] : format == Format.AVRO ? kernel.avroHeader() : noPrefix);
      p.word(kernel.fieldCount());
      for (int f = 0; f < kernel.fieldCount(); f++) {
        FieldGenerator field = kernel.field(f);
        packField(p, field, format, field.jsonKey);
      }
    }
    typeAt[types] = p.words();
    bytesAt[types] = p.byteCount();
    return new PackedCatalog(format, typeAt, bytesAt, p.code(), p.byteArray(), tombstones, null);
  }

  /**
   * Whether some type's rows can be tombstones ({@link EventKernel#isTombstone}): rows whose unified
   * payload is null. One null check per row when no type has them.
   */
  public boolean hasTombstones() {
    return tombstones != null;
  }

  /** Whether row {@code row} of type {@code type} is a tombstone (see {@link #hasTombstones}). */
  public boolean isTombstone(int type, long seed, long row) {
    return tombstones != null && tombstones[type] != null && tombstones[type].op(seed, row) == 't';
  }

  /**
   * Appends one field: its head, in JSON {@code key} (its own key; an array's item has none), and
   * its kind's words. A struct, array or map packs its children this way inside its own words.
   */
  static void packField(Packer p, FieldGenerator field, Format format, byte[] key) {
    int head = p.word(0);
    if (format == Format.JSON) {
      p.ref(key);
    }
    field.pack(p, format);
    p.set(head, field.code() | ((long) (p.words() - head) << 8));
  }

  /**
   * A struct's, array's or map's first word: where its JSON copy is. Its text (a partition key's, {@link
   * #fieldText}) is its JSON, whose keys only JSON packs; so in the other formats such a field packs
   * itself once more, in JSON, after its own words ({@link #endNested}). Returns the word's index.
   */
  static int beginNested(Packer p) {
    return p.word(0);
  }

  /** Appends the JSON copy of {@code field} (not in JSON, where the field is its own copy) and points the first word at it. */
  static void endNested(Packer p, FieldGenerator field, Format format, int copyWord) {
    if (format != Format.JSON) {
      p.set(copyWord, p.words() - copyWord);
      packField(p, field, Format.JSON, new byte[0]);
    }
  }

  /** The JSON text of the packed struct, array or map whose constants start at {@code at}. */
  private String nestedText(int kind, long[] c, int at, long seed, long row, long eventTimeMicros) {
    ByteWriter out = new ByteWriter();
    if (c[at] == 0) {
      writeValue(kind, c, at, Format.JSON, seed, row, eventTimeMicros, out);
    } else {
      writeField(c, at + (int) c[at], Format.JSON, seed, row, eventTimeMicros, out);
    }
    return new String(out.array(), 0, out.size(), StandardCharsets.UTF_8);
  }

  public int size() {
    return typeAt.length - 1;
  }

  /** The format {@link #write} writes. */
  public Format format() {
    return format;
  }

  /**
   * Reads one word of every cache line of type {@code type}'s words and bytes, so that they are on
   * their way to the CPU's caches while the current row is written: the per-row loop calls this for
   * the next row's type. The loads are independent, so the CPU overlaps their misses instead of
   * taking them one after another as the row's fields are walked. At most {@link
   * #PREFETCH_LINES} lines of each: a type with large value tables (a faker pool, a long value
   * list) reads a few of their entries per row, not all of them, and touching every line of tens of
   * kilobytes per row would cost more than the misses it hides. Returns a value to keep the loads
   * from being optimized away.
   */
  public long prefetch(int type) {
    long sum = 0;
    int from = typeAt[type];
    for (int w = from, end = Math.min(typeAt[type + 1], from + PREFETCH_LINES * WORDS_PER_LINE); w < end; w += WORDS_PER_LINE) {
      sum += code[w];
    }
    int fromByte = bytesAt[type];
    for (int b = fromByte, end = Math.min(bytesAt[type + 1], fromByte + PREFETCH_LINES * BYTES_PER_LINE); b < end; b += BYTES_PER_LINE) {
      sum += bytes[b];
    }
    return sum;
  }

  /** Appends the serialized event of {@code row}, of type {@code type}, in {@link #format()}, to {@code out}. */
  public void write(int type, long seed, long row, long eventTimeMicros, ByteWriter out) {
    long[] c = code;
    Format format = this.format;
    boolean json = format == Format.JSON;
    int at = typeAt[type];
    int fields = (int) c[at + FIELD_COUNT];
    writeRef(c[at + PREFIX], out);
    if (json && fields == 0) {
      out.write('{');
    }
    at += FIRST_FIELD;
    // The member of the row's last reference to a pool: references to one (pool, role) pack the same
    // pick words, so the next one reuses it instead of drawing it again (a zipf draw is a pow).
    int pickAt = -1;
    int pickLength = 0;
    long member = 0;
    for (int f = 0; f < fields; f++) {
      long head = c[at];
      if (((int) head & 0xFF) != MemberPick.CODE) {
        at = writeField(c, at, format, seed, row, eventTimeMicros, out);
        continue;
      }
      // A reference to a pool member, not nullable (writeField and RefField.write, with the member kept).
      int constants = at + 1;
      if (json) {
        writeRef(c[constants++], out);
      }
      int target = constants + (int) c[constants];
      int pick = constants + 1;
      if (!samePick(c, pickAt, pickLength, pick, target - pick)) {
        member = MemberPick.sourceRow(c, pick, seed, row);
        pickAt = pick;
        pickLength = target - pick;
      }
      writeField(c, target, format, seed, member, eventTimeMicros, out);
      at += (int) (head >>> 8);
    }
    if (json) {
      out.write('}');
    }
  }

  /** Whether the pick words at {@code b} are those at {@code a} (none when {@code a} is negative). */
  private static boolean samePick(long[] c, int a, int aLength, int b, int bLength) {
    if (a < 0 || aLength != bLength) {
      return false;
    }
    for (int i = 0; i < bLength; i++) {
      if (c[a + i] != c[b + i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes the packed field whose head is at {@code at} (in JSON with its key) and returns where the
   * next field's head is. A struct, array or map writes its children with it.
   */
  int writeField(long[] c, int at, Format format, long seed, long row, long eventTimeMicros, ByteWriter out) {
    long head = c[at];
    int constants = at + 1;
    if (format == Format.JSON) {
      writeRef(c[constants++], out);
    }
    int kind = (int) head & 0xFF;
    if ((kind & NullableField.FLAG) == 0) {
      writeValue(kind, c, constants, format, seed, row, eventTimeMicros, out);
    } else if (!NullableField.writeNullOrPresence(c, constants, kind & ~NullableField.FLAG, format, seed, row, out)) {
      int mark = out.size();
      writeValue(kind & ~NullableField.FLAG, c, constants + NullableField.WORDS, format, seed, row, eventTimeMicros, out);
      NullableField.afterPackedValue(c, constants, bytes, format, mark, out);
    }
    return at + (int) (head >>> 8);
  }

  /** Writes the value of the packed field of kind code {@code kind} whose constants start at {@code at}. */
  private void writeValue(int kind, long[] c, int at, Format format, long seed, long row, long eventTimeMicros, ByteWriter out) {
    switch (kind) {
      case IntField.CODE:
        IntField.write(c, at, format, seed, row, out);
        break;
      case FloatField.CODE:
        FloatField.write(c, at, format, seed, row, out);
        break;
      case IntField.SKEWED_CODE:
        IntField.writeSkewed(c, at, format, seed, row, out);
        break;
      case FloatField.SKEWED_CODE:
        FloatField.writeSkewed(c, at, format, seed, row, out);
        break;
      case StringField.CODE:
      case EnumField.CODE: // packed like a string field: only the pre-encoded bytes differ
        StringField.write(c, at, bytes, seed, row, false, out);
        break;
      case StringField.WEIGHTED_BY_CODE:
        StringField.write(c, at, bytes, seed, row, true, out);
        break;
      case DecimalField.CODE:
        DecimalField.write(c, at, format, seed, row, out);
        break;
      case BytesField.CODE:
        BytesField.write(c, at, format, seed, row, out);
        break;
      case UuidField.CODE:
        UuidField.write(c, at, format, seed, row, out);
        break;
      case TimestampField.CODE:
        TimestampField.write(c, at, format, seed, row, eventTimeMicros, out);
        break;
      case SequenceField.CODE:
        SequenceField.write(c, at, bytes, format, row, out);
        break;
      case TemplateField.CODE:
        TemplateField.write(c, at, bytes, format, seed, row, out);
        break;
      case RegexField.CODE:
        RegexField.write(c, at, format, seed, row, out);
        break;
      case LongField.CODE:
        LongField.write(c, at, format, seed, row, out);
        break;
      case DoubleField.CODE:
        DoubleField.write(c, at, format, seed, row, out);
        break;
      case LongField.SKEWED_CODE:
        LongField.writeSkewed(c, at, format, seed, row, out);
        break;
      case DoubleField.SKEWED_CODE:
        DoubleField.writeSkewed(c, at, format, seed, row, out);
        break;
      case BooleanField.CODE:
        BooleanField.write(c, at, format, seed, row, out);
        break;
      case DateField.CODE:
        DateField.write(c, at, format, seed, row, out);
        break;
      case StructField.CODE:
        StructField.write(this, c, at, format, seed, row, eventTimeMicros, out);
        break;
      case ArrayField.CODE:
        ArrayField.write(this, c, at, bytes, format, seed, row, eventTimeMicros, out);
        break;
      case ExprField.CODE:
        ExprField.write(c, at, format, seed, row, out);
        break;
      case MapField.CODE:
        MapField.write(this, c, at, bytes, format, seed, row, eventTimeMicros, out);
        break;
      case MemberPick.CODE:
      case EmittedRows.CODE:
      case ChangeRowSource.CODE:
      case SessionRowSource.CODE:
        RefField.write(this, kind, c, at, format, seed, row, eventTimeMicros, out);
        break;
      case ChangeImageField.CODE:
        ChangeImageField.write(this, c, at, format, seed, row, eventTimeMicros, out);
        break;
      case ChangeOpField.CODE:
        ChangeOpField.write(c, at, format, seed, row, out);
        break;
      case ChangeNumberField.CODE:
        ChangeNumberField.write(c, at, format, row, eventTimeMicros, out);
        break;
      case UniqueNumberField.CODE:
        UniqueNumberField.write(c, at, format, seed, row, out);
        break;
      case UuidField.UNIQUE_CODE:
        UuidField.writeUnique(c, at, format, seed, row, out);
        break;
      case SessionField.CODE:
        SessionField.write(c, at, format, seed, row, eventTimeMicros, clock, out);
        break;
      default:
        throw new IllegalStateException("unknown field kind code " + kind);
    }
  }

  /** The text of field {@code field} of type {@code type} (as JSON shows it, unquoted): partition keys. */
  public String fieldText(int type, int field, long seed, long row, long eventTimeMicros) {
    long[] c = code;
    int at = typeAt[type];
    int fields = (int) c[at + FIELD_COUNT];
    if (field < 0 || field >= fields) {
      throw new IndexOutOfBoundsException("field " + field + " of type " + type + "; it has " + fields);
    }
    at += FIRST_FIELD;
    for (int f = 0; f < field; f++) {
      at += (int) (c[at] >>> 8);
    }
    return textAt(at, seed, row, eventTimeMicros);
  }

  /** The text of the packed field whose head is at {@code at}: {@link #fieldText}, and a reference's target. */
  String textAt(int at, long seed, long row, long eventTimeMicros) {
    long[] c = code;
    int constants = at + (format == Format.JSON ? 2 : 1);
    int kind = (int) c[at] & 0xFF;
    if ((kind & NullableField.FLAG) != 0) {
      kind &= ~NullableField.FLAG;
      if (NullableField.isNull(c, constants, kind, seed, row)) {
        return "null";
      }
      constants += NullableField.WORDS;
    }
    switch (kind) {
      case IntField.CODE:
        return IntField.text(c, constants, seed, row);
      case FloatField.CODE:
        return FloatField.text(c, constants, seed, row);
      case IntField.SKEWED_CODE:
        return IntField.skewedText(c, constants, seed, row);
      case FloatField.SKEWED_CODE:
        return FloatField.skewedText(c, constants, seed, row);
      case StringField.CODE:
      case EnumField.CODE:
        return StringField.text(c, constants, bytes, seed, row, false);
      case StringField.WEIGHTED_BY_CODE:
        return StringField.text(c, constants, bytes, seed, row, true);
      case DecimalField.CODE:
        return DecimalField.text(c, constants, seed, row);
      case BytesField.CODE:
        return BytesField.text(c, constants, seed, row);
      case UuidField.CODE:
        return UuidField.text(c, constants, seed, row);
      case TimestampField.CODE:
        return TimestampField.text(c, constants, seed, row, eventTimeMicros);
      case SequenceField.CODE:
        return SequenceField.text(c, constants, bytes, row);
      case TemplateField.CODE:
        return TemplateField.text(c, constants, bytes, seed, row);
      case RegexField.CODE:
        return RegexField.text(c, constants, seed, row);
      case LongField.CODE:
        return LongField.text(c, constants, seed, row);
      case DoubleField.CODE:
        return DoubleField.text(c, constants, seed, row);
      case LongField.SKEWED_CODE:
        return LongField.skewedText(c, constants, seed, row);
      case DoubleField.SKEWED_CODE:
        return DoubleField.skewedText(c, constants, seed, row);
      case BooleanField.CODE:
        return BooleanField.text(c, constants, seed, row);
      case DateField.CODE:
        return DateField.text(c, constants, seed, row);
      case StructField.CODE:
      case ArrayField.CODE:
      case MapField.CODE:
        return nestedText(kind, c, constants, seed, row, eventTimeMicros);
      case ExprField.CODE:
        return ExprField.text(c, constants, seed, row);
      case MemberPick.CODE:
      case EmittedRows.CODE:
      case ChangeRowSource.CODE:
      case SessionRowSource.CODE:
        return RefField.text(this, kind, c, constants, seed, row, eventTimeMicros);
      case ChangeImageField.CODE:
        return nestedText(StructField.CODE, c, ChangeImageField.structAt(c, constants), seed, row, eventTimeMicros);
      case ChangeOpField.CODE:
        return ChangeOpField.text(c, constants, seed, row);
      case ChangeNumberField.CODE:
        return ChangeNumberField.text(c, constants, row, eventTimeMicros);
      case UniqueNumberField.CODE:
        return UniqueNumberField.text(c, constants, seed, row);
      case UuidField.UNIQUE_CODE:
        return UuidField.uniqueText(c, constants, seed, row);
      case SessionField.CODE:
        return SessionField.text(c, constants, seed, row, eventTimeMicros, clock);
      default:
        throw new IllegalStateException("unknown field kind code " + kind);
    }
  }

  /**
   * The value of the packed numeric field of kind code {@code kind} (not nullable) whose constants
   * start at {@code at}, as a double: an {@link ExprField}'s operand, drawn again.
   */
  static double number(int kind, long[] c, int at, long seed, long row) {
    switch (kind) {
      case FloatField.CODE:
        return FloatField.packedDraw(c, at, seed, row);
      case DoubleField.CODE:
        return DoubleField.packedDraw(c, at, seed, row);
      case FloatField.SKEWED_CODE:
        return FloatField.skewed(c, at, seed, row);
      case DoubleField.SKEWED_CODE:
        return DoubleField.skewed(c, at, seed, row);
      default:
        return wholeNumber(kind, c, at, seed, row);
    }
  }

  /** {@link #number} of a whole kind ({@code int}, {@code long}), exactly. */
  static long wholeNumber(int kind, long[] c, int at, long seed, long row) {
    switch (kind) {
      case IntField.CODE:
        return IntField.number(c, at, seed, row);
      case IntField.SKEWED_CODE:
        return IntField.skewed(c, at, seed, row);
      case LongField.CODE:
        return LongField.number(c, at, seed, row);
      case LongField.SKEWED_CODE:
        return LongField.skewed(c, at, seed, row);
      default:
        throw new IllegalStateException("field kind code " + kind + " is not a number");
    }
  }

  /** The packed bytes, for {@link #typeIdOffset}: shared, do not modify. */
  public byte[] bytes() {
    return bytes;
  }

  /** Where type {@code type}'s id is in {@link #bytes()}, UTF-8. */
  public int typeIdOffset(int type) {
    return Packer.offset(code[typeAt[type] + ID]);
  }

  public int typeIdLength(int type) {
    return Packer.length(code[typeAt[type] + ID]);
  }

  /** Heap held by the packed arrays, in bytes (for the benchmarks' memory figures). */
  public long packedBytes() {
    return 8L * code.length + bytes.length + 4L * (typeAt.length + bytesAt.length);
  }

  private void writeRef(long ref, ByteWriter out) {
    out.write(bytes, Packer.offset(ref), Packer.length(ref));
  }
}
