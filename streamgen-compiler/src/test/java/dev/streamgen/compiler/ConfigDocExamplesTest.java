package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.compiler.config.Problems;
import dev.streamgen.runtime.settings.ConfigKeys;
import dev.streamgen.runtime.settings.SettingKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/config.md is exercised: each {@code yaml} block compiles, or fails with exactly the message
 * its {@code # expect-error:} first line states; and every setting the registry knows is documented.
 */
class ConfigDocExamplesTest {
  static final Path DOC = Path.of("../docs/config.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
  private static final String EXPECT = "# expect-error: ";

  @TempDir Path dir;

  @Test
  void everyExampleBehavesAsDocumented() throws IOException {
    Matcher m = YAML_BLOCK.matcher(Files.readString(DOC));
    int valid = 0;
    int invalid = 0;
    for (int i = 0; m.find(); i++) {
      String yaml = m.group(1);
      Path file = dir.resolve("example" + i + ".yaml");
      Files.writeString(file, yaml);
      Problems problems = new Problems(file);
      boolean ok = Compiler.check(file, problems).isPresent();
      List<String> messages = problems.errors().stream().map(ConfigError::message).toList();
      if (yaml.startsWith(EXPECT)) {
        String expected = yaml.substring(EXPECT.length(), yaml.indexOf('\n'));
        assertThat(messages).as("example %s:%n%s", i, yaml).containsExactly(expected);
        invalid++;
      } else {
        assertThat(messages).as("example %s:%n%s", i, yaml).isEmpty();
        assertThat(ok).isTrue();
        valid++;
      }
    }
    assertThat(valid).isGreaterThanOrEqualTo(3);
    assertThat(invalid).isGreaterThanOrEqualTo(5);
  }

  @Test
  void everyRegisteredSettingIsDocumented() throws IOException {
    String doc = Files.readString(DOC);
    List<String> missing = new ArrayList<>();
    for (SettingKey k : ConfigKeys.general()) {
      if (!doc.contains("`" + k.path() + "`")) {
        missing.add(k.path());
      }
    }
    for (String sink : ConfigKeys.sinkTypes()) {
      assertThat(doc).contains("| " + sink);
      for (SettingKey k : ConfigKeys.sinkKeys(sink)) {
        if (!doc.contains("`" + k.name() + "`")) {
          missing.add(k.path() + " (" + sink + ")");
        }
      }
    }
    assertThat(missing).as("settings missing from docs/config.md").isEmpty();
  }
}
