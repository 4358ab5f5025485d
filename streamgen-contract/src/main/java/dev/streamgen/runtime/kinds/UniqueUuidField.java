package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.encode.Uuids;
import java.util.UUID;

/**
 * {@code type: uuid, unique: true}: a version-4 UUID whose 62 low free bits are a {@link
 * Permutation} of the row over [0, 2^62), so no two rows (or pool members) share one, guaranteed
 * rather than only likely; the high half is drawn like a plain uuid's. Encoded as a plain uuid.
 *
 * <p>Packed: salt, Protobuf tag.
 */
public final class UniqueUuidField extends FieldGenerator {
  static final int CODE = 33;
  private static final long LOW_BITS = 1L << 62;

  private final long salt;
  private final int protoTag;

  public UniqueUuidField(String name, int index, long salt) {
    super(name, index);
    this.salt = salt;
    this.protoTag = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
  }

  @Override
  public String kind() {
    return "uuid";
  }

  @Override
  int code() {
    return CODE;
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
    return Uuids.lsb(Permutation.apply(row, LOW_BITS, Rng.stream(seed, salt + 1)));
  }

  public UUID value(long seed, long row, long eventTimeMicros) {
    return new UUID(msb(seed, row, salt), lsb(seed, row, salt));
  }

  public void writeJson(ByteWriter out, UUID value) {
    out.write(jsonKey);
    UuidField.encode(Format.JSON, out, value.getMostSignificantBits(), value.getLeastSignificantBits(), protoTag);
  }

  public void writeAvro(ByteWriter out, UUID value) {
    UuidField.encode(Format.AVRO, out, value.getMostSignificantBits(), value.getLeastSignificantBits(), protoTag);
  }

  public void writeBinary(ByteWriter out, UUID value) {
    UuidField.encode(Format.BINARY, out, value.getMostSignificantBits(), value.getLeastSignificantBits(), protoTag);
  }

  public void writeProtobuf(ByteWriter out, UUID value) {
    UuidField.encode(Format.PROTOBUF, out, value.getMostSignificantBits(), value.getLeastSignificantBits(), protoTag);
  }

  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    long salt = code[at];
    UuidField.encode(format, out, msb(seed, row, salt), lsb(seed, row, salt), (int) code[at + 1]);
  }

  static String text(long[] code, int at, long seed, long row) {
    return text(seed, row, code[at]);
  }

  /** The text of row {@code row}'s value of a field salted {@code salt} (the Spark column's function). */
  public static String text(long seed, long row, long salt) {
    return Uuids.toString(msb(seed, row, salt), lsb(seed, row, salt));
  }
}
