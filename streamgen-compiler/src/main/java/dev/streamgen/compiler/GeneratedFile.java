package dev.streamgen.compiler;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One output file held in memory until the whole compilation succeeded. */
public record GeneratedFile(Root root, Path relativePath, byte[] content) {

  /** Which output directory of the request it belongs in. */
  public enum Root {
    JAVA,
    RESOURCES,
    SCHEMAS
  }

  public static GeneratedFile text(Root root, String relativePath, String content) {
    if (content.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(relativePath + ": generated text must use \\n line ends");
    }
    return new GeneratedFile(root, Path.of(relativePath), content.getBytes(StandardCharsets.UTF_8));
  }

  public String textContent() {
    return new String(content, StandardCharsets.UTF_8);
  }
}
