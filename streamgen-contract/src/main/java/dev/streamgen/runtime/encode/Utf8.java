package dev.streamgen.runtime.encode;

/**
 * UTF-8 without going through a charset encoder (no allocation). Unpaired surrogates become U+FFFD,
 * as {@link String#getBytes(java.nio.charset.Charset)} would (it writes '?'; the replacement
 * character is what the Unicode standard recommends).
 */
final class Utf8 {
  private Utf8() {}

  /** Encoded length of {@code s} in bytes. */
  static int length(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2; // 4 bytes for 2 chars
          i++;
        } else {
          bytes += 2;
        }
      }
    }
    return bytes;
  }

  /** Appends the UTF-8 bytes of {@code s}. */
  static void write(ByteWriter out, String s) {
    int n = s.length();
    out.ensure(length(s));
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out.writeUnchecked(c);
      } else {
        i = writeNonAscii(out, s, i);
      }
    }
  }

  /** Writes the non-ASCII char at {@code i} (room already ensured); returns the last index consumed. */
  static int writeNonAscii(ByteWriter out, String s, int i) {
    char c = s.charAt(i);
    if (c < 0x800) {
      out.writeUnchecked(0xC0 | (c >> 6));
      out.writeUnchecked(0x80 | (c & 0x3F));
      return i;
    }
    if (Character.isSurrogate(c)) {
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(i + 1));
        out.writeUnchecked(0xF0 | (cp >> 18));
        out.writeUnchecked(0x80 | ((cp >> 12) & 0x3F));
        out.writeUnchecked(0x80 | ((cp >> 6) & 0x3F));
        out.writeUnchecked(0x80 | (cp & 0x3F));
        return i + 1;
      }
      c = '\uFFFD';
    }
    out.writeUnchecked(0xE0 | (c >> 12));
    out.writeUnchecked(0x80 | ((c >> 6) & 0x3F));
    out.writeUnchecked(0x80 | (c & 0x3F));
    return i;
  }

  /** The UTF-8 bytes of {@code s} as a new array. */
  static byte[] bytes(String s) {
    ByteWriter w = new ByteWriter(length(s));
    write(w, s);
    return w.toByteArray();
  }
}
