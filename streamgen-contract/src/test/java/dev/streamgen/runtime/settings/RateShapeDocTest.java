package dev.streamgen.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rate examples of docs/config.md state how many rows have event times in a window from a
 * start ({@code # check: first 10m from <instant>: 330,000 rows}, counts worked out by hand in the
 * text); this recomputes each from the shape. The compiler's ConfigDocExamplesTest compiles the
 * same blocks.
 */
class RateShapeDocTest {
  private static final Pattern BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern RATE = Pattern.compile("\\n  rate: \"([^\"]*)\"");
  private static final Pattern CHECK =
      Pattern.compile("# check: first (\\d+)([mh]) from (\\S+): ([\\d,]+) rows");

  @Test
  void everyRateExampleHoldsTheRowsItStates() throws IOException {
    String doc = new String(Files.readAllBytes(Paths.get("../docs/config.md")), StandardCharsets.UTF_8);
    Matcher block = BLOCK.matcher(doc);
    int checked = 0;
    while (block.find()) {
      String yaml = block.group(1);
      Matcher rate = RATE.matcher(yaml);
      Matcher check = CHECK.matcher(yaml);
      if (!rate.find() || !check.find()) {
        continue;
      }
      RateShape shape = RateShape.parse(rate.group(1));
      long unit = check.group(2).equals("m") ? 60_000_000L : 3_600_000_000L;
      long window = Long.parseLong(check.group(1)) * unit;
      Instant from = Instant.parse(check.group(3));
      long start = from.getEpochSecond() * 1_000_000L;
      long expected = Long.parseLong(check.group(4).replace(",", ""));
      // Rows with event time before start + window.
      assertThat(shape.rowsDue(start, window - 1)).as(rate.group(1)).isEqualTo(expected);
      checked++;
    }
    assertThat(checked).isEqualTo(7);
  }
}
