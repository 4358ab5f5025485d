package dev.streamgen.runtime.encode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Reference decoder of the binary layout (docs/formats.md). The layout has no header and no tags, so
 * the reader needs the event type's field types, in order, as the schema manifest lists them
 * ({@code int}, {@code float}, {@code string}, {@code uuid}, {@code timestamp}).
 *
 * <p>Values come back as Integer, Double, String, UUID and Long (microseconds since the epoch).
 */
public final class BinaryDecoder {
  private final byte[] bytes;
  private int position;

  private BinaryDecoder(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Decodes one payload; throws IllegalArgumentException when it is short, long or malformed. */
  public static List<Object> decode(byte[] payload, List<String> fieldTypes) {
    BinaryDecoder d = new BinaryDecoder(payload);
    List<Object> values = new ArrayList<>(fieldTypes.size());
    for (String type : fieldTypes) {
      values.add(d.read(type));
    }
    if (d.position != payload.length) {
      throw new IllegalArgumentException(
          (payload.length - d.position) + " bytes left after the last field");
    }
    return Collections.unmodifiableList(values);
  }

  private Object read(String type) {
    switch (type) {
      case "int":
        return (int) fixed(4);
      case "float":
        return Double.longBitsToDouble(fixed(8));
      case "timestamp":
        return fixed(8);
      case "uuid":
        long msb = bigEndian();
        long lsb = bigEndian();
        return new UUID(msb, lsb);
      case "string":
        long length = varint();
        if (length > bytes.length - position) {
          throw new IllegalArgumentException("string of " + length + " bytes runs past the end");
        }
        String s = new String(bytes, position, (int) length, StandardCharsets.UTF_8);
        position += (int) length;
        return s;
      default:
        throw new IllegalArgumentException("unknown field type '" + type + "'");
    }
  }

  private long fixed(int size) {
    need(size);
    long value = 0;
    for (int i = 0; i < size; i++) {
      value |= (bytes[position++] & 0xFFL) << (8 * i);
    }
    // Sign-extend 4-byte ints.
    return size == 4 ? (int) value : value;
  }

  private long bigEndian() {
    need(8);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[position++] & 0xFFL);
    }
    return value;
  }

  private long varint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1);
      byte b = bytes[position++];
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes");
  }

  private void need(int n) {
    if (bytes.length - position < n) {
      throw new IllegalArgumentException(
          "payload ends at byte " + bytes.length + ", " + n + " more needed at " + position);
    }
  }
}
