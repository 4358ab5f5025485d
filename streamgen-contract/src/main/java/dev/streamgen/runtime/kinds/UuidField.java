package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.encode.Uuids;
import java.util.UUID;

/**
 * {@code type: uuid}: a random (version 4) UUID from two hashes of the row, on the field's salt and
 * salt + 1. Avro string with logical type uuid; Protobuf string; JSON string; binary 16 bytes. The
 * packed writer never builds a {@link UUID}.
 *
 * <p>With {@code unique: true} the 62 free low bits are a {@link Permutation} of the row over
 * [0, 2^62) instead of a hash, so no two rows (or pool members) share one, guaranteed rather than
 * only likely; the high half is drawn the same way.
 *
 * <p>Packed: salt, Protobuf tag.
 */
public final class UuidField extends FieldGenerator {
  static final int CODE = 3;
  /** A unique uuid field. */
  static final int UNIQUE_CODE = 33;
  private static final long LOW_BITS = 1L << 62;

  private final long salt;
  private final int protoTag;
  private final boolean unique;

  public UuidField(String name, int index, long salt) {
    this(name, index, salt, false);
  }

  /** @param unique distinct rows get distinct values */
  public UuidField(String name, int index, long salt, boolean unique) {
    super(name, index);
    this.salt = salt;
    this.protoTag = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
    this.unique = unique;
  }

  @Override
  public String kind() {
    return "uuid";
  }

  @Override
  int code() {
    return unique ? UNIQUE_CODE : CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(salt);
    p.word(protoTag);
  }

  private static long msb(long seed, long row, long salt) {
    return Uuids.msb(Rng.hash(row, Rng.stream(seed, salt)));
  }

  private static long lsb(long seed, long row, long salt) {
    return Uuids.lsb(Rng.hash(row, Rng.stream(seed, salt + 1)));
  }

  private static long uniqueLsb(long seed, long row, long salt) {
    return Uuids.lsb(Permutation.apply(row, LOW_BITS, Rng.stream(seed, salt + 1)));
  }

  private static void encode(Format format, ByteWriter out, long msb, long lsb, int protoTag) {
    switch (format) {
      case JSON:
        JsonWriter.writeUuid(out, msb, lsb);
        return;
      case AVRO:
        AvroWriter.writeUuid(out, msb, lsb);
        return;
      case BINARY:
        BinaryWriter.writeUuid(out, msb, lsb);
        return;
      default:
        ProtobufWriter.writeUuid(out, protoTag, msb, lsb);
    }
  }

  public UUID value(long seed, long row, long eventTimeMicros) {
    return new UUID(msb(seed, row, salt), unique ? uniqueLsb(seed, row, salt) : lsb(seed, row, salt));
  }

  public void writeJson(ByteWriter out, UUID value) {
    out.write(jsonKey);
    encode(Format.JSON, out, value.getMostSignificantBits(), value.getLeastSignificantBits(), protoTag);
  }

  public void writeAvro(ByteWriter out, UUID value) {
    encode(Format.AVRO, out, value.getMostSignificantBits(), value.getLeastSignificantBits(), protoTag);
  }

  public void writeBinary(ByteWriter out, UUID value) {
    encode(Format.BINARY, out, value.getMostSignificantBits(), value.getLeastSignificantBits(), protoTag);
  }

  public void writeProtobuf(ByteWriter out, UUID value) {
    encode(Format.PROTOBUF, out, value.getMostSignificantBits(), value.getLeastSignificantBits(), protoTag);
  }

  /** Reads a value {@link #writeBinary} wrote: the most then the least significant half, big-endian. */
  public static UUID readBinary(BinaryReader in) {
    long msb = in.bigEndian64();
    long lsb = in.bigEndian64();
    return new UUID(msb, lsb);
  }

  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    long salt = code[at];
    encode(format, out, msb(seed, row, salt), lsb(seed, row, salt), (int) code[at + 1]);
  }

  static String text(long[] code, int at, long seed, long row) {
    long salt = code[at];
    return Uuids.toString(msb(seed, row, salt), lsb(seed, row, salt));
  }

  /** {@link #write} of a unique field. */
  static void writeUnique(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    long salt = code[at];
    encode(format, out, msb(seed, row, salt), uniqueLsb(seed, row, salt), (int) code[at + 1]);
  }

  static String uniqueText(long[] code, int at, long seed, long row) {
    return uniqueText(seed, row, code[at]);
  }

  /** The text of row {@code row}'s value of a unique field salted {@code salt} (the Spark column's function). */
  public static String uniqueText(long seed, long row, long salt) {
    return Uuids.toString(msb(seed, row, salt), uniqueLsb(seed, row, salt));
  }
}
