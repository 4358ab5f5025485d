package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.sink.Sinks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.streamgen.runtime.columns.UnifiedStream;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.testing.ListenerBus;
import dev.streamgen.runtime.testing.SharedSpark;
import dev.streamgen.testkit.eventhubs.EventHubsTestServer;
import dev.streamgen.testkit.eventhubs.RecordedEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink end to end: Spark (local[2]) writes unified rows through the real Azure SDK producer to
 * the AMQP endpoint on loopback, and the assertions read what the endpoint recorded.
 */
class EventHubsSinkTest {
  private static EventHubsTestServer server;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws IOException {
    server = EventHubsTestServer.start();
    spark = SharedSpark.session();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @BeforeEach
  void clear() {
    server.resetFaults();
    server.clearEvents();
  }

  private static Map<String, String> options(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    m.put("type", "eventhubs");
    m.put("connection_string", server.connectionString());
    m.put("max_retries", "3");
    m.put("retry_timeout_seconds", "20");
    m.put("retry_delay_ms", "100");
    m.put("retry_max_delay_seconds", "5");
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static void write(Dataset<Row> rows, Map<String, String> options) {
    Sinks.configure(SinkOptions.fromDataSource("eventhubs", options)).writeBatch(rows);
  }

  /** Events by row index; fails on a duplicate. */
  private static Map<Long, RecordedEvent> bySeq(List<RecordedEvent> events, boolean avro) {
    Map<Long, RecordedEvent> out = new TreeMap<>();
    for (RecordedEvent e : events) {
      long seq = avro ? UnifiedTestRows.seqOfAvro(e.body()) : UnifiedTestRows.seqOfJson(e.body());
      if (out.put(seq, e) != null) {
        fail("row " + seq + " arrived twice");
      }
    }
    return out;
  }

  private static Set<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().collect(Collectors.toSet());
  }

  @Test
  void batchWriteDeliversEveryRowOnceWithItsKeyTypeAndPayload() {
    write(UnifiedTestRows.json(spark, 0, 3000, 3), options("serialization_format", "json"));

    List<RecordedEvent> events = server.events();
    Map<Long, RecordedEvent> bySeq = bySeq(events, false);
    assertThat(bySeq.keySet()).isEqualTo(range(0, 3000));
    for (Map.Entry<Long, RecordedEvent> e : bySeq.entrySet()) {
      long i = e.getKey();
      RecordedEvent ev = e.getValue();
      String partition = SdkPartitionResolver.partitionFor(UnifiedTestRows.keyOf(i), SdkPartitionResolver.ids(4));
      assertThat(ev.entityPath()).isEqualTo("hub1/Partitions/" + partition);
      assertThat(ev.partitionKey()).isEqualTo(UnifiedTestRows.keyOf(i));
      assertThat(ev.applicationProperties())
          .containsExactly(org.assertj.core.api.Assertions.entry("event_type_id", UnifiedTestRows.typeOf(i)));
      assertThat(ev.contentType()).isEqualTo("application/json");
      assertThat(ev.body()).isEqualTo(UnifiedTestRows.jsonPayload(i));
    }
    Map<Object, Long> perType =
        events.stream().collect(Collectors.groupingBy(e -> e.property("event_type_id"), Collectors.counting()));
    Map<Object, Long> expected = new HashMap<>();
    expected.put("user.login", 1000L);
    expected.put("user.purchase", 1000L);
    expected.put("page.view", 1000L);
    assertThat(perType).isEqualTo(expected);
    // One batch per partition, not per key: 3 tasks x 4 partitions at most.
    assertThat(events.stream().map(RecordedEvent::deliveryId).distinct().count()).isLessThanOrEqualTo(3 * 4);
  }

  @Test
  void theGroundTruthTravelsAsApplicationProperties() {
    Dataset<Row> source = dev.streamgen.runtime.StreamGen.batch(spark, dev.streamgen.runtime.testing.QuickstartTestCatalog.class,
        dev.streamgen.runtime.StreamGen.settings(dev.streamgen.runtime.testing.QuickstartTestCatalog.class,
            "batch_config.total_rows=2000", "batch_config.partitions=2", "seed=5", "faults.duplicate_share=0.2",
            "faults.drop_share=0.1", "faults.duplicate_window_rows=50", "faults.ground_truth=true"));
    source.cache();
    write(source, options("serialization_format", "json"));

    List<String> want = new java.util.ArrayList<>();
    for (Row r : source.collectAsList()) {
      want.add(r.getLong(4) + "|" + r.getBoolean(5) + "|" + r.getString(0) + "|" + new String((byte[]) r.get(3), java.nio.charset.StandardCharsets.UTF_8));
    }
    source.unpersist();
    List<String> got = new java.util.ArrayList<>();
    for (RecordedEvent e : server.events()) {
      assertThat(e.applicationProperties().keySet()).containsExactlyInAnyOrder("event_type_id", "row_index", "is_duplicate");
      assertThat(e.property("row_index")).isInstanceOf(Long.class);
      assertThat(e.property("is_duplicate")).isInstanceOf(Boolean.class);
      got.add(e.property("row_index") + "|" + e.property("is_duplicate") + "|" + e.property("event_type_id") + "|"
          + new String(e.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    java.util.Collections.sort(want);
    java.util.Collections.sort(got);
    assertThat(got).isEqualTo(want);
    assertThat(got).anyMatch(g -> g.contains("|true|"));
  }

  @Test
  void avroEventsCarryTheSchemaFingerprintFromTheirHeader() {
    write(UnifiedTestRows.avro(spark, 0, 600, 2), options("serialization_format", "avro"));

    Map<Long, RecordedEvent> bySeq = bySeq(server.events(), true);
    assertThat(bySeq.keySet()).isEqualTo(range(0, 600));
    for (Map.Entry<Long, RecordedEvent> e : bySeq.entrySet()) {
      String type = UnifiedTestRows.typeOf(e.getKey());
      StringBuilder hex = new StringBuilder();
      for (byte b : UnifiedTestRows.fingerprintOf(type)) {
        hex.append(String.format("%02x", b));
      }
      assertThat(e.getValue().property("schema_fingerprint")).isEqualTo(hex.toString());
      assertThat(e.getValue().property("event_type_id")).isEqualTo(type);
      assertThat(e.getValue().contentType()).isEqualTo("avro/binary");
      assertThat(e.getValue().body()).isEqualTo(UnifiedTestRows.avroPayload(e.getKey()));
    }
  }

  @Test
  void batchesStayWithinTheHubsMaxMessageSize() throws IOException {
    try (EventHubsTestServer small = EventHubsTestServer.builder().maxMessageSize(16 * 1024).build()) {
      Map<String, String> opts = options();
      opts.put("connection_string", small.connectionString());
      write(UnifiedTestRows.padded(spark, 400, 1, 1000), opts);

      assertThat(bySeq(small.events(), false).keySet()).isEqualTo(range(0, 400));
      List<Integer> sizes = small.deliverySizes();
      assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(16 * 1024));
      assertThat(sizes.size()).isGreaterThanOrEqualTo(400 * 1000 / (16 * 1024));
    }
  }

  @Test
  void maxBatchBytesCapsEachPublication() {
    write(UnifiedTestRows.padded(spark, 200, 1, 1000), options("max_batch_bytes", "4096"));

    assertThat(bySeq(server.events(), false).keySet()).isEqualTo(range(0, 200));
    List<Integer> sizes = server.deliverySizes();
    assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(4096));
    assertThat(sizes.size()).isGreaterThanOrEqualTo(200 * 1000 / 4096);
  }

  @Test
  void aBatchWriteReportsWhatItWroteAsSqlMetrics() throws Exception {
    List<org.apache.spark.sql.execution.SparkPlan> plans = new java.util.concurrent.CopyOnWriteArrayList<>();
    org.apache.spark.sql.util.QueryExecutionListener listener =
        new org.apache.spark.sql.util.QueryExecutionListener() {
          @Override
          public void onSuccess(String funcName, org.apache.spark.sql.execution.QueryExecution qe, long nanos) {
            org.apache.spark.sql.execution.SparkPlan plan = qe.executedPlan();
            if (plan instanceof org.apache.spark.sql.execution.CommandResultExec) {
              plan = ((org.apache.spark.sql.execution.CommandResultExec) plan).commandPhysicalPlan();
            }
            plans.add(plan);
          }

          @Override
          public void onFailure(String funcName, org.apache.spark.sql.execution.QueryExecution qe, Exception e) {}
        };
    // Earlier tests' writes end with events still queued on the listener bus; a listener registered
    // before they are delivered receives them too (a 500-row write once came first here). Drain them.
    ListenerBus.drain(spark);
    spark.listenerManager().register(listener);
    try {
      UnifiedTestRows.json(spark, 0, 700, 2).write().format("streamgen-eventhubs").mode(SaveMode.Append)
          .option("connection_string", server.connectionString()).save();
      ListenerBus.drain(spark);
    } finally {
      spark.listenerManager().unregister(listener);
    }
    List<org.apache.spark.sql.execution.SparkPlan> writes = plans.stream()
        .filter(p -> p.metrics().contains("eventsWritten")).collect(Collectors.toList());
    assertThat(writes).as("plans with eventsWritten among " + plans).hasSize(1);
    org.apache.spark.sql.execution.SparkPlan write = writes.get(0);
    assertThat(write.metrics().apply("eventsWritten").value()).isEqualTo(700L).isEqualTo(server.eventCount());
    assertThat(write.metrics().apply("payloadBytesWritten").value())
        .isEqualTo(server.events().stream().mapToLong(e -> e.body().length).sum());
  }

  @Test
  void theDataSourceWorksDirectlyWithItsShortName() {
    UnifiedTestRows.json(spark, 0, 100, 2)
        .write()
        .format("streamgen-eventhubs")
        .mode(SaveMode.Append)
        .option("connection_string", server.connectionString())
        .save();
    assertThat(bySeq(server.events(), false).keySet()).isEqualTo(range(0, 100));
  }

  @Test
  void streamingWriteDeliversEveryMicroBatchAndReportsMetrics(@TempDir Path dir) throws Exception {
    String input = dir.resolve("in").toString();
    UnifiedTestRows.json(spark, 0, 1000, 2).write().parquet(input);
    Dataset<Row> stream = spark.readStream().schema(UnifiedStream.SCHEMA).parquet(input);
    StreamingQuery query =
        Sinks.configure(SinkOptions.fromDataSource("eventhubs", options()))
            .startStream(stream, dir.resolve("checkpoint").toString());
    try {
      query.processAllAvailable();
      assertThat(bySeq(server.events(), false).keySet()).isEqualTo(range(0, 1000));
      assertThat(query.lastProgress().sink().metrics()).containsEntry("eventsSent", "1000");

      // One file, so one micro-batch takes all 500: two files can be listed in two batches.
      UnifiedTestRows.json(spark, 1000, 500, 1).write().mode(SaveMode.Append).parquet(input);
      query.processAllAvailable();
      assertThat(bySeq(server.events(), false).keySet()).isEqualTo(range(0, 1500));
      assertThat(query.lastProgress().sink().metrics())
          .containsEntry("eventsSent", "500")
          .containsEntry("totalEventsSent", "1500");
    } finally {
      query.stop();
    }
    assertThat(query.exception().isDefined()).isFalse();
  }

  @Test
  void survivesADroppedConnectionAndLosesNothing() {
    int before = server.connectionsAccepted();
    server.dropNextDeliveries(1);
    write(UnifiedTestRows.json(spark, 0, 2000, 2), options());

    assertThat(bySeq(server.events(), false).keySet()).isEqualTo(range(0, 2000));
    // 2 tasks, one connection each, plus the reconnect after the cut.
    assertThat(server.connectionsAccepted() - before).isGreaterThanOrEqualTo(3);
  }

  @Test
  void eachKeysEventsArriveInRowOrderEvenAcrossARetriedSend() {
    // One task sees rows 0..799 in order; small batches put ~40 batches per key in the pipeline.
    server.dropNextDeliveries(1);
    write(UnifiedTestRows.padded(spark, 800, 1, 400), options("max_batch_bytes", "2048"));

    List<RecordedEvent> events = server.events();
    assertThat(bySeq(events, false).keySet()).isEqualTo(range(0, 800));
    Map<String, Long> lastSeqPerKey = new HashMap<>();
    for (RecordedEvent e : events) {
      long seq = UnifiedTestRows.seqOfJson(e.body());
      Long previous = lastSeqPerKey.put(e.partitionKey(), seq);
      assertThat(previous == null || previous < seq)
          .as("key %s: row %d arrived after row %d", e.partitionKey(), seq, previous)
          .isTrue();
    }
    assertThat(lastSeqPerKey).hasSize(UnifiedTestRows.KEYS);
  }

  /**
   * A distinct key on nearly every event, as with {@code partition_key_field: user_id}: events still
   * travel in full batches, one per partition, each on the partition the service's hash picks for its
   * key (computed here by the SDK's own resolver) and carrying its key for consumers, and each key's
   * events arrive in row order, even across a dropped, resent delivery.
   */
  @Test
  void manyDistinctKeysShareFullPartitionBatchesInKeyOrder() {
    // 2 tasks of 10,000 contiguous rows; in each, 2,500 keys of 4 events each, interleaved.
    Dataset<Row> rows = spark.range(0, 20_000, 1, 2).selectExpr(
        "element_at(array('user.login', 'user.purchase', 'page.view'), cast(id % 3 + 1 as int)) AS event_type_id",
        "current_timestamp() AS timestamp",
        "concat('user-', id % 2500, '-', id div 10000) AS partition_key",
        "encode(concat('{\"seq\":', id, ',\"k\":0}'), 'UTF-8') AS serialized_payload");
    server.dropNextDeliveries(1);
    write(rows, options("max_batch_bytes", "4096"));

    List<RecordedEvent> events = server.events();
    assertThat(bySeq(events, false).keySet()).isEqualTo(range(0, 20_000));
    String[] partitions = SdkPartitionResolver.ids(server.partitionCount());
    Map<String, Long> lastSeqPerKey = new HashMap<>();
    for (RecordedEvent e : events) {
      long seq = UnifiedTestRows.seqOfJson(e.body());
      String key = "user-" + (seq % 2500) + "-" + (seq / 10_000);
      assertThat(e.partitionKey()).isEqualTo(key);
      assertThat(e.partitionId()).as("partition of key %s", key)
          .isEqualTo(SdkPartitionResolver.partitionFor(key, partitions));
      Long previous = lastSeqPerKey.put(key, seq);
      assertThat(previous == null || previous < seq)
          .as("key %s: row %d arrived after row %d", key, seq, previous)
          .isTrue();
    }
    assertThat(lastSeqPerKey).hasSize(5000);
    assertThat(events.stream().map(RecordedEvent::partitionId).distinct().count()).isEqualTo(4);
    // ~40 events fit in 4 KB (~570 deliveries); one publication per key would be 5,000 or more.
    assertThat(server.deliverySizes()).hasSizeLessThan(1000);
  }

  @Test
  void fewerOpenBatchesThanPartitionsSendsEarlyAndKeepsKeyOrder() {
    // 4 partitions, 2 open batches: most events push the oldest batch out, part full.
    Dataset<Row> rows = spark.range(0, 2000, 1, 1).selectExpr(
        "'user.login' AS event_type_id",
        "current_timestamp() AS timestamp",
        "concat('user-', id % 100) AS partition_key",
        "encode(concat('{\"seq\":', id, ',\"k\":0}'), 'UTF-8') AS serialized_payload");
    write(rows, options("max_open_batches", "2"));

    List<RecordedEvent> events = server.events();
    assertThat(bySeq(events, false).keySet()).isEqualTo(range(0, 2000));
    Map<String, Long> lastSeqPerKey = new HashMap<>();
    for (RecordedEvent e : events) {
      long seq = UnifiedTestRows.seqOfJson(e.body());
      assertThat(e.partitionKey()).isEqualTo("user-" + (seq % 100));
      Long previous = lastSeqPerKey.put(e.partitionKey(), seq);
      assertThat(previous == null || previous < seq)
          .as("key %s: row %d arrived after row %d", e.partitionKey(), seq, previous)
          .isTrue();
    }
    // All 2,000 would fit in one batch per partition (4 deliveries) without the cap.
    assertThat(server.deliverySizes()).hasSizeGreaterThan(100);
  }

  @Test
  void eventsWithoutAKeyGoToTheHubWithoutOne() {
    Dataset<Row> rows = UnifiedTestRows.json(spark, 0, 300, 1)
        .selectExpr("event_type_id", "timestamp", "CAST(NULL AS STRING) AS partition_key",
            "serialized_payload");
    write(rows, options());

    List<RecordedEvent> events = server.events();
    assertThat(bySeq(events, false).keySet()).isEqualTo(range(0, 300));
    assertThat(events).allSatisfy(e -> {
      assertThat(e.entityPath()).isEqualTo("hub1");
      assertThat(e.partitionKey()).isNull();
    });
  }

  @Test
  void retriesServerBusyAndLosesNothing() {
    server.rejectNextDeliveries(1, "com.microsoft:server-busy");
    write(UnifiedTestRows.json(spark, 0, 500, 1), options());

    assertThat(bySeq(server.events(), false).keySet()).isEqualTo(range(0, 500));
  }

  @Test
  void aRejectedSendFailsTheTaskWithCountsThatMatchTheHub() {
    // Two publications go through, then the hub refuses (not transient: no retry helps). Refused as
    // unauthorized, as Event Hubs refuses sends under a policy without Send rights, so the message
    // names the setting that holds the credentials.
    server.rejectDeliveries(2, 1_000_000, "amqp:unauthorized-access");
    Throwable thrown = catchThrowable(
        () -> write(UnifiedTestRows.padded(spark, 300, 1, 500), options("max_batch_bytes", "2048")));

    EventHubsWriteException e = writeException(thrown);
    Matcher m = Pattern.compile(
            "event hub 'hub1' on localhost:" + server.port() + " \\(partition \\d\\) refused the "
                + "credentials of sink_config\\.connection_string \\(check its SharedAccessKeyName and SharedAccessKey "
                + "against a shared access policy with Send rights on the namespace or hub\\): (\\d+) events sent and "
                + "acknowledged, (\\d+) failed, (\\d+) not sent \\(buffered in this task\\)\\. Cause: "
                + "com\\.azure\\.core\\.amqp\\.exception\\.AmqpException: .*")
        .matcher(e.getMessage());
    assertThat(m.matches()).as(e.getMessage()).isTrue();
    long sent = Long.parseLong(m.group(1));
    long failed = Long.parseLong(m.group(2));
    long notSent = Long.parseLong(m.group(3));
    assertThat(sent).isEqualTo(server.eventCount()).isPositive();
    assertThat(failed).isPositive();
    assertThat(sent + failed + notSent).isLessThanOrEqualTo(300);
    assertThat(server.deliverySizes()).hasSize(2);
  }

  @Test
  void anUnreachableEndpointFailsWithCounts() throws IOException {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    Map<String, String> opts = options("max_retries", "1", "retry_timeout_seconds", "2",
        "retry_delay_ms", "100", "retry_max_delay_seconds", "5");
    opts.put("connection_string",
        "Endpoint=sb://localhost:" + deadPort + ";SharedAccessKeyName=k;SharedAccessKey=v;EntityPath=hub1;"
            + "UseDevelopmentEmulator=true");
    long t0 = System.nanoTime();
    Throwable thrown = catchThrowable(() -> write(UnifiedTestRows.json(spark, 0, 10, 1), opts));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("[eventhubs] unreachable endpoint reported after " + millis + " ms");

    EventHubsWriteException e = writeException(thrown);
    assertThat(e.getMessage())
        .startsWith("sending to event hub 'hub1' on localhost:" + deadPort + " failed: ")
        .contains("failed: 0 events sent and acknowledged, 1 failed, 0 not sent (buffered in this task); "
            + "transient errors were retried up to sink_config.max_retries=1 times.");
  }

  @Test
  void badOptionsFailBeforeAnyConnectionIsMade() {
    int before = server.connectionsAccepted();
    assertThatThrownBy(() -> write(UnifiedTestRows.json(spark, 0, 10, 1), options("max_retries", "-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'-1' is not valid for sink_config.max_retries: expected a whole number from 0 to 100");
    assertThatThrownBy(
            () -> UnifiedTestRows.json(spark, 0, 10, 1).write().format("streamgen-eventhubs").mode(SaveMode.Append)
                .option("connection_string", server.connectionString()).option("protocol", "mqtt").save())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'mqtt' is not valid for sink_config.protocol: expected one of amqp, kafka");
    assertThat(server.connectionsAccepted()).isEqualTo(before);
    assertThat(server.eventCount()).isZero();
  }

  @Test
  void aDataFrameWithoutThePayloadColumnIsRejectedAtPlanning() {
    Dataset<Row> noPayload = UnifiedTestRows.json(spark, 0, 10, 1).drop("serialized_payload");
    assertThatThrownBy(
            () -> noPayload.write().format("streamgen-eventhubs").mode(SaveMode.Append)
                .option("connection_string", server.connectionString()).save())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Event Hubs sink writes the unified stream and needs column 'serialized_payload' of "
            + "type binary; the input has [event_type_id, timestamp, partition_key] with types "
            + "struct<event_type_id:string,timestamp:timestamp,partition_key:string>");
  }

  @Test
  void protocolKafkaIsNotServedByTheAmqpDataSource() {
    assertThatThrownBy(
            () -> UnifiedTestRows.json(spark, 0, 10, 1).write().format("streamgen-eventhubs").mode(SaveMode.Append)
                .option("connection_string", server.connectionString()).option("protocol", "kafka").save())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sink_config.protocol 'kafka' is not served by format 'streamgen-eventhubs' (it writes "
            + "over AMQP); use the eventhubs sink (sink_config.type: eventhubs), which routes protocol: "
            + "kafka to Spark's Kafka writer, or protocol: amqp");
  }

  private static Throwable catchThrowable(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("expected the write to fail");
  }

  /** Spark wraps task failures; the sink's own exception (with the counts) is in the cause chain. */
  private static EventHubsWriteException writeException(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof EventHubsWriteException) {
        return (EventHubsWriteException) t;
      }
    }
    throw new AssertionError("no EventHubsWriteException in " + Arrays.toString(chain(thrown)), thrown);
  }

  private static String[] chain(Throwable thrown) {
    Set<String> out = new HashSet<>();
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      out.add(t.getClass().getName() + ": " + t.getMessage());
    }
    return out.toArray(new String[0]);
  }
}
