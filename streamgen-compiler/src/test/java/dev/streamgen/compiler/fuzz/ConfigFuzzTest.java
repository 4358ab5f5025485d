package dev.streamgen.compiler.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed, hostile and valid configs through the compiler: each must end in located
 * config errors (nothing written) or output that parses and compiles. Deterministic: the same seed
 * gives the same cases. System properties (pass them to Maven with -D):
 *
 * <ul>
 *   <li>{@code streamgen.fuzz.seed} (default 20260101), {@code streamgen.fuzz.cases} (default 3000);
 *   <li>{@code streamgen.fuzz.only=N}: replay case N alone (failures say which);
 *   <li>{@code streamgen.fuzz.timeout.ms} per case (default 60000: a hang, not a benchmark);
 *   <li>{@code streamgen.fuzz.javac}: how many valid outputs javac compiles (default 60).
 * </ul>
 *
 * A longer run: {@code ./mvnw -B -o -pl streamgen-compiler -am test -Dtest=ConfigFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dstreamgen.fuzz.cases=50000 -Dstreamgen.fuzz.seed=7}.
 * Failing inputs are saved under {@code target/fuzz-failures/}; interesting ones belong in the
 * regression corpus ({@code src/test/resources/fuzz-corpus/}, see {@link FuzzCorpusTest}).
 */
class ConfigFuzzTest {

  @Test
  void everyCaseEndsInLocatedErrorsOrCompilableOutput() {
    ConfigFuzzer.Settings settings =
        new ConfigFuzzer.Settings(
            Long.getLong("streamgen.fuzz.seed", 20260101L),
            Integer.getInteger("streamgen.fuzz.cases", 3000),
            Integer.getInteger("streamgen.fuzz.only", -1),
            Long.getLong("streamgen.fuzz.timeout.ms", 60_000L),
            Integer.getInteger("streamgen.fuzz.javac", 60),
            Path.of("target/fuzz-work"),
            Path.of("target/fuzz-failures"));
    ConfigFuzzer.Report report = new ConfigFuzzer(settings).run();
    System.out.print(report.summary(settings));
    assertThat(report.cases).isGreaterThan(0);
    assertThat(report.failures).as(report.summary(settings)).isEmpty();
  }
}
