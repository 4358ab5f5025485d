package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.sink.kafka.KafkaSinkOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.AmqpTransportType;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.sink.SinkOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Option parsing, its messages (exact), and the mapping onto the SDK's and Kafka's settings. */
class EventHubsOptionsTest {
  private static final String CS =
      "Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0";

  private static Map<String, String> opts(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static EventHubsOptions parse(String... keyValues) {
    return parse(opts(keyValues));
  }

  private static EventHubsOptions parse(Map<String, String> keys) {
    return EventHubsOptions.from(SinkOptions.fromDataSource("eventhubs", keys));
  }

  @Test
  void defaultsFollowTheSdk() {
    EventHubsOptions o = parse("connection_string", CS + ";EntityPath=hub1");
    assertThat(o.protocol()).isEqualTo(EventHubsOptions.Protocol.AMQP);
    assertThat(o.eventHubName()).isEqualTo("hub1");
    assertThat(o.entityPathInConnectionString()).isTrue();
    assertThat(o.fullyQualifiedNamespace()).isEqualTo("myns.servicebus.windows.net");
    assertThat(o.maxBatchBytes()).isZero();
    assertThat(o.maxOpenBatches()).isEqualTo(256);
    assertThat(o.transport()).isEqualTo(AmqpTransportType.AMQP);
    assertThat(o.serializationFormat()).isNull();
    // The SDK's own defaults, so leaving the keys out changes nothing.
    AmqpRetryOptions sdk = new AmqpRetryOptions();
    AmqpRetryOptions ours = o.retryOptions();
    assertThat(ours.getMaxRetries()).isEqualTo(sdk.getMaxRetries());
    assertThat(ours.getTryTimeout()).isEqualTo(sdk.getTryTimeout());
    assertThat(ours.getDelay()).isEqualTo(sdk.getDelay());
    assertThat(ours.getMaxDelay()).isEqualTo(sdk.getMaxDelay());
    assertThat(ours.getMode()).isEqualTo(sdk.getMode());
  }

  @Test
  void keysAreCaseInsensitiveAndMapOntoRetryOptions() {
    EventHubsOptions o = parse("Connection_String", CS, "EVENTHUB_NAME", "hub2", "max_retries", "7",
        "retry_timeout_seconds", "5", "retry_delay_ms", "250", "retry_max_delay_seconds", "9",
        "retry_mode", "FIXED", "transport", "amqp_websockets", "max_batch_bytes", "65536",
        "max_open_batches", "8", "serialization_format", "avro");
    assertThat(o.eventHubName()).isEqualTo("hub2");
    assertThat(o.entityPathInConnectionString()).isFalse();
    AmqpRetryOptions r = o.retryOptions();
    assertThat(r.getMaxRetries()).isEqualTo(7);
    assertThat(r.getTryTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(r.getDelay()).isEqualTo(Duration.ofMillis(250));
    assertThat(r.getMaxDelay()).isEqualTo(Duration.ofSeconds(9));
    assertThat(r.getMode()).isEqualTo(AmqpRetryMode.FIXED);
    assertThat(o.transport()).isEqualTo(AmqpTransportType.AMQP_WEB_SOCKETS);
    assertThat(o.maxBatchBytes()).isEqualTo(65536);
    assertThat(o.maxOpenBatches()).isEqualTo(8);
    assertThat(o.serializationFormat()).isEqualTo(Format.AVRO);
  }

  @Test
  void fullyQualifiedNamespaceSignsInWithAzureIdentity() {
    EventHubsOptions o = parse("fully_qualified_namespace", "myns.servicebus.windows.net", "eventhub_name", "h");
    assertThat(o.usesConnectionString()).isFalse();
    assertThat(o.connectionString()).isNull();
    assertThat(o.fullyQualifiedNamespace()).isEqualTo("myns.servicebus.windows.net");
    assertThat(AzureIdentity.available()).isTrue();
  }

  @Test
  void toStringNeverShowsTheConnectionString() {
    EventHubsOptions o = parse("connection_string", CS + ";EntityPath=hub1");
    assertThat(o.toString()).doesNotContain("c2VjcmV0").doesNotContain("SharedAccessKey")
        .contains("Event Hubs 'hub1' on myns.servicebus.windows.net over amqp");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "protocol|mqtt|'mqtt' is not valid for sink_config.protocol: expected one of amqp, kafka",
        "max_retries|-1|'-1' is not valid for sink_config.max_retries: expected a whole number from 0 to 100",
        "max_retries|three|'three' is not valid for sink_config.max_retries: expected a whole number from 0 to 100",
        "retry_timeout_seconds|0|'0' is not valid for sink_config.retry_timeout_seconds: expected a whole number from 1 to 86400",
        "retry_timeout_seconds|2.5|'2.5' is not valid for sink_config.retry_timeout_seconds: expected a whole number from 1 to 86400",
        "retry_delay_ms|0|'0' is not valid for sink_config.retry_delay_ms: expected a whole number from 1 to 3600000",
        "retry_max_delay_seconds|4|sink_config.retry_max_delay_seconds '4' is not valid; the Azure SDK waits retry_delay_ms plus 4 s before it retries a connection, so use at least 5 (retry_delay_ms 800 + 4 s, rounded up)",
        "retry_mode|linear|'linear' is not valid for sink_config.retry_mode: expected one of exponential, fixed",
        "transport|http|'http' is not valid for sink_config.transport: expected one of amqp, amqp_websockets",
        "max_batch_bytes|100|'100' is not valid for sink_config.max_batch_bytes: expected a whole number from 1024 to 2147483647",
        "max_open_batches|0|'0' is not valid for sink_config.max_open_batches: expected a whole number from 1 to 100000",
        "eventhub_name|other|sink_config.eventhub_name 'other' is not valid; the connection string's EntityPath names event hub 'hub1'; drop eventhub_name or make the two agree",
      })
  void rejectsABadValueNamingTheKeyTheValueAndTheFix(String key, String value, String message) {
    Map<String, String> m = opts("connection_string", CS + ";EntityPath=hub1");
    m.put(key, value);
    assertThatThrownBy(() -> parse(m))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void requiresAWayToSignIn() {
    assertThatThrownBy(() -> parse("eventhub_name", "hub1"))
        .hasMessage("one of sink_config.connection_string, sink_config.fully_qualified_namespace is required for "
            + "sink type 'eventhubs'; set connection_string: \"{{secrets/<scope>/<key>}}\" (a shared access "
            + "policy's connection string), or fully_qualified_namespace: <namespace>.servicebus.windows.net "
            + "to sign in with DefaultAzureCredential");
    assertThatThrownBy(() -> parse("connection_string", CS, "fully_qualified_namespace", "x.servicebus.windows.net"))
        .hasMessage("sink_config.connection_string and sink_config.fully_qualified_namespace are both set for "
            + "sink type 'eventhubs': set only one");
  }

  @Test
  void requiresTheHubName() {
    assertThatThrownBy(() -> parse("connection_string", CS))
        .hasMessage("sink_config.eventhub_name is required for sink type 'eventhubs' (or EntityPath=<hub> in "
            + "the connection string); set it to the event hub's name");
  }

  @Test
  void aMalformedConnectionStringIsReportedWithoutRepeatingIt() {
    String expectedFix = "; copy it from the namespace's or event hub's 'Shared access policies' "
        + "(Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<policy>;"
        + "SharedAccessKey=<key>[;EntityPath=<hub>])";
    assertThatThrownBy(() -> parse("connection_string", "SharedAccessKeyName=a;SharedAccessKey=topsecret"))
        .hasMessage("sink_config.connection_string is not an Event Hubs connection string: it has no "
            + "Endpoint=sb://<namespace>.servicebus.windows.net/ part" + expectedFix)
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> parse("connection_string", "Endpoint=sb://ns.servicebus.windows.net/;Key=topsecret"))
        .hasMessage("sink_config.connection_string is not an Event Hubs connection string: it has neither "
            + "SharedAccessKeyName and SharedAccessKey nor SharedAccessSignature" + expectedFix)
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> parse("connection_string", "topsecret"))
        .hasMessage("sink_config.connection_string is not an Event Hubs connection string: a part has no "
            + "key=value form" + expectedFix);
  }

