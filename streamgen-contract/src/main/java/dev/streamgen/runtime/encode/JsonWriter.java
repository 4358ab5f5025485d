package dev.streamgen.runtime.encode;

import java.util.Base64;

/**
 * The JSON pieces generated serializers append: numbers, booleans, escaped strings, ISO timestamps
 * and dates, and UUIDs.
 * Field names and the values of string fields are encoded once, when a generated class loads
 * ({@link #key}, {@link #encodeAll}), so a row costs only the variable parts.
 */
public final class JsonWriter {
  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] MIN_LONG = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private JsonWriter() {}

  /** The bytes before a field's value: {@code {"name":} for the first field, {@code ,"name":} after. */
  public static byte[] key(String name, boolean first) {
    ByteWriter w = new ByteWriter(name.length() + 4);
    w.write(first ? '{' : ',');
    writeString(w, name);
    w.write(':');
    return w.toByteArray();
  }

  /** Each value as a quoted, escaped JSON string. */
  public static byte[][] encodeAll(String[] values) {
    byte[][] encoded = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      ByteWriter w = new ByteWriter(values[i].length() + 2);
      writeString(w, values[i]);
      encoded[i] = w.toByteArray();
    }
    return encoded;
  }

  public static void writeInt(ByteWriter out, int value) {
    writeLong(out, value);
  }

  /** Decimal digits without allocation. */
  public static void writeLong(ByteWriter out, long value) {
    if (value == Long.MIN_VALUE) {
      out.write(MIN_LONG);
      return;
    }
    out.ensure(20);
    if (value < 0) {
      out.writeUnchecked('-');
      value = -value;
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    int end = out.size() + digits;
    for (int i = 0; i < digits; i++) {
      out.writeUnchecked('0');
    }
    byte[] buf = out.array();
    for (int i = end - 1; value > 0; i--) {
      buf[i] = (byte) ('0' + (value % 10));
      value /= 10;
    }
  }

  /**
   * A finite double as a JSON number that parses back to the same double. Values in [2^-5, 2^53)
   * (what ranges usually produce) take an allocation-free path writing the shortest such decimal in
   * plain notation ({@code 31.616037283897224}, {@code 5.0}); others use {@link
   * Double#toString(double)}'s digits ({@code 1.0E-5}, also valid JSON). NaN and infinities have no
   * JSON form; generated values never produce them, so they are a bug and throw.
   */
  public static void writeDouble(ByteWriter out, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("JSON has no form for " + value);
    }
    if (!ShortestDecimal.write(out, value)) {
      String text = Double.toString(value);
      int n = text.length();
      out.ensure(n);
      for (int i = 0; i < n; i++) {
        out.writeUnchecked(text.charAt(i));
      }
    }
  }

  /** The text {@link #writeDouble} writes, for partition keys. */
  public static String doubleText(double value) {
    ByteWriter w = new ByteWriter(32);
    writeDouble(w, value);
    return new String(w.array(), 0, w.size(), java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** A quoted string: '"', '\\' and control characters escaped, the rest UTF-8. */
  public static void writeString(ByteWriter out, String s) {
    int n = s.length();
    // Worst case: every char a 6-byte escape; one check instead of one per char.
    out.ensure(6 * n + 2);
    out.writeUnchecked('"');
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        out.writeUnchecked(c);
      } else if (c >= 0x80) {
        i = Utf8.writeNonAscii(out, s, i);
      } else {
        escape(out, c);
      }
    }
    out.writeUnchecked('"');
  }

  /** A quoted ISO-8601 UTC timestamp with microseconds. */
  public static void writeTimestamp(ByteWriter out, long micros) {
    out.write('"');
    Timestamps.writeIso(out, micros);
    out.write('"');
  }

  /** {@code true} or {@code false}. */
  public static void writeBoolean(ByteWriter out, boolean value) {
    out.write(value ? TRUE : FALSE);
  }

  /** A quoted ISO-8601 date, {@code "2026-11-25"}, of {@code days} since 1970-01-01. */
  public static void writeDate(ByteWriter out, long days) {
    out.write('"');
    Timestamps.writeDate(out, days);
    out.write('"');
  }

  /** A quoted UUID. */
  public static void writeUuid(ByteWriter out, long msb, long lsb) {
    out.ensure(Uuids.TEXT_LENGTH + 2);
    out.writeUnchecked('"');
    Uuids.writeText(out, msb, lsb);
    out.write('"');
  }

  /** Bytes as a quoted base64 string (RFC 4648 standard alphabet, with padding). */
  public static void writeBase64(ByteWriter out, byte[] value) {
    out.write('"');
    out.write(Base64.getEncoder().encode(value));
    out.write('"');
  }

  /** Room already ensured by the caller. */
  private static void escape(ByteWriter out, char c) {
    out.writeUnchecked('\\');
    switch (c) {
      case '"':
        out.writeUnchecked('"');
        break;
      case '\\':
        out.writeUnchecked('\\');
        break;
      case '\n':
        out.writeUnchecked('n');
        break;
      case '\r':
        out.writeUnchecked('r');
        break;
      case '\t':
        out.writeUnchecked('t');
        break;
      case '\b':
        out.writeUnchecked('b');
        break;
      case '\f':
        out.writeUnchecked('f');
        break;
      default:
        out.writeUnchecked('u');
        out.writeUnchecked('0');
        out.writeUnchecked('0');
        out.writeUnchecked(HEX[c >> 4]);
        out.writeUnchecked(HEX[c & 0xF]);
    }
  }
}
