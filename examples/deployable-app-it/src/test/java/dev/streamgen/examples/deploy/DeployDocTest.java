package dev.streamgen.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/deploy.md shows parts of examples/deployable-app/pom.xml; the build of that pom is what
 * the integration tests check, so the docs must show it verbatim (indentation aside).
 */
class DeployDocTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
  private static final Pattern BLOCK = Pattern.compile(
      "[ \\t]*<!-- deploy-doc:([a-z-]+):start -->\\n(.*?)[ \\t]*<!-- deploy-doc:\\1:end -->", Pattern.DOTALL);

  @Test
  void docsShowTheExamplePomVerbatim() throws IOException {
    String pom = read(ROOT.resolve("examples/deployable-app/pom.xml"));
    String doc = read(ROOT.resolve("docs/deploy.md"));
    List<String> names = new ArrayList<>();
    Matcher m = BLOCK.matcher(pom);
    while (m.find()) {
      names.add(m.group(1));
      assertThat(doc).as("docs/deploy.md shows pom block '%s'", m.group(1)).contains(dedent(m.group(2)));
    }
    assertThat(names).containsExactly("dependencies", "generate", "shade");
  }

  /**
   * The Spark 4 example (docs/databricks.md: "switch the three dependencies") packages its jar with
   * exactly this shade configuration, so the two cannot drift apart.
   */
  @Test
  void theSpark4ExampleShadesAsThisOne() throws IOException {
    assertThat(block(read(ROOT.resolve("examples/deployable-app-spark4/pom.xml")), "shade"))
        .isEqualTo(block(read(ROOT.resolve("examples/deployable-app/pom.xml")), "shade"));
  }

  private static String block(String pom, String name) {
    Matcher m = BLOCK.matcher(pom);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return m.group(2);
      }
    }
    throw new AssertionError("no deploy-doc block '" + name + "'");
  }

  @Test
  void dedentRemovesTheCommonIndentOnly() {
    assertThat(dedent("    <a>\n      <b/>\n    </a>\n")).isEqualTo("<a>\n  <b/>\n</a>\n");
  }

  static String dedent(String block) {
    List<String> lines = Arrays.asList(block.split("\n", -1));
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      out.append(l.isBlank() ? "" : l.substring(indent));
      if (i < lines.size() - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static String read(Path p) throws IOException {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }
}
