package dev.streamgen.compiler.model;

/**
 * Java string literals in pure ASCII, for user text in generated code. JavaPoet's {@code $S} keeps
 * non-ASCII characters as they are and breaks lines at U+2028/U+2029 even inside a literal; these
 * literals compile the same whatever encoding javac assumes.
 */
public final class JavaLiterals {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JavaLiterals() {}

  /**
   * {@code "..."} with {@code \"}, {@code \\}, {@code \b \t \n \f \r} escapes, printable ASCII as
   * is, and every other char (controls, non-ASCII, each half of a surrogate pair) as {@code \}{@code
   * uXXXX}. Quote, backslash and line ends are never written as unicode escapes: javac translates
   * those before reading the literal.
   */
  public static String string(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\f' -> b.append("\\f");
        case '\r' -> b.append("\\r");
        default -> {
          if (c >= 0x20 && c < 0x7F) {
            b.append(c);
          } else {
            b.append('\\').append('u').append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
