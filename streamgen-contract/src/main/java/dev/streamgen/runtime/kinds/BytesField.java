package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import java.util.Base64;

/**
 * {@code type: bytes} with {@code length: [min, max]}: random bytes. The length is {@code
 * Rng.between(hash, min, max)} on the field's salt; byte {@code i} is byte {@code i % 8} of the hash
 * on salt + 1 + i / 8, most significant first, so the bytes read like the hashes' hex digits (the
 * Spark column builds them with {@code unhex} of the hashes' {@code hex}). Avro bytes; Protobuf
 * bytes; JSON a base64 string; binary LEB128 length then the bytes (as a string).
 *
 * <p>Packed: salt, min, max, Protobuf tag.
 */
public final class BytesField extends FieldGenerator {
  static final int CODE = 11;
  /** The longest value: 128 hashes, and a Spark column of at most 128 hash expressions. */
  public static final int MAX_LENGTH = 1024;

  private final long salt;
  private final long min;
  private final long max;
  private final int protoTag;

  public BytesField(String name, int index, long salt, long min, long max) {
    super(name, index);
    if (min < 0 || min > max || max > MAX_LENGTH) {
      throw new IllegalArgumentException("field '" + name + "': bytes length [" + min + ", " + max + "] is not valid");
    }
    this.salt = salt;
    this.min = min;
    this.max = max;
    this.protoTag = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
  }

  @Override
  public String kind() {
    return "bytes";
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(salt);
    p.word(min);
    p.word(max);
    p.word(protoTag);
  }

  private static byte[] draw(long seed, long row, long salt, long min, long max) {
    byte[] value = new byte[(int) Rng.between(Rng.hash(row, Rng.stream(seed, salt)), min, max)];
    long hash = 0;
    for (int i = 0; i < value.length; i++) {
      if (i % 8 == 0) {
        hash = Rng.hash(row, Rng.stream(seed, salt + 1 + i / 8));
      }
      value[i] = (byte) (hash >>> (56 - 8 * (i % 8)));
    }
    return value;
  }

  private static void encode(Format format, ByteWriter out, byte[] value, int protoTag) {
    switch (format) {
      case JSON:
        JsonWriter.writeBase64(out, value);
        return;
      case AVRO:
        AvroWriter.writeBytes(out, value);
        return;
      case BINARY:
        BinaryWriter.writeBytes(out, value);
        return;
      default:
        ProtobufWriter.writeBytes(out, protoTag, value);
    }
  }

  /** A new array on every call (arrays are mutable; the event class keeps its own). */
  public byte[] value(long seed, long row, long eventTimeMicros) {
    return draw(seed, row, salt, min, max);
  }

  public void writeJson(ByteWriter out, byte[] value) {
    out.write(jsonKey);
    encode(Format.JSON, out, value, protoTag);
  }

  public void writeAvro(ByteWriter out, byte[] value) {
    encode(Format.AVRO, out, value, protoTag);
  }

  public void writeBinary(ByteWriter out, byte[] value) {
    encode(Format.BINARY, out, value, protoTag);
  }

  public void writeProtobuf(ByteWriter out, byte[] value) {
    encode(Format.PROTOBUF, out, value, protoTag);
  }

  /** Reads a value {@link #writeBinary} wrote: LEB128 length, then the bytes. */
  public static byte[] readBinary(BinaryReader in) {
    return in.bytes();
  }

  private static byte[] packedDraw(long[] code, int at, long seed, long row) {
    return draw(seed, row, code[at], code[at + 1], code[at + 2]);
  }

  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    encode(format, out, packedDraw(code, at, seed, row), (int) code[at + 3]);
  }

  /** The base64 text JSON shows. */
  static String text(long[] code, int at, long seed, long row) {
    return Base64.getEncoder().encodeToString(packedDraw(code, at, seed, row));
  }
}
