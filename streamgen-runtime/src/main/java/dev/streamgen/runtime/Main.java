package dev.streamgen.runtime;

import dev.streamgen.runtime.job.Job;
import org.apache.spark.sql.SparkSession;

/**
 * The streamgen job: generates the events compiled into the jar and writes them to the configured
 * sink. Runs under spark-submit, as a Databricks JAR task (same class and arguments), or locally
 * with an embedded Spark. Flags: {@code --help}; settings and examples: docs/runtime.md.
 *
 * <p>Exit status: 0 done, 2 bad flags or settings (nothing written), 1 the run failed. Inside a
 * Spark session that outlives the job (a Databricks JAR task), a failure is thrown instead of
 * calling System.exit, which such platforms forbid.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Job.prepareLogging();
    // Asked before the job runs: a session the platform started (a Databricks JAR task) is there
    // now; one the job starts itself is stopped by it, yet may still look active afterwards.
    boolean hosted = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
    int status = new Job(System.out, System.err).run(args);
    if (status == Job.OK) {
      return;
    }
    if (hosted) {
      throw new IllegalStateException("streamgen failed with exit status " + status + " (messages above)");
    }
    System.exit(status);
  }
}
