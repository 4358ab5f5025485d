package dev.streamgen.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * docs/config.md shows docs/examples/every-kind.yaml (the file EveryKindEndToEndTest runs) verbatim:
 * the one {@code yaml} block of its section "A worked example: every field kind" equals the file.
 */
class EveryKindDocTest {
  private static final Path DOC = Paths.get("..", "docs", "config.md");
  private static final Path YAML =
      Paths.get(System.getProperty("streamgen.everyKind.yaml", "../docs/examples/every-kind.yaml"));
  private static final String SECTION = "\n## A worked example: every field kind\n";

  @Test
  void theWorkedExampleIsTheFileTheTestRuns() throws IOException {
    String doc = new String(Files.readAllBytes(DOC), StandardCharsets.UTF_8);
    int at = doc.indexOf(SECTION);
    assertThat(at).as("docs/config.md has the section%s", SECTION).isNotNegative();
    int end = doc.indexOf("\n## ", at + SECTION.length());
    String section = doc.substring(at, end < 0 ? doc.length() : end);
    int open = section.indexOf("\n```yaml\n");
    assertThat(open).as("the section has a yaml block").isNotNegative();
    int from = open + "\n```yaml\n".length();
    int close = section.indexOf("\n```\n", from - 1);
    assertThat(close).as("the yaml block is closed").isGreaterThanOrEqualTo(from - 1);
    String block = section.substring(from, close + 1);
    assertThat(section.indexOf("\n```yaml\n", close)).as("one yaml block in the section").isNegative();
    String file = new String(Files.readAllBytes(YAML), StandardCharsets.UTF_8);
    assertThat(block)
        .as("the yaml block of docs/config.md, \"A worked example: every field kind\", differs from %s;"
            + " copy the file into the block", YAML)
        .isEqualTo(file);
  }
}