  @Test
  void theNamespaceIsAHostName() {
    assertThatThrownBy(() -> parse("fully_qualified_namespace", "sb://myns.servicebus.windows.net/", "eventhub_name", "h"))
        .hasMessage("'sb://myns.servicebus.windows.net/' is not valid for sink_config.fully_qualified_namespace: "
            + "give the host name only, like mynamespace.servicebus.windows.net");
    assertThatThrownBy(() -> parse("fully_qualified_namespace", "myns.servicebus.windows.net", "eventhub_name", "h",
            "protocol", "kafka"))
        .hasMessage("sink_config.fully_qualified_namespace cannot sign in to the Kafka endpoint (protocol: kafka "
            + "uses SASL PLAIN with a connection string); set sink_config.connection_string instead, or use "
            + "protocol: amqp");
  }

  @Test
  void kafkaModeTargetsTheNamespacesKafkaEndpoint() {
    EventHubsOptions o = parse("connection_string", CS + ";EntityPath=hub1", "protocol", "kafka",
        "max_retries", "2", "retry_timeout_seconds", "30", "serialization_format", "json",
        "kafka.linger.ms", "20");
    KafkaSinkOptions kafka = EventHubsKafkaEndpoint.kafkaSinkOptions(o);
    assertThat(kafka.format()).isEqualTo(Format.JSON);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("kafka.bootstrap.servers", "myns.servicebus.windows.net:9093");
    expected.put("kafka.security.protocol", "SASL_SSL");
    expected.put("kafka.sasl.mechanism", "PLAIN");
    expected.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
        + "username=\"$ConnectionString\" password=\"" + CS + ";EntityPath=hub1\";");
    expected.put("kafka.metadata.max.age.ms", "180000");
    expected.put("kafka.connections.max.idle.ms", "180000");
    expected.put("kafka.max.request.size", "1000000");
    expected.put("kafka.request.timeout.ms", "30000");
    expected.put("kafka.retries", "2");
    expected.put("kafka.delivery.timeout.ms", "91000");
    expected.put("kafka.acks", "all");
    expected.put("kafka.compression.type", "none"); // not the Kafka sink's lz4: codecs depend on the tier
    expected.put("kafka.linger.ms", "20"); // the user's kafka.* keys win over the Kafka sink's 5
    expected.put("kafka.batch.size", "262144");
    expected.put("kafka.enable.idempotence", "true");
    expected.put("topic", "hub1");
    assertThat(kafka.sparkWriterOptions()).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void avroFingerprintIsTheEightBytesAfterTheMarker() {
    byte[] payload = {(byte) 0xC3, 0x01, 0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 7};
    assertThat(EventFactory.avroFingerprintHex(payload)).isEqualTo("0123456789abcdef");
    assertThat(EventFactory.avroFingerprintHex(new byte[] {(byte) 0xC3, 0x01, 1, 2, 3})).isNull();
    assertThat(EventFactory.avroFingerprintHex("{\"a\":1234567890}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isNull();
  }

  @Test
  void anAvroRunRejectsAPayloadWithoutTheHeader() {
    EventFactory avro = new EventFactory(Format.AVRO);
    assertThatThrownBy(() -> avro.create("user.login", new byte[] {'{', '}'}))
        .isInstanceOf(EventHubsWriteException.class)
        .hasMessage("serialization_format is avro but an event of type 'user.login' does not start with the "
            + "Avro single-object marker C3 01 followed by an 8-byte schema fingerprint");
  }
}
