package dev.streamgen.runtime.job;

import dev.streamgen.runtime.settings.SecretResolver;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Where a run's lines go: progress and summary to {@code out}, problems to {@code err}, each with
 * every secret resolved so far replaced by {@code ***}.
 */
final class RunOutput {
  /** Starts every line the job prints about its run (not usage or error lines). */
  static final String PREFIX = "[streamgen] ";

  private final PrintStream out;
  private final PrintStream err;
  private SecretResolver secrets;

  RunOutput(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** From now on, the values {@code secrets} resolves are masked. */
  void maskSecretsOf(SecretResolver secrets) {
    this.secrets = secrets;
  }

  /** A line about the run: {@code [streamgen] } + {@code text}. */
  void report(String text) {
    plain(PREFIX + text);
  }

  /** A line to {@code out} as given (usage, settings listings). */
  void plain(String line) {
    out.println(redact(line));
  }

  /** A problem: {@code streamgen: } + {@code message}, to {@code err}. */
  void problem(String message) {
    err.println(redact("streamgen: " + message));
  }

  /** A line to {@code err} as given. */
  void plainError(String line) {
    err.println(redact(line));
  }

  void stackTrace(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    err.print(redact(trace.toString()));
  }

  private String redact(String text) {
    String t = text;
    if (secrets != null && t != null) {
      for (String v : secrets.resolvedValues()) {
        if (!v.isEmpty()) {
          t = t.replace(v, "***");
        }
      }
    }
    return t;
  }
}
