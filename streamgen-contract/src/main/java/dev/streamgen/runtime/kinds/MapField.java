package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.encode.Uuids;

/**
 * {@code type: map}: {@code size} entries with distinct string keys, the size uniform in [min, max]
 * on the field's salt. Keys are distinct by construction, so no format ever sees a duplicate:
 *
 * <ul>
 *   <li>keys from a list of {@code v} values (a string or enum key definition): entry {@code i}'s key
 *       is {@code keys[(offset + i × stride) mod v]}, offset uniform in [0, v) on salt + 2 and
 *       stride one of the units modulo v the compiler listed, picked on salt + 3; a unit steps
 *       through v distinct residues before repeating, and size ≤ v;
 *   <li>uuid keys: the version 4 UUID of the entry's row on salt + 2 and salt + 3 (its text):
 *       distinct unless two of at most 1000 random 122-bit values collide.
 * </ul>
 *
 * <p>Entry {@code i}'s value is its value generator's value for the row {@link #entryRow} (a hash of
 * the row on salt + 1 mixed with i), as an array's items. Per format (docs/formats.md): JSON an
 * object; Avro map (one block of the entries, then the 0 that ends it); binary an unsigned LEB128
 * count then key (a string) and value per entry; Protobuf {@code map<string, V>}: one entry
 * message per entry, key field 1 then value field 2, both written even when they are their type's
 * default (an empty key, a 0 value), as protobuf-java writes map entries.
 *
 * <p>The value generator is built with the map's name and index 1, so its Protobuf tag is an
 * entry's field 2; its JSON key is stripped after it, where the entry's key is.
 *
 * <p>Packed: the JSON copy's offset ({@link PackedCatalog#beginNested}), salt, min, max, Protobuf
 * tag, reference to the value's default bytes (Protobuf), key count v (0: uuid keys), stride count
 * and strides, a reference per key to its bytes in the format, then the value as a whole packed
 * field with an empty JSON key.
 */
public final class MapField extends FieldGenerator {
  static final int CODE = 22;
  /** Protobuf: an entry's key is its field 1, a string. */
  private static final int KEY_TAG = (1 << 3) | ProtobufWriter.WIRE_LENGTH_DELIMITED;
  private static final byte[] NO_KEY = new byte[0];

  private final long salt;
  private final long min;
  private final long max;
  private final String[] keys;
  private final long[] strides;
  private final FieldGenerator value;
  private final int proto;
  /** Protobuf, a value that wrote nothing (its type's default): its tag and zero value. */
  private final byte[] valueDefault;

