package dev.streamgen.runtime.kinds;

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
 * row-based writers never build a {@link UUID}.
 */
public final class UuidField extends FieldGenerator {
  private final long salt;
  private final int protoTag;

  public UuidField(String name, int index, long salt) {
    super(name, index);
    this.salt = salt;
    this.protoTag = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
  }

  @Override
  public String kind() {
    return "uuid";
  }

  public long salt() {
    return salt;
  }

  private long msb(long seed, long row) {
    return Uuids.msb(Rng.hash(row, Rng.stream(seed, salt)));
  }

  private long lsb(long seed, long row) {
    return Uuids.lsb(Rng.hash(row, Rng.stream(seed, salt + 1)));
  }

  public UUID value(long seed, long row, long eventTimeMicros) {
    return new UUID(msb(seed, row), lsb(seed, row));
  }

  public void writeJson(ByteWriter out, UUID value) {
    out.write(jsonKey);
    JsonWriter.writeUuid(out, value.getMostSignificantBits(), value.getLeastSignificantBits());
  }

  public void writeAvro(ByteWriter out, UUID value) {
    AvroWriter.writeUuid(out, value.getMostSignificantBits(), value.getLeastSignificantBits());
  }

  public void writeBinary(ByteWriter out, UUID value) {
    BinaryWriter.writeUuid(out, value.getMostSignificantBits(), value.getLeastSignificantBits());
  }

  public void writeProtobuf(ByteWriter out, UUID value) {
    ProtobufWriter.writeUuid(out, protoTag, value.getMostSignificantBits(), value.getLeastSignificantBits());
  }

  /** Reads a value {@link #writeBinary} wrote: the most then the least significant half, big-endian. */
  public static UUID readBinary(BinaryReader in) {
    long msb = in.bigEndian64();
    long lsb = in.bigEndian64();
    return new UUID(msb, lsb);
  }

  @Override
  public void writeJson(long seed, long row, long eventTimeMicros, ByteWriter out) {
    out.write(jsonKey);
    JsonWriter.writeUuid(out, msb(seed, row), lsb(seed, row));
  }

  @Override
  public void writeAvro(long seed, long row, long eventTimeMicros, ByteWriter out) {
    AvroWriter.writeUuid(out, msb(seed, row), lsb(seed, row));
  }

  @Override
  public void writeBinary(long seed, long row, long eventTimeMicros, ByteWriter out) {
    BinaryWriter.writeUuid(out, msb(seed, row), lsb(seed, row));
  }

  @Override
  public void writeProtobuf(long seed, long row, long eventTimeMicros, ByteWriter out) {
    ProtobufWriter.writeUuid(out, protoTag, msb(seed, row), lsb(seed, row));
  }

  @Override
  public String text(long seed, long row, long eventTimeMicros) {
    return Uuids.toString(msb(seed, row), lsb(seed, row));
  }
}
