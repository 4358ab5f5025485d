package dev.streamgen.runtime.encode;

import dev.streamgen.runtime.api.Format;

/**
 * The bytes a Confluent-compatible deserializer expects before the body: magic byte {@code 00}, the
 * schema id as 4 bytes big-endian, and for Protobuf the message indexes (the path of the message in
 * its {@code .proto} file, as zig-zag varints: a count then the indexes; {@code [0]} is written as
 * the single byte {@code 00}). Computed once per event type, so framing a row is copying its prefix.
 */
public final class ConfluentFraming {
  public static final byte MAGIC = 0x00;

  private ConfluentFraming() {}

  /**
   * The prefix of a payload in {@code format} whose schema has id {@code schemaId}; {@code
   * messageIndex} is the message's position among the top-level messages of its {@code .proto}
   * (only Protobuf uses it).
   */
  public static byte[] prefix(Format format, int schemaId, int messageIndex) {
    ByteWriter out = new ByteWriter(16);
    out.write(MAGIC);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
    if (format == Format.PROTOBUF) {
      if (messageIndex == 0) {
        out.write(0);
      } else {
        AvroWriter.writeInt(out, 1); // Avro's int is the same zig-zag varint
        AvroWriter.writeInt(out, messageIndex);
      }
    }
    return out.toByteArray();
  }
}