  /**
   * @param keys the values keys are drawn from, empty for uuid keys
   * @param strides units modulo {@code keys.length} (empty for uuid keys)
   * @param value the values' generator, built with this field's name and index 1
   * @param valueWireType the Protobuf wire type of the values ({@link ProtobufWriter#WIRE_VARINT}, ...)
   */
  public MapField(
      String name, int index, long salt, int min, int max, String[] keys, long[] strides, FieldGenerator value, int valueWireType) {
    super(name, index);
    if (min < 0 || min > max || (keys.length > 0 && max > keys.length)) {
      throw new IllegalArgumentException("field '" + name + "': size [" + min + ", " + max + "] is not valid for " + keys.length + " keys");
    }
    if ((keys.length == 0) != (strides.length == 0)) {
      throw new IllegalArgumentException("field '" + name + "': listed keys need strides, uuid keys none");
    }
    for (long stride : strides) {
      if (stride <= 0 || gcd(stride, keys.length) != 1) {
        throw new IllegalArgumentException("field '" + name + "': stride " + stride + " is not a unit modulo " + keys.length);
      }
    }
    if (value.index() != 1 || value instanceof NullableField) {
      throw new IllegalArgumentException("field '" + name + "': the value generator must have index 1 and not be nullable");
    }
    this.salt = salt;
    this.min = min;
    this.max = max;
    this.keys = keys.clone();
    this.strides = strides.clone();
    this.value = value;
    this.proto = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
    this.valueDefault = NullableField.presentDefault(value.protoTag(valueWireType), valueWireType);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  @Override
  public String kind() {
    return "map";
  }

  @Override
  int code() {
    return CODE;
  }

  /** The values' generator. */
  public FieldGenerator value() {
    return value;
  }

  @Override
  void pack(Packer p, Format format) {
    int copy = PackedCatalog.beginNested(p);
    p.word(salt);
    p.word(min);
    p.word(max);
    p.word(proto);
    p.ref(format == Format.PROTOBUF ? valueDefault : NO_KEY);
    p.word(keys.length);
    p.word(strides.length);
    for (long stride : strides) {
      p.word(stride);
    }
    for (String key : keys) {
      ByteWriter w = new ByteWriter(key.length() + 4);
      writeKey(format, w, key);
      p.ref(w.toByteArray());
    }
    PackedCatalog.packField(p, value, format, NO_KEY);
    PackedCatalog.endNested(p, this, format, copy);
  }

  private static int size(long seed, long row, long salt, long min, long max) {
    return (int) Rng.between(Rng.hash(row, Rng.stream(seed, salt)), min, max);
  }

  /** The row entry {@code i} draws from: a hash of the row on salt + 1 mixed with i (Spark: {@code xxhash64(row, stream ^ i)}). */
  private static long entryRow(long seed, long row, long salt, int i) {
    return Rng.hash(row, Rng.stream(seed, salt + 1) ^ i);
  }

  /** Listed keys: the index of entry {@code i}'s key among {@code v}, the stride picked from {@code strideCount} at {@code strides[at]}. */
  private static int keyIndex(long seed, long row, long salt, int v, long[] strides, int at, int strideCount, int i) {
    long offset = Math.floorMod(Rng.hash(row, Rng.stream(seed, salt + 2)), (long) v);
    long stride = strides[at + (int) Math.floorMod(Rng.hash(row, Rng.stream(seed, salt + 3)), (long) strideCount)];
    return (int) ((offset + i * stride) % v);
  }

  /** Uuid keys: the text of entry {@code i}'s UUID, from its entry row. */
  private static String uuidKey(long seed, long entryRow, long salt) {
    return Uuids.toString(
        Uuids.msb(Rng.hash(entryRow, Rng.stream(seed, salt + 2))), Uuids.lsb(Rng.hash(entryRow, Rng.stream(seed, salt + 3))));
  }

  /** The number of entries of {@code row}. */
  public int size(long seed, long row) {
    return size(seed, row, salt, min, max);
  }

  /** The row entry {@code i} of {@code row} draws its value from: pass it to the value generator's {@code value}. */
  public long entryRow(long seed, long row, int i) {
    return entryRow(seed, row, salt, i);
  }

  /** Entry {@code i}'s key of {@code row}. */
  public String key(long seed, long row, int i) {
    return keys.length == 0
        ? uuidKey(seed, entryRow(seed, row, salt, i), salt)
        : keys[keyIndex(seed, row, salt, keys.length, strides, 0, strides.length, i)];
  }

  /** A key as the format writes it: JSON with the colon after it, Protobuf as an entry's field 1. */
  private static void writeKey(Format format, ByteWriter out, String key) {
    switch (format) {
      case JSON:
        JsonWriter.writeString(out, key);
        out.write(':');
        return;
      case AVRO:
        AvroWriter.writeString(out, key);
        return;
      case BINARY:
        BinaryWriter.writeString(out, key);
        return;
      default:
        // An entry's key is written even when empty (writeString leaves out the default).
        if (key.isEmpty()) {
          ProtobufWriter.writeVarint(out, KEY_TAG);
          out.write(0);
        } else {
          ProtobufWriter.writeString(out, KEY_TAG, key);
        }
    }
  }

  private static int open(Format format, ByteWriter out, int n) {
    switch (format) {
      case JSON:
        out.write('{');
        break;
      case AVRO:
        if (n > 0) {
          AvroWriter.writeLong(out, n);
        }
        break;
      case BINARY:
        ProtobufWriter.writeVarint(out, n);
        break;
      default:
    }
    return out.size();
  }

  /** Before an entry's key (JSON: the comma after a previous entry; Protobuf: the entry's tag); returns where its content starts. */
  private static int openEntry(Format format, ByteWriter out, int frame, long proto) {
    if (format == Format.JSON && out.size() != frame) {
      out.write(',');
    } else if (format == Format.PROTOBUF) {
      ProtobufWriter.writeVarint(out, proto);
    }
    return out.size();
  }

  /**
   * After an entry's value written from {@code valueMark}: drops the JSON key a typed writer wrote
   * ({@code jsonKeyLength} bytes); in Protobuf puts back a default value the value left out ({@code
   * length} bytes of {@code bytes} from {@code offset}), then the entry's length before its content
   * ({@code start}).
   */
  private static void closeEntry(
      Format format, ByteWriter out, int start, int valueMark, int jsonKeyLength, byte[] bytes, int offset, int length) {
    if (format == Format.JSON && jsonKeyLength > 0) {
      out.remove(valueMark, jsonKeyLength);
    } else if (format == Format.PROTOBUF) {
      if (out.size() == valueMark) {
        out.write(bytes, offset, length);
      }
      ProtobufWriter.insertLength(out, start);
    }
  }

  private static void close(Format format, ByteWriter out) {
    if (format == Format.JSON) {
      out.write('}');
    } else if (format == Format.AVRO) {
      out.write(0);
    }
  }

  /** Typed writers: before {@code n} entries (JSON: this field's key); returns the frame the other calls take. */
  public int begin(Format format, ByteWriter out, int n) {
    if (format == Format.JSON) {
      out.write(jsonKey);
    }
    return open(format, out, n);
  }

  /**
   * Typed writers: writes an entry's key, before its value's own writer; returns the mark {@link
   * #afterValue} takes: where the entry's content starts (high 32 bits) and where its value does.
   */
  public long beforeValue(Format format, ByteWriter out, int frame, String key) {
    long start = openEntry(format, out, frame, proto);
    writeKey(format, out, key);
    return start << 32 | out.size();
  }

  /** Typed writers: after an entry's value's own writer (which wrote its key and tag). */
  public void afterValue(Format format, ByteWriter out, long mark) {
    closeEntry(format, out, (int) (mark >>> 32), (int) mark, value.jsonKey.length, valueDefault, 0, valueDefault.length);
  }

  /** Typed writers: after the entries. */
  public void end(Format format, ByteWriter out) {
    close(format, out);
  }

  /** Writes the packed map whose constants start at {@code at} (its JSON key was written). */
  static void write(PackedCatalog catalog, long[] code, int at, byte[] bytes, Format format, long seed, long row, long eventTimeMicros, ByteWriter out) {
    long salt = code[at + 1];
    int n = size(seed, row, salt, code[at + 2], code[at + 3]);
    long proto = code[at + 4];
    long defaultRef = code[at + 5];
    int v = (int) code[at + 6];
    int strideCount = (int) code[at + 7];
    int keyRefs = at + 8 + strideCount;
    int valueAt = keyRefs + v;
    int frame = open(format, out, n);
    for (int i = 0; i < n; i++) {
      int start = openEntry(format, out, frame, proto);
      long entryRow = entryRow(seed, row, salt, i);
      if (v == 0) {
        writeKey(format, out, uuidKey(seed, entryRow, salt));
      } else {
        long ref = code[keyRefs + keyIndex(seed, row, salt, v, code, at + 8, strideCount, i)];
        out.write(bytes, Packer.offset(ref), Packer.length(ref));
      }
      int valueMark = out.size();
      catalog.writeField(code, valueAt, format, seed, entryRow, eventTimeMicros, out);
      closeEntry(format, out, start, valueMark, 0, bytes, Packer.offset(defaultRef), Packer.length(defaultRef));
    }
    close(format, out);
  }
}
