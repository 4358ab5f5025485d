package dev.streamgen.compiler.codegen;

/**
 * User text (file names, field names, string values) made safe inside generated comments: javac
 * reads unicode escapes even in comments (an escaped '*' before '/' would end one), so backslashes, comment
 * ends, javadoc tag and inline-tag characters and line breaks become HTML entities or spaces,
 * and non-ASCII characters character references, so generated sources are pure ASCII.
 */
final class Comments {
  private Comments() {}

  static String safe(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> b.append("&#92;");
        case '@' -> b.append("&#64;");
        case '{' -> b.append("&#123;");
        case '}' -> b.append("&#125;");
        case '/' -> b.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
        case '\n', '\r', '\u2028', '\u2029' -> b.append(' ');
        default -> {
          if (c < 0x80) {
            b.append(c);
          } else {
            // Non-ASCII as an HTML character reference: generated sources stay pure ASCII.
            int cp = Character.codePointAt(text, i);
            b.append("&#").append(cp).append(';');
            i += Character.charCount(cp) - 1;
          }
        }
      }
    }
    return b.toString();
  }
}
