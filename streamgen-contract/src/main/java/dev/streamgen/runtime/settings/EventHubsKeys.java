package dev.streamgen.runtime.settings;

import static dev.streamgen.runtime.settings.SinkKey.key;

/** The Event Hubs sink's row of the settings table ({@code sink_config.type: eventhubs}). */
public final class EventHubsKeys {
  private static final Condition AMQP = Condition.when("protocol", "amqp");
  private static final Condition KAFKA = Condition.when("protocol", "kafka");

  public static final SettingKey CONNECTION_STRING =
      key("connection_string", ValueType.STRING)
          .secret()
          .description("shared access connection string of the namespace or hub")
          .build();
  public static final SettingKey FULLY_QUALIFIED_NAMESPACE =
      key("fully_qualified_namespace", ValueType.STRING)
          .pattern("[^/;]+", "give the host name only, like mynamespace.servicebus.windows.net")
          .description("<namespace>.servicebus.windows.net, to sign in with DefaultAzureCredential")
          .build();
  public static final SettingKey EVENTHUB_NAME =
      key("eventhub_name", ValueType.STRING)
          .description("the event hub (or EntityPath in the connection string)")
          .build();
  public static final SettingKey PROTOCOL =
      key("protocol", ValueType.CHOICE).allowed("amqp", "kafka").defaultValue("amqp").build();
  public static final SettingKey MAX_BATCH_BYTES =
      key("max_batch_bytes", ValueType.POSITIVE_LONG)
          .range(1024, Integer.MAX_VALUE)
          .description("cap on one publication; default the hub's max message size")
          .build();
  public static final SettingKey MAX_RETRIES =
      key("max_retries", ValueType.NON_NEGATIVE_LONG).defaultValue("3").range(0, 100).build();
  public static final SettingKey RETRY_TIMEOUT_SECONDS =
      key("retry_timeout_seconds", ValueType.POSITIVE_LONG).defaultValue("60").range(1, 86_400).build();
  public static final SettingKey RETRY_DELAY_MS =
      key("retry_delay_ms", ValueType.POSITIVE_LONG).defaultValue("800").range(1, 3_600_000).onlyWhen(AMQP).build();
  public static final SettingKey RETRY_MAX_DELAY_SECONDS =
      key("retry_max_delay_seconds", ValueType.POSITIVE_LONG).defaultValue("60").range(1, 86_400).onlyWhen(AMQP).build();
  public static final SettingKey RETRY_MODE =
      key("retry_mode", ValueType.CHOICE).allowed("exponential", "fixed").defaultValue("exponential").onlyWhen(AMQP).build();
  public static final SettingKey TRANSPORT =
      key("transport", ValueType.CHOICE).allowed("amqp", "amqp_websockets").defaultValue("amqp").onlyWhen(AMQP).build();
  public static final SettingKey MAX_OPEN_BATCHES =
      key("max_open_batches", ValueType.POSITIVE_LONG)
          .defaultValue("256")
          .range(1, 100_000)
          .onlyWhen(AMQP)
          .description("open batches (one per partition, one for events without a key) per task before the oldest is sent")
          .build();

  public static final SinkSpec SPEC =
      SinkSpec.builder("eventhubs")
          .keys(
              CONNECTION_STRING,
              FULLY_QUALIFIED_NAMESPACE,
              EVENTHUB_NAME,
              PROTOCOL,
              MAX_BATCH_BYTES,
              MAX_RETRIES,
              RETRY_TIMEOUT_SECONDS,
              RETRY_DELAY_MS,
              RETRY_MAX_DELAY_SECONDS,
              RETRY_MODE,
              TRANSPORT,
              MAX_OPEN_BATCHES)
          .required(
              "set connection_string: \"{{secrets/<scope>/<key>}}\" (a shared access policy's connection string),"
                  + " or fully_qualified_namespace: <namespace>.servicebus.windows.net to sign in with"
                  + " DefaultAzureCredential",
              CONNECTION_STRING,
              FULLY_QUALIFIED_NAMESPACE)
          .exclusive(CONNECTION_STRING, FULLY_QUALIFIED_NAMESPACE)
          .passthrough(KafkaKeys.PRODUCER_PREFIX, KAFKA)
          .build();

  private EventHubsKeys() {}
}
