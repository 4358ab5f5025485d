package dev.streamgen.runtime.encode;

/**
 * Version-4 UUIDs from two 64-bit hashes, and their text form written straight into a buffer.
 * Text: 36 lower-case characters, {@code xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx}, as
 * {@link java.util.UUID#toString()}.
 */
public final class Uuids {
  /** Length of the text form. */
  public static final int TEXT_LENGTH = 36;

  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };

  private Uuids() {}

  /** The most significant half: version nibble set to 4 (random). */
  public static long msb(long hash) {
    return (hash & ~0xF000L) | 0x4000L;
  }

  /** The least significant half: variant bits set to 10 (RFC 4122). */
  public static long lsb(long hash) {
    return (hash & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
  }

  /** Appends the 36-character text, without quotes. */
  public static void writeText(ByteWriter out, long msb, long lsb) {
    out.ensure(TEXT_LENGTH);
    hex(out, msb >>> 32, 8);
    out.writeUnchecked('-');
    hex(out, msb >>> 16, 4);
    out.writeUnchecked('-');
    hex(out, msb, 4);
    out.writeUnchecked('-');
    hex(out, lsb >>> 48, 4);
    out.writeUnchecked('-');
    hex(out, lsb, 12);
  }

  /** The text form as a String (for partition keys). */
  public static String toString(long msb, long lsb) {
    ByteWriter w = new ByteWriter(TEXT_LENGTH);
    writeText(w, msb, lsb);
    char[] chars = new char[TEXT_LENGTH];
    byte[] bytes = w.array();
    for (int i = 0; i < TEXT_LENGTH; i++) {
      chars[i] = (char) bytes[i];
    }
    return new String(chars);
  }

  /** Writes the low {@code digits} nibbles of {@code value}, most significant first. */
  private static void hex(ByteWriter out, long value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.writeUnchecked(HEX[(int) (value >>> shift) & 0xF]);
    }
  }
}
