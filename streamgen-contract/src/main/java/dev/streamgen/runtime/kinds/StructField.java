package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;

/**
 * {@code type: struct}: a group of fields, each drawn and encoded by its own generator exactly as an
 * event's field is (its own salt, from its path). Per format (docs/formats.md): JSON an object of
 * the children (the first child's key opens it); Avro a nested record and binary the children one
 * after another, with nothing around them; Protobuf a nested message, always present (length
 * delimited, written after its content).
 *
 * <p>Packed: the JSON copy's offset ({@link PackedCatalog#beginNested}), child count, Protobuf tag,
 * then each child as a whole packed field (head, JSON key, constants), which {@link
 * PackedCatalog#writeField} writes.
 */
public final class StructField extends FieldGenerator {
  static final int CODE = 20;

  private final FieldGenerator[] fields;
  private final int proto;

  /** @param fields the children, child {@code i} built with index {@code i} (its Protobuf number is i + 1) */
  public StructField(String name, int index, FieldGenerator... fields) {
    super(name, index);
    if (fields.length == 0) {
      throw new IllegalArgumentException("field '" + name + "': a struct needs at least one field");
    }
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].index() != i) {
        throw new IllegalArgumentException("field '" + name + "': child " + fields[i].name() + " has index " + fields[i].index() + ", not " + i);
      }
    }
    this.fields = fields.clone();
    this.proto = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
  }

  @Override
  public String kind() {
    return "struct";
  }

  @Override
  int code() {
    return CODE;
  }

  public int fieldCount() {
    return fields.length;
  }

  /** Child {@code i}'s generator (a nullable child's {@link NullableField}). */
  public FieldGenerator field(int i) {
    return fields[i];
  }

  @Override
  void pack(Packer p, Format format) {
    int copy = PackedCatalog.beginNested(p);
    p.word(fields.length);
    p.word(proto);
    for (FieldGenerator f : fields) {
      PackedCatalog.packField(p, f, format, f.jsonKey);
    }
    PackedCatalog.endNested(p, this, format, copy);
  }

  /** What comes before the children (Protobuf: the tag); returns where the content starts, for {@link #close}. */
  private static int open(Format format, ByteWriter out, int proto) {
    if (format == Format.PROTOBUF) {
      ProtobufWriter.writeVarint(out, proto);
    }
    return out.size();
  }

  private static void close(Format format, ByteWriter out, int start) {
    if (format == Format.JSON) {
      out.write('}');
    } else if (format == Format.PROTOBUF) {
      ProtobufWriter.insertLength(out, start);
    }
  }

  /**
   * Typed writers: before the children's own writers (JSON: this field's key; Protobuf: the tag);
   * returns the mark {@link #end} takes.
   */
  public int begin(Format format, ByteWriter out) {
    if (format == Format.JSON) {
      out.write(jsonKey);
    }
    return open(format, out, proto);
  }

  /** Typed writers: after the children (JSON: the closing brace; Protobuf: the length before the content). */
  public void end(Format format, ByteWriter out, int mark) {
    close(format, out, mark);
  }

  /** Writes the packed struct whose constants start at {@code at} (its JSON key was written). */
  static void write(PackedCatalog catalog, long[] code, int at, Format format, long seed, long row, long eventTimeMicros, ByteWriter out) {
    int start = open(format, out, (int) code[at + 2]);
    int child = at + 3;
    for (int i = 0, n = (int) code[at + 1]; i < n; i++) {
      child = catalog.writeField(code, child, format, seed, row, eventTimeMicros, out);
    }
    close(format, out, start);
  }
}
