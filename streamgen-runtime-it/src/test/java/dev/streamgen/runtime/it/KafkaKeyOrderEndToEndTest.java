package dev.streamgen.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.it.webshopkafka.WebshopKafkaCatalog;
import dev.streamgen.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/examples/webshop-kafka.yaml, run by the job with four Spark partitions to a real Kafka broker
 * and read back per key in offset order: every session is a path of the machine the YAML declares
 * (written out here) and every product's changes have increasing versions, a valid op chain and each
 * before equal to the previous after. Kafka keeps a key's order only per producer task, so this holds
 * only because the source deals whole lanes to tasks; with contiguous row ranges the tasks write the
 * two ends of the sessions and change chains that cross a range boundary at the same time.
 */
class KafkaKeyOrderEndToEndTest {
  private static final String TOPIC = "webshop";
  private static final int ROWS = 100_000;
  private static final int MAX_EVENTS = 40;
  /** The YAML declares the visit machine of sessions.yaml. */
  private static final Map<String, Set<String>> NEXT = SessionsEndToEndTest.NEXT;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static KafkaBroker broker;
  /** Per key, its events (type, payload) in the order Kafka holds them. */
  private static Map<String, List<String[]>> byKey;
  private static String jobOutput;

  @BeforeAll
  static void runTheShopToKafka() {
    broker = KafkaBroker.builder().build().start();
    broker.createTopic(TOPIC, 3);
    jobOutput = ItJob.succeed("--catalog", WebshopKafkaCatalog.class.getName(),
        "--set", "sink_config.bootstrap_servers=" + broker.bootstrapServers()).out;

    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(broker.readAll(TOPIC));
    assertThat(records).hasSize(ROWS);
    records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
        .thenComparingLong(ConsumerRecord::offset));
    byKey = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      Header type = r.headers().lastHeader("event_type_id");
      byKey.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(new String[] {new String(type.value(), StandardCharsets.UTF_8), new String(r.value(), StandardCharsets.UTF_8)});
    }
  }

  @AfterAll
  static void stopTheBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void theRunSaysHowItKeepsKeyOrder() {
    assertThat(jobOutput).contains("rows dealt to partitions by lane, row mod 500");
  }

  @Test
  void everySessionIsAPathOfTheMachineInOffsetOrder() {
    int sessions = 0;
    for (Map.Entry<String, List<String[]>> e : byKey.entrySet()) {
      List<String[]> events = e.getValue();
      if (events.get(0)[0].equals("products.cdc")) {
        continue;
      }
      sessions++;
      assertThat(events.get(0)[0]).as("first event of session %s", e.getKey()).isEqualTo("session.start");
      assertThat(events.size()).as("events of session %s", e.getKey()).isLessThanOrEqualTo(MAX_EVENTS);
      for (int i = 1; i < events.size(); i++) {
        String from = events.get(i - 1)[0];
        String to = events.get(i)[0];
        assertThat(NEXT.get(from)).as("session %s: event %d (%s) after %s", e.getKey(), i, to, from).contains(to);
      }
    }
    // 90% of 100,000 rows in sessions of about eight events.
    assertThat(sessions).isGreaterThan(5_000);
  }

  @Test
  void everyProductsChangesComeInVersionOrderWithBeforeEqualToThePreviousAfter() throws IOException {
    int products = 0;
    for (Map.Entry<String, List<String[]>> e : byKey.entrySet()) {
      List<String[]> events = e.getValue();
      if (!events.get(0)[0].equals("products.cdc")) {
        continue;
      }
      products++;
      JsonNode previous = null;
      for (String[] event : events) {
        assertThat(event[0]).as("key %s holds only changes", e.getKey()).isEqualTo("products.cdc");
        JsonNode change = JSON.readTree(event[1]);
        String op = change.get("op").asText();
        if (previous == null) {
          assertThat(op).as("first change of %s", e.getKey()).isEqualTo("c");
        } else {
          String prevOp = previous.get("op").asText();
          assertThat(change.get("version").asLong()).as("versions of %s", e.getKey())
              .isGreaterThan(previous.get("version").asLong());
          assertThat(op).as("change of %s after %s", e.getKey(), prevOp).isEqualTo(prevOp.equals("d") ? "c" : op);
          if (!op.equals("c")) {
            assertThat(change.get("before")).as("before of %s v%s", e.getKey(), change.get("version"))
                .isEqualTo(previous.get("after"));
          }
        }
        previous = change;
      }
    }
    assertThat(products).isEqualTo(500);
  }
}
