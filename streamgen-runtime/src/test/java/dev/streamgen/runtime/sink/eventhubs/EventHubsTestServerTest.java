package dev.streamgen.runtime.sink.eventhubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import dev.streamgen.testkit.eventhubs.EventHubsTestServer;
import dev.streamgen.testkit.eventhubs.RecordedEvent;
import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.EventDataBatch;
import com.azure.messaging.eventhubs.EventHubClientBuilder;
import com.azure.messaging.eventhubs.EventHubProducerClient;
import com.azure.messaging.eventhubs.PartitionProperties;
import com.azure.messaging.eventhubs.models.CreateBatchOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint itself, driven by the unchanged Azure SDK producer (no Spark). */
class EventHubsTestServerTest {
  private static EventHubsTestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = EventHubsTestServer.builder().partitionCount(3).build();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void clear() {
    server.clearEvents();
  }

  private static EventHubProducerClient producer() {
    return new EventHubClientBuilder()
        .connectionString(server.connectionString())
        .retryOptions(new AmqpRetryOptions().setMaxRetries(1).setTryTimeout(Duration.ofSeconds(10)))
        .buildProducerClient();
  }

  private static EventData event(String body, String type) {
    EventData e = new EventData(body.getBytes(StandardCharsets.UTF_8));
    e.getProperties().put("event_type_id", type);
    return e;
  }

  @Test
  void recordsABatchWithItsPartitionKeyPropertiesAndBodies() {
    try (EventHubProducerClient producer = producer()) {
      EventDataBatch batch = producer.createBatch(new CreateBatchOptions().setPartitionKey("user-7"));
      assertThat(batch.tryAdd(event("{\"a\":1}", "t.one"))).isTrue();
      assertThat(batch.tryAdd(event("{\"a\":2}", "t.two"))).isTrue();
      assertThat(batch.tryAdd(event("{\"a\":3}", "t.one"))).isTrue();
      producer.send(batch);
    }
    List<RecordedEvent> events = server.events();
    assertThat(events).hasSize(3);
    List<String> bodies = new ArrayList<>();
    for (RecordedEvent e : events) {
      assertThat(e.entityPath()).isEqualTo("hub1");
      assertThat(e.partitionKey()).isEqualTo("user-7");
      bodies.add(new String(e.body(), StandardCharsets.UTF_8) + "/" + e.property("event_type_id"));
    }
    assertThat(bodies).containsExactly("{\"a\":1}/t.one", "{\"a\":2}/t.two", "{\"a\":3}/t.one");
  }

  @Test
  void recordsASingleEventSentToAPartition() {
    try (EventHubProducerClient producer = producer()) {
      EventDataBatch batch = producer.createBatch(new CreateBatchOptions().setPartitionId("2"));
      batch.tryAdd(event("x", "t"));
      producer.send(batch);
    }
    List<RecordedEvent> events = server.events();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).entityPath()).isEqualTo("hub1/Partitions/2");
    assertThat(events.get(0).partitionId()).isEqualTo("2");
    assertThat(events.get(0).partitionKey()).isNull();
    assertThat(events.get(0).body()).isEqualTo("x".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void answersManagementQueriesForTheHubAndItsPartitions() {
    try (EventHubProducerClient producer = producer()) {
      List<String> ids = new ArrayList<>();
      producer.getPartitionIds().forEach(ids::add);
      assertThat(ids).containsExactly("0", "1", "2");
      PartitionProperties p = producer.getPartitionProperties("1");
      assertThat(p.getId()).isEqualTo("1");
      assertThat(p.getEventHubName()).isEqualTo("hub1");
      assertThat(p.isEmpty()).isTrue();
    }
  }

  @Test
  void batchesAreSizedFromTheLinksMaxMessageSize() throws Exception {
    try (EventHubsTestServer small = EventHubsTestServer.builder().maxMessageSize(4096).build();
        EventHubProducerClient producer =
            new EventHubClientBuilder().connectionString(small.connectionString()).buildProducerClient()) {
      EventDataBatch batch = producer.createBatch();
      assertThat(batch.getMaxSizeInBytes()).isEqualTo(4096);
      int added = 0;
      while (batch.tryAdd(event("0123456789012345678901234567890123456789", "t"))) {
        added++;
      }
      assertThat(added).isBetween(2, 4096 / 40);
      producer.send(batch);
      assertThat(small.eventCount()).isEqualTo(added);
    }
  }

  /**
   * With a shared access key the endpoint checks the SDK's put-token like Event Hubs: the SDK signs
   * with the right key and sends; signed with a wrong key, or under a key name the hub does not
   * have, it gets a 401, which the SDK reports as an unauthorized-access error, not retried.
   */
  @Test
  void checksSharedAccessSignaturesWhenGivenAKey() throws Exception {
    try (EventHubsTestServer checked = EventHubsTestServer.builder().sharedAccessKey("send", "s3cr3t-key").build()) {
      String right = checked.connectionString();
      assertThat(right).contains(";SharedAccessKeyName=send;SharedAccessKey=s3cr3t-key;");
      try (EventHubProducerClient producer = new EventHubClientBuilder().connectionString(right).buildProducerClient()) {
        EventDataBatch batch = producer.createBatch();
        batch.tryAdd(event("x", "t"));
        producer.send(batch);
      }
      assertThat(checked.eventCount()).isEqualTo(1);
      assertThat(checked.tokensRefused()).isZero();

      for (String wrong : new String[] {
          right.replace("SharedAccessKey=s3cr3t-key", "SharedAccessKey=s3cr3t-kez"),
          right.replace("SharedAccessKeyName=send", "SharedAccessKeyName=listen")}) {
        int refusedBefore = checked.tokensRefused();
        long t0 = System.nanoTime();
        try (EventHubProducerClient producer =
            new EventHubClientBuilder()
                .connectionString(wrong)
                .retryOptions(new AmqpRetryOptions().setMaxRetries(3).setTryTimeout(Duration.ofSeconds(10)))
                .buildProducerClient()) {
          assertThatThrownBy(producer::createBatch)
              .isInstanceOfSatisfying(AmqpException.class, e -> {
                assertThat(e.getErrorCondition()).isEqualTo(AmqpErrorCondition.UNAUTHORIZED_ACCESS);
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).startsWith(
                    "status-code: 401, status-description: InvalidSignature: The token has an invalid signature.");
              });
        }
        System.out.printf("put-token refused: createBatch failed after %d ms, %d put-token(s) refused%n",
            (System.nanoTime() - t0) / 1_000_000, checked.tokensRefused() - refusedBefore);
        assertThat(checked.tokensRefused()).isGreaterThan(refusedBefore);
      }
      assertThat(checked.eventCount()).isEqualTo(1);
    }
  }
}
