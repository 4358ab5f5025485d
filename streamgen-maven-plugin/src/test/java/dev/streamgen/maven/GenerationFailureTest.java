package dev.streamgen.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.compiler.ConfigError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationFailureTest {
  @Test
  void listsEveryLocatedErrorOnItsOwnLine() {
    String message = GenerationFailure.configErrors(List.of(
        new ConfigError(Path.of("src/main/streamgen/events.yaml"), 14, 9,
            "event 'user.purchase' field 'amount': range [10, 1] is empty (min > max)"),
        new ConfigError(Path.of("src/main/streamgen/events.yaml"), 20, 3, "unknown key 'wieght'")));
    assertThat(message.split(System.lineSeparator())).containsExactly(
        "streamgen: 2 errors in event definitions:",
        "src/main/streamgen/events.yaml:14:9: event 'user.purchase' field 'amount': range [10, 1] is empty (min > max)",
        "src/main/streamgen/events.yaml:20:3: unknown key 'wieght'");
  }

  @Test
  void countsOneErrorInTheSingular() {
    String message = GenerationFailure.configErrors(List.of(
        new ConfigError(Path.of("events.yaml"), 1, 1, "missing key 'event_types'")));
    assertThat(message).startsWith("streamgen: 1 error in event definitions:");
  }
}
