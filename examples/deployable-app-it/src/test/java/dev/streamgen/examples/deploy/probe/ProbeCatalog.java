package dev.streamgen.examples.deploy.probe;

import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A hand-written stand-in for generated code until the plugin's output is on main: two event types
 * whose JSON payload is {@code {"row":R,"h":H}} with H = {@link Rng#hash}(R, seed), which the test
 * recomputes with Spark's own xxhash64. Shipped to the cluster in its own jar, beside the app jar.
 */
public final class ProbeCatalog implements Catalog {
  private static final EventKernel[] KERNELS = {new Kernel("probe.a"), new Kernel("probe.b")};

  @Override
  public String sourceName() {
    return "probe.yaml";
  }

  @Override
  public String sourceYaml() {
    return "generation_mode: \"batch\"\nserialization_format: \"json\"\nsink_config:\n  type: \"noop\"\n";
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
    return 0.5;
  }

  private static final class Kernel implements EventKernel {
    private final String id;

    Kernel(String id) {
      this.id = id;
    }

    @Override
    public String eventTypeId() {
      return id;
    }

    @Override
    public List<String> fieldNames() {
      return Arrays.asList("row", "h");
    }

    @Override
    public long avroFingerprint() {
      return id.hashCode();
    }

    @Override
    public void write(long seed, long row, long eventTimeMicros, Format format, ByteWriter out) {
      if (format != Format.JSON) {
        throw new IllegalArgumentException("the probe catalog writes JSON only, not " + format);
      }
      out.write(("{\"row\":" + row + ",\"h\":" + Rng.hash(row, seed) + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String fieldText(long seed, long row, long eventTimeMicros, int field) {
      return field == 0 ? Long.toString(row) : Long.toString(Rng.hash(row, seed));
    }
  }
}
