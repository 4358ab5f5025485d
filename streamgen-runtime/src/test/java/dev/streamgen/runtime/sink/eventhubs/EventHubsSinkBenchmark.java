package dev.streamgen.runtime.sink.eventhubs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.lit;

import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.EventDataBatch;
import com.azure.messaging.eventhubs.EventHubClientBuilder;
import com.azure.messaging.eventhubs.EventHubProducerClient;
import com.azure.messaging.eventhubs.models.CreateBatchOptions;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.testkit.eventhubs.EventHubsTestServer;
import dev.streamgen.runtime.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of the AMQP sink into the local test endpoint, against a baseline run in the same
 * process: one bare SDK producer sending full batches of the same events. Not a test: run it with
 * the command in docs/benchmarks.md. Loopback only; numbers are for comparison, not for Azure.
 */
public final class EventHubsSinkBenchmark {
  private static final String PAD = new String(new char[80]).replace('\0', 'x');

  private EventHubsSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    long lowCardinalityEvents = args.length > 0 ? Long.parseLong(args[0]) : 400_000;
    long uniqueKeyEvents = args.length > 1 ? Long.parseLong(args[1]) : 20_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    SparkSession spark = SharedSpark.session();
    try (EventHubsTestServer server = EventHubsTestServer.start()) {
      Map<String, String> options = new HashMap<>();
      options.put("connection_string", server.connectionString());
      options.put("serialization_format", "json");

      new EventHubsSink().writeBatch(rows(spark, 10_000, "concat('user-', id % 17)"), new SinkOptions("eventhubs", options));
      server.clearEvents(); // warm-up done: JIT, Spark planning, first connections

      // Rounds alternate the baseline and the sink, so a change in the machine's load hits both.
      for (int round = 1; round <= rounds; round++) {
        System.out.printf("[eventhubs-bench] round %d of %d, hub of %d partitions%n", round, rounds,
            server.partitionCount());
        double baseline = baseline(server, lowCardinalityEvents);
        report("baseline: 1 SDK producer, full batches, 1 key", lowCardinalityEvents, baseline, baseline);

        double low = sink(spark, server, options, lowCardinalityEvents, "concat('user-', id % 17)");
        report("sink, local[2], 2 tasks, 17 keys", lowCardinalityEvents, low, baseline);

        double unique = sink(spark, server, options, uniqueKeyEvents, "concat('key-', id)");
        report("sink, local[2], 2 tasks, a distinct key per event", uniqueKeyEvents, unique, baseline);
      }
    }
    spark.stop();
  }

  private static Dataset<Row> rows(SparkSession spark, long n, String keyExpression) {
    Column type = element_at(array(lit("user.login"), lit("user.purchase"), lit("page.view")),
        col("id").mod(3).plus(1).cast("int"));
    Column payload = encode(concat(lit("{\"seq\":"), col("id").cast("string"), lit(",\"pad\":\"" + PAD + "\"}")), "UTF-8");
    return spark.range(0, n, 1, 2)
        .select(type.as("event_type_id"), current_timestamp().as("timestamp"),
            org.apache.spark.sql.functions.expr(keyExpression).as("partition_key"), payload.as("serialized_payload"));
  }

  private static double sink(SparkSession spark, EventHubsTestServer server, Map<String, String> options, long n,
      String keyExpression) {
    Dataset<Row> rows = rows(spark, n, keyExpression).cache();
    rows.count(); // generate outside the timed part
    server.clearEvents();
    long t0 = System.nanoTime();
    new EventHubsSink().writeBatch(rows, new SinkOptions("eventhubs", options));
    double seconds = (System.nanoTime() - t0) / 1e9;
    check(server, n);
    rows.unpersist();
    return n / seconds;
  }

  private static double baseline(EventHubsTestServer server, long n) {
    byte[][] payloads = new byte[1000][];
    for (int i = 0; i < payloads.length; i++) {
      payloads[i] = ("{\"seq\":" + i + ",\"pad\":\"" + PAD + "\"}").getBytes(StandardCharsets.UTF_8);
    }
    try (EventHubProducerClient producer =
        new EventHubClientBuilder().connectionString(server.connectionString()).buildProducerClient()) {
      producer.send(producer.createBatch()); // connect outside the timed part
      server.clearEvents();
      long t0 = System.nanoTime();
      CreateBatchOptions key = new CreateBatchOptions().setPartitionKey("user-1");
      EventDataBatch batch = producer.createBatch(key);
      for (long i = 0; i < n; i++) {
        EventData e = new EventData(payloads[(int) (i % payloads.length)]);
        e.getProperties().put("event_type_id", "user.login");
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
