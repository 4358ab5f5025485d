package dev.streamgen.runtime.sink.eventhubs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.job.Job;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import dev.streamgen.testkit.eventhubs.EventHubsTestServer;
import dev.streamgen.testkit.eventhubs.RecordedEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The job (settings → streamgen source → sink registry → Event Hubs sink) end to end. */
class EventHubsJobTest {

  @Test
  void theJobWritesTheStreamgenSourceToEventHubs() throws Exception {
    SparkSession spark = SharedSpark.session();
    String[] overrides = {
      "batch_config.total_rows=3000", "batch_config.partitions=3", "seed=42", "serialization_format=json",
      "sink_config.partition_key_field=user_id"
    };
    try (EventHubsTestServer server = EventHubsTestServer.start()) {
      List<String> args = new ArrayList<>(Arrays.asList(
          "--catalog", QuickstartTestCatalog.class.getName(),
          "--set", "sink_config.type=eventhubs",
          "--set", "sink_config.connection_string=" + server.connectionString(),
          "--set", "sink_config.max_retries=2"));
      for (String o : overrides) {
        args.add("--set");
        args.add(o);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = new Job(new PrintStream(out, true, "UTF-8"), new PrintStream(err, true, "UTF-8"))
          .run(args.toArray(new String[0]));
      assertThat(status).as("exit status; stderr: %s", err.toString("UTF-8")).isEqualTo(Job.OK);
      assertThat(out.toString("UTF-8"))
          .contains("[streamgen] output: Event Hubs 'hub1' on localhost:" + server.port() + " over amqp")
          .doesNotContain("SharedAccessKey");

      // What the source makes for the same settings, as (type, key, payload without event time).
      ObjectMapper json = new ObjectMapper();
      Dataset<Row> expected = StreamGen.batch(
          spark, QuickstartTestCatalog.class, StreamGen.settings(QuickstartTestCatalog.class, overrides));
      Map<String, Integer> want = new HashMap<>();
      for (Row r : expected.collectAsList()) {
        want.merge(r.getString(0) + "|" + r.getString(2) + "|" + withoutEventTime(json, (byte[]) r.get(3)), 1,
            Integer::sum);
      }
      Map<String, Integer> got = new HashMap<>();
      List<RecordedEvent> events = server.events();
      for (RecordedEvent e : events) {
        String type = (String) e.property("event_type_id");
        JsonNode event = json.readTree(e.body());
        assertThat(event.get("event_type_id").asText()).isEqualTo(type);
        assertThat(e.partitionKey()).isEqualTo(event.get("user_id").asText());
        assertThat(e.contentType()).isEqualTo("application/json");
        got.merge(type + "|" + e.partitionKey() + "|" + withoutEventTime(json, e.body()), 1, Integer::sum);
      }
      assertThat(events).hasSize(3000);
      assertThat(got).isEqualTo(want);
      // The sink's own counts, which it logs only at INFO, are in the summary.
      long payloadBytes = events.stream().mapToLong(e -> e.body().length).sum();
      assertThat(out.toString("UTF-8"))
          .contains(String.format(java.util.Locale.ROOT,
              "[streamgen] sink counts: eventsWritten 3,000, payloadBytesWritten %,d%n", payloadBytes));
    }
  }

  private static String withoutEventTime(ObjectMapper json, byte[] payload) throws Exception {
    ObjectNode event = (ObjectNode) json.readTree(payload);
    assertThat(event.remove("event_time_micros")).isNotNull();
    return json.writeValueAsString(event);
  }
}
