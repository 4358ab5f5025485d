package dev.streamgen.runtime.job;

import dev.streamgen.runtime.registry.RegistryException;
import dev.streamgen.runtime.registry.RegistryPlan;
import dev.streamgen.runtime.settings.SettingsException;
import dev.streamgen.runtime.sink.SecretRedaction;
import dev.streamgen.runtime.source.PayloadFraming;
import dev.streamgen.runtime.source.RowSplit;
import dev.streamgen.runtime.source.SourceOptions;
import dev.streamgen.runtime.source.TypeCountAccumulator;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/**
 * One run of {@code Main}: flags → {@link JobPlan} (everything the user can get wrong, checked
 * before Spark starts) → {@link BatchRun} or {@link StreamRun} → exit status. Failures become one
 * clear line; the stack trace only with --verbose.
 */
public final class Job {
  /** Exit status: done. */
  public static final int OK = 0;
  /** Exit status: the run failed while running. */
  public static final int FAILED = 1;
  /** Exit status: bad flags or settings; nothing was written. */
  public static final int BAD_INPUT = 2;

  private final RunOutput output;

  public Job(PrintStream out, PrintStream err) {
    this.output = new RunOutput(out, err);
  }

  /**
   * For a process of its own (Main): an embedded run without a log4j2 configuration logs warnings
   * only. Must run before anything logs.
   */
  public static void prepareLogging() {
    SparkSessions.quietEmbeddedLogging();
  }

  /** Runs with {@code args}; returns the exit status. */
  public int run(String[] args) {
    JobPlan plan;
    try {
      CommandLine cli = CommandLine.parse(args);
      if (cli.help()) {
        output.plain(CommandLine.usage());
        return OK;
      }
      plan = JobPlan.of(cli, output);
    } catch (CommandLine.UsageException e) {
      output.problem(e.getMessage());
      output.plainError("Run with --help for usage.");
      return BAD_INPUT;
    } catch (SettingsException e) {
      for (String p : e.problems()) {
        output.problem(p);
      }
      return BAD_INPUT;
    } catch (IllegalArgumentException e) {
      output.problem(e.getMessage());
      return BAD_INPUT;
    }
    if (plan.cli().dryRun()) {
      dryRun(plan);
      return OK;
    }
    return execute(plan);
  }

  private void dryRun(JobPlan plan) {
    output.report("dry run: " + plan.describe() + " -> " + plan.destination());
    reportKeyOrder(plan);
    RegistryPlan registry = plan.registry();
    if (registry.active()) {
      output.report("would register with the " + registry.destination() + ":");
      for (String line : registry.describe()) {
        output.plain("  " + line);
      }
    }
    output.report("settings (secrets masked):");
    for (String line : plan.settings().toString().split("\n")) {
      if (!line.isEmpty()) {
        output.plain("  " + line);
      }
    }
    output.report("flags, settings, secrets and sink options are valid; nothing was run");
  }

  private void reportKeyOrder(JobPlan plan) {
    String keyOrder = RowSplit.keyOrder(plan.catalog().catalog().laneCounts());
    if (keyOrder != null) {
      output.report(keyOrder);
    }
  }

  private int execute(JobPlan plan) {
    PayloadFraming framing;
    try {
      framing = register(plan.registry());
    } catch (RegistryException e) {
      // Before Spark starts: nothing was written.
      return failed(plan, e.getMessage() + "; nothing was written", e);
    }
    SparkSessions spark;
    try {
      spark = SparkSessions.obtain();
    } catch (Exception e) {
      // Before any event: the Spark configuration (say spark.eventLog.dir), not the sink.
      return failed(plan, "Spark did not start: " + failureMessage(e), e);
    }
    String counterId = null;
    try {
      SparkSession session = spark.session();
      SecretRedaction.protect(session, plan.secrets().resolvedValues());
      counterId = TypeCountAccumulator.register(session.sparkContext(), plan.catalog().size());
      TypeCountAccumulator counter = TypeCountAccumulator.lookup(counterId);
      SourceOptions options = plan.sourceOptions().toBuilder().typeCounter(counterId).framing(framing).build();
      output.report(describeRun(plan, session));
      reportKeyOrder(plan);
      if (plan.settings().isBatch()) {
        new BatchRun(plan, output).run(session, options, counter);
      } else {
        new StreamRun(plan, output).run(session, options, counter);
      }
      return OK;
    } catch (IllegalArgumentException e) {
      // Planning-time checks of the source and sinks: the user's input, not a crash.
      output.problem(e.getMessage());
      return BAD_INPUT;
    } catch (Exception e) {
      return failed(
          plan, "the run failed writing to " + plan.destinationOrType() + ": " + failureMessage(e), e);
    } finally {
      if (counterId != null) {
        TypeCountAccumulator.unregister(counterId);
      }
      if (spark.created()) {
        spark.session().stop();
      }
    }
  }

  /** Registers every event type's schema once, on the driver; the ids the executors prepend. */
  private PayloadFraming register(RegistryPlan registry) {
    if (!registry.active()) {
      return PayloadFraming.NONE;
    }
    long start = System.nanoTime();
    PayloadFraming framing = registry.register();
    output.report(
        "registered " + registry.describe().size() + " schemas with the " + registry.destination() + " in "
            + Numbers.seconds((System.nanoTime() - start) / 1e9));
    return framing;
  }

  /** Reports a failed run: the message, and the stack trace only with --verbose. */
  private int failed(JobPlan plan, String message, Exception e) {
    output.problem(message);
    if (plan.cli().verbose()) {
      output.stackTrace(e);
    } else {
      output.problem("run with --verbose for the stack trace");
    }
    return FAILED;
  }

  private static String describeRun(JobPlan plan, SparkSession session) {
    return plan.describe()
        + " -> "
        + plan.destination()
        + " (Spark "
        + session.version()
        + ", master "
        + session.sparkContext().master()
        + ")";
  }

  /**
   * What went wrong, for the summary line: the message of the outermost exception of our own in the
   * chain (sinks write those for users: the setting, the counts), then the root cause when it adds
   * something; without one of ours, the root cause alone. The root alone hid the sinks' messages
   * behind e.g. "TimeoutException: Did not observe any item ... in 'flatMap'".
   */
  static String failureMessage(Throwable e) {
    Throwable own = null;
    Throwable t = e;
    while (true) {
      if (own == null && t.getClass().getName().startsWith("dev.streamgen.")) {
        own = t;
      }
      if (t.getCause() == null || t.getCause() == t) {
        break;
      }
      t = t.getCause();
    }
    String root = t.getClass().getSimpleName() + ": " + t.getMessage();
    if (own == null) {
      return root;
    }
    String message = own.getMessage();
    return own == t || message.contains(String.valueOf(t.getMessage())) ? message : message + " (root cause: " + root + ")";
  }
}
