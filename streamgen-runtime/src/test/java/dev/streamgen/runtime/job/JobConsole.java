package dev.streamgen.runtime.job;

import dev.streamgen.runtime.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code Main}'s job run in this JVM on the tests' shared Spark session (as it would use a Databricks
 * or spark-submit session), with what it printed kept for the test to read. Output accumulates over
 * the runs of one console.
 */
final class JobConsole {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Runs the job's command line {@code args}; returns its exit status. */
  int run(String... args) {
    SharedSpark.session();
    return new Job(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
