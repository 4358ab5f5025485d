package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;

/**
 * {@code type: array}: a list of {@code length} items, the length uniform in [min, max] on the
 * field's salt; item {@code i} is its item generator's value for the row {@link #elementRow}, a hash
 * of the row on salt + 1 mixed with i, so every item draws from streams of its own. Per format
 * (docs/formats.md): JSON array; Avro array (one block of the items, then the 0 that ends it);
 * binary an unsigned LEB128 count then the items; Protobuf {@code repeated}: numeric items (varint
 * and fixed wire types) packed, as protobuf-java writes them (one length-delimited run of the values
 * without tags, none at all when empty), other items one tagged value each, present even when it is
 * the type's default.
 *
 * <p>The item generator is built with the array's name and index, so its Protobuf tag is the
 * array's; the shared encoders write the key and tag of one value, which the array strips where
 * the format does not want them (a JSON key before an item; a tag inside a packed run).
 *
 * <p>Packed: the JSON copy's offset ({@link PackedCatalog#beginNested}), salt, min, max, Protobuf word (tag, bit 32 packed, tag length above), reference to the
 * item's default bytes (Protobuf), then the item as a whole packed field with an empty JSON key.
 */
public final class ArrayField extends FieldGenerator {
  static final int CODE = 21;
  private static final long PACKED = 1L << 32;
  private static final byte[] NO_KEY = new byte[0];

  private final long salt;
  private final long min;
  private final long max;
  private final FieldGenerator item;
  private final long proto;
  /** Protobuf, an item that wrote nothing (a default value): the tag and zero value, or the zero alone in a packed run. */
  private final byte[] itemDefault;

  /**
   * @param item the items' generator, built with this field's name and index
   * @param itemWireType the Protobuf wire type of the items' values ({@link ProtobufWriter#WIRE_VARINT}, ...)
   */
  public ArrayField(String name, int index, long salt, int min, int max, FieldGenerator item, int itemWireType) {
    super(name, index);
    if (min < 0 || min > max) {
      throw new IllegalArgumentException("field '" + name + "': length [" + min + ", " + max + "] is not valid");
    }
    if (item.index() != index || item instanceof NullableField) {
      throw new IllegalArgumentException("field '" + name + "': the item generator must have the array's index and not be nullable");
    }
    this.salt = salt;
    this.min = min;
    this.max = max;
    this.item = item;
    boolean packed = itemWireType != ProtobufWriter.WIRE_LENGTH_DELIMITED;
    int itemTag = protoTag(itemWireType);
    int tagLength = ProtobufWriter.varintSize(itemTag);
    this.proto = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED) | (packed ? PACKED : 0) | ((long) tagLength << 40);
    byte[] present = NullableField.presentDefault(itemTag, itemWireType);
    this.itemDefault = packed ? java.util.Arrays.copyOfRange(present, tagLength, present.length) : present;
  }

  @Override
  public String kind() {
    return "array";
  }

  @Override
  int code() {
    return CODE;
  }

  /** The items' generator. */
  public FieldGenerator item() {
    return item;
  }

  @Override
  void pack(Packer p, Format format) {
    int copy = PackedCatalog.beginNested(p);
    p.word(salt);
    p.word(min);
    p.word(max);
    p.word(proto);
    p.ref(format == Format.PROTOBUF ? itemDefault : NO_KEY);
    PackedCatalog.packField(p, item, format, NO_KEY);
    PackedCatalog.endNested(p, this, format, copy);
  }

  private static int length(long seed, long row, long salt, long min, long max) {
    return (int) Rng.between(Rng.hash(row, Rng.stream(seed, salt)), min, max);
  }

  /** The row item {@code i} draws from: a hash of the row on salt + 1 mixed with i (Spark: {@code xxhash64(row, stream ^ i)}). */
  private static long elementRow(long seed, long row, long salt, int i) {
    return Rng.hash(row, Rng.stream(seed, salt + 1) ^ i);
  }

  /** The number of items of {@code row}. */
  public int length(long seed, long row) {
    return length(seed, row, salt, min, max);
  }

  /** The row item {@code i} of {@code row} draws from: pass it to the item generator's {@code value}. */
  public long elementRow(long seed, long row, int i) {
    return elementRow(seed, row, salt, i);
  }

  private static int open(Format format, ByteWriter out, int n, long proto) {
    switch (format) {
      case JSON:
        out.write('[');
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
        if ((proto & PACKED) != 0 && n > 0) {
          ProtobufWriter.writeVarint(out, (int) proto);
        }
    }
    return out.size();
  }

  private static int separate(Format format, ByteWriter out, int frame) {
    if (format == Format.JSON && out.size() != frame) {
      out.write(',');
    }
    return out.size();
  }

  /**
   * After an item written from {@code mark}: drops the JSON key a typed writer wrote ({@code
   * jsonKeyLength} bytes), and in Protobuf puts back a default value the item left out ({@code
   * length} bytes of {@code bytes} from {@code offset}) or drops its tag inside a packed run.
   */
  private static void afterItem(
      Format format, ByteWriter out, int mark, int jsonKeyLength, long proto, byte[] bytes, int offset, int length) {
    if (format == Format.JSON) {
      if (jsonKeyLength > 0) {
        out.remove(mark, jsonKeyLength);
      }
    } else if (format == Format.PROTOBUF) {
      if (out.size() == mark) {
        out.write(bytes, offset, length);
      } else if ((proto & PACKED) != 0) {
        out.remove(mark, (int) (proto >>> 40));
      }
    }
  }

  private static void close(Format format, ByteWriter out, int frame, int n, long proto) {
    if (format == Format.JSON) {
      out.write(']');
    } else if (format == Format.AVRO) {
      out.write(0);
    } else if (format == Format.PROTOBUF && (proto & PACKED) != 0 && n > 0) {
      ProtobufWriter.insertLength(out, frame);
    }
  }

  /** Typed writers: before {@code n} items (JSON: this field's key); returns the frame the other calls take. */
  public int begin(Format format, ByteWriter out, int n) {
    if (format == Format.JSON) {
      out.write(jsonKey);
    }
    return open(format, out, n, proto);
  }

  /** Typed writers: before an item's own writer; returns its mark for {@link #afterItem}. */
  public int beforeItem(Format format, ByteWriter out, int frame) {
    return separate(format, out, frame);
  }

  /** Typed writers: after an item's own writer (which wrote its key and tag). */
  public void afterItem(Format format, ByteWriter out, int mark) {
    afterItem(format, out, mark, item.jsonKey.length, proto, itemDefault, 0, itemDefault.length);
  }

  /** Typed writers: after the {@code n} items. */
  public void end(Format format, ByteWriter out, int frame, int n) {
    close(format, out, frame, n, proto);
  }

  /** Writes the packed array whose constants start at {@code at} (its JSON key was written). */
  static void write(PackedCatalog catalog, long[] code, int at, byte[] bytes, Format format, long seed, long row, long eventTimeMicros, ByteWriter out) {
    long salt = code[at + 1];
    int n = length(seed, row, salt, code[at + 2], code[at + 3]);
    long proto = code[at + 4];
    long defaultRef = code[at + 5];
    int frame = open(format, out, n, proto);
    for (int i = 0; i < n; i++) {
      int mark = separate(format, out, frame);
      catalog.writeField(code, at + 6, format, seed, elementRow(seed, row, salt, i), eventTimeMicros, out);
      afterItem(format, out, mark, 0, proto, bytes, Packer.offset(defaultRef), Packer.length(defaultRef));
    }
    close(format, out, frame, n, proto);
  }
}
