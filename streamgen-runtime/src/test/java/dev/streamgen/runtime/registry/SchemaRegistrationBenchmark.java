package dev.streamgen.runtime.registry;

import dev.streamgen.testkit.SchemaRegistryServer;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark, not a test: how long the driver takes to register N event types' Avro schemas (each a
 * different record) with a local Apicurio Registry (Confluent API, data in memory), then to register
 * them again (every schema known: the run after the first). Run after {@code test-compile}:
 * {@code java -cp <runtime classes, test classes, testkit, jackson> -Dstreamgen.schema.registry.runner=<runner jar>
 * dev.streamgen.runtime.registry.SchemaRegistrationBenchmark [N]}. Results go to docs/benchmarks.md.
 */
public final class SchemaRegistrationBenchmark {
  private SchemaRegistrationBenchmark() {}

  public static void main(String[] args) {
    int types = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    List<SchemaSubject> subjects = new ArrayList<>(types);
    for (int t = 0; t < types; t++) {
      StringBuilder fields = new StringBuilder("{\"name\":\"user_id\",\"type\":\"int\"}");
      for (int f = 0; f < 1 + t % 7; f++) {
        fields.append(",{\"name\":\"f").append(f).append("\",\"type\":\"").append(f % 2 == 0 ? "string" : "long").append("\"}");
      }
      String schema = "{\"type\":\"record\",\"name\":\"Type" + t + "\",\"namespace\":\"bench\",\"fields\":[" + fields + "]}";
      subjects.add(new SchemaSubject("type." + t, "bench.Type" + t, "AVRO", schema));
    }
    try (SchemaRegistryServer registry = SchemaRegistryServer.start()) {
      ParallelRegistration registration =
          new ParallelRegistration(new ConfluentRegistryClient(registry.confluentUrl(), null, null));
      for (String round : new String[] {"first registration", "again (all known)"}) {
        long start = System.nanoTime();
        int[] ids = registration.register(subjects);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %,d types in %.1f s (%,.0f/s), ids %d..%d%n", round, types, seconds, types / seconds, ids[0],
            ids[types - 1]);
      }
    }
  }
}
