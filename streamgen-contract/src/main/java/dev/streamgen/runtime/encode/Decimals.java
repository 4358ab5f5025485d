package dev.streamgen.runtime.encode;

import java.nio.charset.StandardCharsets;

/**
 * Fixed-scale decimals held as their unscaled long ({@code unscaled × 10^-scale}, scale 0 to 18), in
 * the forms the formats need: plain text with exactly {@code scale} fraction digits ({@code 12.30},
 * {@code -0.005}; what {@link java.math.BigDecimal#toPlainString()} prints at that scale) and Avro's
 * decimal bytes. Allocation-free except {@link #text}.
 */
public final class Decimals {
  /** The largest supported precision: every unscaled value of 18 digits fits a long. */
  public static final int MAX_PRECISION = 18;

  private static final long[] POW10 = new long[MAX_PRECISION + 1];

  static {
    POW10[0] = 1;
    for (int i = 1; i <= MAX_PRECISION; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private Decimals() {}

  /** 10^exponent, exponent from 0 to {@link #MAX_PRECISION}. */
  public static long pow10(int exponent) {
    return POW10[exponent];
  }

  /** Appends the plain text, without quotes: sign, integer digits, and a point and {@code scale} digits when scale > 0. */
  public static void writePlain(ByteWriter out, long unscaled, int scale) {
    if (scale == 0) {
      JsonWriter.writeLong(out, unscaled);
      return;
    }
    // |unscaled| < 10^18, so the magnitude never overflows.
    long magnitude = Math.abs(unscaled);
    if (unscaled < 0) {
      out.write('-');
    }
    JsonWriter.writeLong(out, magnitude / POW10[scale]);
    out.ensure(scale + 1);
    out.writeUnchecked('.');
    long fraction = magnitude % POW10[scale];
    for (int i = scale - 1; i >= 0; i--) {
      out.writeUnchecked('0' + (int) (fraction / POW10[i] % 10));
    }
  }

  /** The byte length of {@link #writePlain}'s text (Protobuf writes it before the text). */
  public static int plainLength(long unscaled, int scale) {
    long magnitude = Math.abs(unscaled);
    int digits = 1;
    while (digits <= MAX_PRECISION && magnitude >= POW10[digits]) {
      digits++;
    }
    int sign = unscaled < 0 ? 1 : 0;
    return scale == 0 ? sign + digits : sign + Math.max(digits, scale + 1) + 1;
  }

  /** {@link #writePlain}'s text as a String (partition keys). */
  public static String text(long unscaled, int scale) {
    ByteWriter w = new ByteWriter(24);
    writePlain(w, unscaled, scale);
    return new String(w.array(), 0, w.size(), StandardCharsets.US_ASCII);
  }

  /**
   * How many bytes the minimal two's-complement big-endian form of {@code unscaled} takes: what
   * {@link java.math.BigInteger#toByteArray()} returns (one byte for 0), so what Avro's
   * DecimalConversion writes.
   */
  static int twosComplementLength(long unscaled) {
    int bits = 64 - Long.numberOfLeadingZeros(unscaled ^ (unscaled >> 63));
    return bits / 8 + 1;
  }
}
