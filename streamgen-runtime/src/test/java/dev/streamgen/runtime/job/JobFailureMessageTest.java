package dev.streamgen.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** The summary line of a failed run shows the sink's own message, not only the deepest cause. */
class JobFailureMessageTest {
  /** Stands for a sink's exception (any class under dev.streamgen). */
  static final class SinkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SinkFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Test
  void showsTheOutermostMessageOfOursThenTheRootCause() {
    Throwable root = new TimeoutException("Did not observe any item within 2000ms in 'flatMap'");
    Throwable ours = new SinkFailure("sending to event hub 'hub1' failed: 0 sent, 1 failed", new RuntimeException("retries exhausted", root));
    Throwable spark = new SparkException("Job aborted due to stage failure", ours);

    assertThat(Job.failureMessage(spark))
        .isEqualTo("sending to event hub 'hub1' failed: 0 sent, 1 failed"
            + " (root cause: TimeoutException: Did not observe any item within 2000ms in 'flatMap')");
  }

  @Test
  void withoutAMessageOfOursShowsTheRootCause() {
    Throwable spark = new SparkException("Job aborted", new RuntimeException("wrapped", new TimeoutException("Topic t not present in metadata after 3000 ms.")));

    assertThat(Job.failureMessage(spark)).isEqualTo("TimeoutException: Topic t not present in metadata after 3000 ms.");
  }

  @Test
  void doesNotRepeatARootCauseTheMessageAlreadyQuotes() {
    Throwable root = new IllegalStateException("broker gone");
    Throwable ours = new SinkFailure("send failed. Cause: broker gone", root);

    assertThat(Job.failureMessage(ours)).isEqualTo("send failed. Cause: broker gone");
  }
}
