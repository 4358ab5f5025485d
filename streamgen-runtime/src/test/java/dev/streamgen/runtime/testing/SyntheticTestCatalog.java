package dev.streamgen.runtime.testing;

import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import java.util.Arrays;

/**
 * N hand-written event types with unequal weights (type k weighs k + 1), for tests that need many
 * types: the plan-size test and the chi-square test. Subclasses fix N so the source can instantiate
 * them by class name.
 */
public abstract class SyntheticTestCatalog implements Catalog {
  private final EventKernel[] kernels;
  private final double[] weights;

  protected SyntheticTestCatalog(int types) {
    kernels = new EventKernel[types];
    weights = new double[types];
    double total = (double) types * (types + 1) / 2;
    for (int k = 0; k < types; k++) {
      kernels[k] =
          new TestKernel(
              "synthetic.type" + k,
              Arrays.asList(
                  TestKernel.intField("user_id", 11, 1, 1000),
                  TestKernel.intField("value" + k, 100 + k, 0, 100)));
      weights[k] = (k + 1) / total;
    }
  }

  @Override
  public String sourceName() {
    return "synthetic-" + kernels.length + ".yaml";
  }

  @Override
  public String sourceYaml() {
    return "generation_mode: batch\n";
  }

  @Override
  public int size() {
    return kernels.length;
  }

  @Override
  public EventKernel kernel(int typeIndex) {
    return kernels[typeIndex];
  }

  @Override
  public double weight(int typeIndex) {
    return weights[typeIndex];
  }

  /** Three types. */
  public static final class Three extends SyntheticTestCatalog {
    public Three() {
      super(3);
    }
  }

  /** Twenty types, for the chi-square test. */
  public static final class Twenty extends SyntheticTestCatalog {
    public Twenty() {
      super(20);
    }
  }

  /** A thousand types. */
  public static final class Thousand extends SyntheticTestCatalog {
    public Thousand() {
      super(1000);
    }
  }
}
