package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.sink.Sinks;
import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.EventDataBatch;
import com.azure.messaging.eventhubs.EventHubClientBuilder;
import com.azure.messaging.eventhubs.EventHubProducerClient;
import com.azure.messaging.eventhubs.models.CreateBatchOptions;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.testkit.eventhubs.EventHubsTestServer;
import dev.streamgen.runtime.testing.SharedSpark;
import dev.streamgen.runtime.testing.SourceEvents;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of the AMQP sink into the local test endpoint, fed by the {@code streamgen} source
 * (quick-start catalog, JSON), against a baseline run in the same process: one bare SDK producer
 * sending full batches of the same events, collected from the source beforehand. Not a test: run
 * it with the command in docs/benchmarks.md. Loopback only; numbers are for comparison, not for Azure.
 */
public final class EventHubsSinkBenchmark {
  private EventHubsSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    long lowCardinalityEvents = args.length > 0 ? Long.parseLong(args[0]) : 400_000;
    long uniqueKeyEvents = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    SparkSession spark = SharedSpark.session();
    try (EventHubsTestServer server = EventHubsTestServer.start()) {
      Map<String, String> options = new HashMap<>();
      options.put("connection_string", server.connectionString());
      options.put("serialization_format", "json");

      Sinks.configure(new SinkOptions("eventhubs", options)).writeBatch(rows(spark, 10_000, null));
      server.clearEvents(); // warm-up done: JIT, Spark planning, first connections

      // Rounds alternate the baseline and the sink, so a change in the machine's load hits both.
      for (int round = 1; round <= rounds; round++) {
        System.out.printf("[eventhubs-bench] round %d of %d, hub of %d partitions%n", round, rounds,
            server.partitionCount());
        double baseline = baseline(server, SourceEvents.collect(rows(spark, lowCardinalityEvents, null)));
        report("baseline: 1 SDK producer, full batches, 1 key", lowCardinalityEvents, baseline, baseline);

        double low = sink(spark, server, options, lowCardinalityEvents, null);
        report("sink, local[2], 2 tasks, 3 keys (event types)", lowCardinalityEvents, low, baseline);

        double unique = sink(spark, server, options, uniqueKeyEvents, "user_id");
        report("sink, local[2], 2 tasks, key user_id (~distinct)", uniqueKeyEvents, unique, baseline);
      }
    }
    spark.stop();
  }

  /** The streamgen source, over 2 partitions; partition key: that field, or the event type if null. */
  private static Dataset<Row> rows(SparkSession spark, long n, String keyField) {
    return SourceEvents.source(spark, n, 2, keyField);
  }

  /** The sink reads the source in the timed part: generating the events is part of its cost. */
  private static double sink(SparkSession spark, EventHubsTestServer server, Map<String, String> options, long n,
      String keyField) {
    Dataset<Row> rows = rows(spark, n, keyField);
    server.clearEvents();
    long t0 = System.nanoTime();
    Sinks.configure(new SinkOptions("eventhubs", options)).writeBatch(rows);
    double seconds = (System.nanoTime() - t0) / 1e9;
    check(server, n);
    return n / seconds;
  }

  private static double baseline(EventHubsTestServer server, SourceEvents events) {
    long n = events.size();
    try (EventHubProducerClient producer =
        new EventHubClientBuilder().connectionString(server.connectionString()).buildProducerClient()) {
      producer.send(producer.createBatch()); // connect outside the timed part
      server.clearEvents();
      long t0 = System.nanoTime();
      CreateBatchOptions key = new CreateBatchOptions().setPartitionKey("user-1");
      EventDataBatch batch = producer.createBatch(key);
      for (long i = 0; i < n; i++) {
        EventData e = new EventData(events.payload((int) i));
        e.getProperties().put("event_type_id", events.type((int) i));
        if (!batch.tryAdd(e)) {
          producer.send(batch);
          batch = producer.createBatch(key);
          batch.tryAdd(e);
        }
      }
      producer.send(batch);
      double seconds = (System.nanoTime() - t0) / 1e9;
      check(server, n);
      return n / seconds;
    }
  }

  private static void check(EventHubsTestServer server, long n) {
    if (server.eventCount() != n) {
      throw new IllegalStateException("expected " + n + " events at the endpoint, got " + server.eventCount());
    }
  }

  private static void report(String what, long n, double perSecond, double baseline) {
    System.out.printf("[eventhubs-bench] %-52s %,9d events  %,10.0f events/s  %.2fx baseline%n",
        what, n, perSecond, perSecond / baseline);
  }
}
