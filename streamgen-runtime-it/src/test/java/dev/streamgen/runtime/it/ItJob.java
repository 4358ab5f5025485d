package dev.streamgen.runtime.it;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.job.Job;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** One run of the job in this JVM, on the session the module's tests share: its status and output. */
final class ItJob {
  final int status;
  final String out;
  final String err;

  private ItJob(int status, String out, String err) {
    this.status = status;
    this.out = out;
    this.err = err;
  }

  /** Runs the job's command line {@code args}. */
  static ItJob run(String... args) {
    ItSpark.session();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new Job(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
    return new ItJob(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code args} and fails the test, with everything the job printed, unless it succeeded. */
  static ItJob succeed(String... args) {
    ItJob job = run(args);
    assertThat(job.status).as("exit status; stdout:%n%s%nstderr:%n%s", job.out, job.err).isEqualTo(Job.OK);
    return job;
  }

  /**
   * Runs the catalog {@code catalog} (its YAML writes to Delta) into a fresh table, with the extra
   * {@code --set} settings; returns the table read back with the payload as text in {@code payload}.
   */
  static Dataset<Row> toDelta(Class<?> catalog, String name, String... sets) {
    String path = ItSpark.tempDir(name) + "/events";
    List<String> args = new ArrayList<>(Arrays.asList("--catalog", catalog.getName(), "--set", "sink_config.path=" + path));
    for (String set : sets) {
      args.add("--set");
      args.add(set);
    }
    succeed(args.toArray(new String[0]));
    return ItSpark.session().read().format("delta").load(path).withColumn("payload", col("serialized_payload").cast("string"));
  }
}
