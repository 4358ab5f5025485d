package dev.streamgen.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local run that fails, as a user at a terminal sees it: {@code Main} in a JVM of its own (no Spark
 * session before it starts), Spark unable to start because {@code spark.eventLog.dir} does not
 * exist. The message names that stage, the exit status is 1, and a stack trace appears only with
 * {@code --verbose}.
 */
class MainFailureTest {
  private static final String LOG_CONFIG = "classpath:dev/streamgen/runtime/job/local-log4j2.properties";

  @TempDir Path tmp;

  private List<String> sparkThatCannotStart() {
    return Arrays.asList(
        "-Dspark.eventLog.enabled=true", "-Dspark.eventLog.dir=" + tmp.resolve("no-such-dir").toUri());
  }

  @Test
  void sparkThatCannotStartIsNamedAndExitsWithStatusOne() throws Exception {
    List<String> args = Arrays.asList("--rows", "10", "--set", "sink_config.type=noop");
    try (ChildJvm main = ChildJvm.main(sparkThatCannotStart(), args, Map.of(), tmp.resolve("main.log"), LOG_CONFIG)) {
      assertThat(main.await(120)).as(main.tail()).isEqualTo(1);
      String output = main.output();
      assertThat(output).contains("streamgen: Spark did not start: ").contains("no-such-dir");
      assertThat(output).contains("streamgen: run with --verbose for the stack trace");
      assertThat(output).doesNotContain("the run failed writing to");
      assertThat(output).doesNotContain("Exception in thread").doesNotContain("\tat ");
    }
  }

  @Test
  void verbosePrintsTheStackTrace() throws Exception {
    List<String> args = Arrays.asList("--rows", "10", "--set", "sink_config.type=noop", "--verbose");
    try (ChildJvm main = ChildJvm.main(sparkThatCannotStart(), args, Map.of(), tmp.resolve("main.log"), LOG_CONFIG)) {
      assertThat(main.await(120)).as(main.tail()).isEqualTo(1);
      String output = main.output();
      assertThat(output).contains("streamgen: Spark did not start: ").contains("\tat org.apache.spark.SparkContext");
      assertThat(output).doesNotContain("Exception in thread");
    }
  }
}
