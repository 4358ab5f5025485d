package dev.streamgen.runtime.encode;

/**
 * The shortest decimal that reads back as a given double, for doubles in [2^-5, 2^53) (and their
 * negatives), in exact 64-bit integer arithmetic: Steele and White's free-format digit generation
 * ("How to print floating-point numbers accurately", 1990). Within that range every quantity fits
 * a long, so no big numbers and no allocation; other doubles are left to the caller.
 *
 * <p>With {@code v = m / 2^k} (53-bit {@code m}) and all numbers counted in units of
 * {@code 2^-(k+2)}, any decimal strictly inside {@code (v - mMinus, v + mPlus)} reads back as
 * {@code v}. Digits of {@code v} are generated until stopping (with the last digit rounded to the
 * nearer side) stays inside that interval. Endpoints are excluded, so the output never relies on
 * the reader's tie-breaking.
 */
final class ShortestDecimal {
  private static final int MAX_DIGITS = 20;

  private ShortestDecimal() {}

  /** Writes {@code value} and returns true, or returns false (writing nothing) outside the range. */
  static boolean write(ByteWriter out, double value) {
    long bits = Double.doubleToRawLongBits(value);
    int biased = (int) ((bits >>> 52) & 0x7FF);
    int exponent = biased - 1023; // value = 1.f * 2^exponent
    if (value == 0 || exponent < -5 || exponent > 52 || biased == 0) {
      if (value == 0) {
        out.ensure(4);
        if (bits != 0) {
          out.writeUnchecked('-');
        }
        out.writeUnchecked('0');
        out.writeUnchecked('.');
        out.writeUnchecked('0');
        return true;
      }
      return false;
    }
    long m = (bits & 0xFFFFFFFFFFFFFL) | 0x10000000000000L;
    int k = 52 - exponent; // value = m / 2^k, 0 <= k <= 57
    long denominator = 1L << (k + 2); // at most 2^59: ten times it still fits a long
    long scaled = m << 2;
    long integer = scaled / denominator;
    long fraction = scaled % denominator;
    long mPlus = 2; // half the gap to the next double up
    long mMinus = m == 0x10000000000000L ? 1 : 2; // a power of two has a closer neighbour below

    out.ensure(MAX_DIGITS + 24);
    if (bits < 0) {
      out.writeUnchecked('-');
    }
    // An integer inside the interval is the shortest form: v's own integer part, or the next one.
    boolean lowInside = fraction < mMinus;
    boolean highInside = denominator - fraction < mPlus;
    if (lowInside || highInside) {
      boolean up = highInside && (!lowInside || 2 * fraction > denominator);
      JsonWriter.writeLong(out, up ? integer + 1 : integer);
      out.writeUnchecked('.');
      out.writeUnchecked('0');
      return true;
    }
    int integerStart = out.size();
    JsonWriter.writeLong(out, integer);
    out.writeUnchecked('.');
    int fractionStart = out.size();
    while (true) {
      fraction *= 10;
      mPlus *= 10;
      mMinus *= 10;
      int digit = (int) (fraction / denominator);
      fraction %= denominator;
      boolean low = fraction < mMinus; // truncating here stays above v - mMinus
      boolean high = denominator - fraction < mPlus; // rounding up here stays below v + mPlus
      if (!low && !high) {
        out.writeUnchecked('0' + digit);
        continue;
      }
      boolean up = high && (!low || 2 * fraction > denominator);
      if (!up) {
        out.writeUnchecked('0' + digit);
        return true;
      }
      if (digit < 9) {
        out.writeUnchecked('0' + digit + 1);
        return true;
      }
      // Rounding 9 up: carry into the digits already written.
      carry(out, integerStart, fractionStart);
      return true;
    }
  }

  /**
   * Adds one unit in the last written fraction digit's place to a value whose next digit would be
   * 10: trailing 9s become zeros and are dropped, the digit before them goes up; a carry past the
   * point rewrites the integer part. The fraction digits written so far are never all removed
   * without adding back a '0' after the point.
   */
  private static void carry(ByteWriter out, int integerStart, int fractionStart) {
    byte[] buf = out.array();
    int end = out.size(); // the 10 is not written; digits before it get the carry
    int i = end - 1;
    while (i >= fractionStart && buf[i] == '9') {
      i--;
    }
    if (i >= fractionStart) {
      buf[i]++;
      out.truncate(i + 1);
      return;
    }
    // All fraction digits were 9 (or none): the integer part goes up by one, fraction ".0".
    long integer = 0;
    for (int j = integerStart; j < fractionStart - 1; j++) {
      integer = integer * 10 + (buf[j] - '0');
    }
    out.truncate(integerStart);
    JsonWriter.writeLong(out, integer + 1);
    out.write('.');
    out.write('0');
  }
}
