package dev.streamgen.compiler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Inputs too big to keep in the fuzz corpus (which holds the small ones): each used to hang, crash
 * or mislead, and now ends in one located error. Found by the config fuzzer (fuzz/ConfigFuzzTest).
 */
class YamlReaderLimitsTest {
  private final Problems problems = new Problems(Path.of("events.yaml"));

  @Test
  void refusesALineLongerThanAMebibyteInsteadOfParsingForMinutes() {
    String text = "event_types: []\n# " + "c".repeat(YamlReader.MAX_LINE_CHARS) + "\n";

    assertThat(YamlReader.read(text, problems)).isNull();

    assertThat(problems.errors())
        .extracting(Object::toString)
        .containsExactly("events.yaml:2:1048577: line is 1048578 characters long; at most 1048576 are supported");
  }

  @Test
  void countsACrLfLineEndOnceWhenLocatingALongLine() {
    String text = "a: 1\r\nb: 2\r\n" + "c".repeat(YamlReader.MAX_LINE_CHARS + 1);

    YamlReader.read(text, problems);

    assertThat(problems.errors()).extracting(e -> e.line()).containsExactly(3);
  }

  @Test
  void acceptsALineOfExactlyTheLimit() {
    String text = "a: " + "c".repeat(YamlReader.MAX_LINE_CHARS - 3) + "\n";

    assertThat(YamlReader.read(text, problems)).isNotNull();
    assertThat(problems.errors()).isEmpty();
  }

  @Test
  void reportsNestingOneHundredThousandDeepWhereItCrossesTheLimitWithoutOverflowingTheStack() {
    String text = "event_types: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";

    assertThat(YamlReader.read(text, problems)).isNull();

    assertThat(problems.errors())
        .extracting(Object::toString)
        .containsExactly("events.yaml:1:1014: invalid YAML: nested more than 1000 levels deep");
  }

  @Test
  void reportsEveryAliasAndNoMisleadingErrorsAfterThem() {
    String text = "event_types:\n  - &t {event_type_id: \"a\", weight: 0.5}\n  - *t\n";

    assertThat(YamlReader.read(text, problems)).as("no tree: aliases would read as their anchor's name").isNull();

    assertThat(problems.errors())
        .extracting(Object::toString)
        .containsExactly("events.yaml:3:5: YAML aliases are not supported (*t); write the value out in full");
  }

  @Test
  void readsATaggedFloatThatIsNoNumberAsAStringInsteadOfThrowing() {
    Node root = YamlReader.read("weight: !!float heavy\n", problems);

    assertThat(problems.errors()).isEmpty();
    assertThat(((MapNode) root).get("weight").orElseThrow())
        .isEqualTo(ScalarNode.string("heavy", new Location(1, 9)));
  }
}
