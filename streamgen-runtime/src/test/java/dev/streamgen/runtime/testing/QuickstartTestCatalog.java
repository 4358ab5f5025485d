package dev.streamgen.runtime.testing;

import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import java.util.Arrays;

/**
 * The seed's Quick Start types, hand-written (three types weighted 0.5 / 0.3 / 0.2, a common
 * user_id), for the runtime's unit tests until they run against generated code.
 */
public final class QuickstartTestCatalog implements Catalog {
  private static final TestKernel.Field USER_ID = TestKernel.intField("user_id", 11, 1, 1_000_000);

  private static final EventKernel[] KERNELS = {
    new TestKernel(
        "user.session.start",
        Arrays.asList(
            USER_ID,
            TestKernel.stringField(
                "device_type", 12, new String[] {"iOS", "Android", "Web"}, new double[] {0.4, 0.4, 0.2}))),
    new TestKernel(
        "user.purchase", Arrays.asList(USER_ID, TestKernel.intField("amount_cents", 13, 99, 99_999))),
    new TestKernel(
        "user.session.end",
        Arrays.asList(USER_ID, TestKernel.intField("session_duration_sec", 14, 60, 7200)))
  };
  private static final double[] WEIGHTS = {0.5, 0.3, 0.2};

  @Override
  public String sourceName() {
    return "quickstart-test.yaml";
  }

  @Override
  public String sourceYaml() {
    return "generation_mode: \"batch\"\n"
        + "batch_config:\n"
        + "  total_rows: 1000\n"
        + "  partitions: 2\n"
        + "serialization_format: \"json\"\n"
        + "sink_config:\n"
        + "  type: \"noop\"\n";
  }

  @Override
  public int size() {
    return KERNELS.length;
  }

  @Override
  public EventKernel kernel(int typeIndex) {
    return KERNELS[typeIndex];
  }

  @Override
  public double weight(int typeIndex) {
    return WEIGHTS[typeIndex];
  }
}
