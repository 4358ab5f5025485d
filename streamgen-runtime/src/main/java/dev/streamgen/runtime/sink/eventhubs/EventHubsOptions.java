package dev.streamgen.runtime.sink.eventhubs;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.AmqpTransportType;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.settings.EventHubsKeys;
import dev.streamgen.runtime.sink.SinkOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Every {@code sink_config} key of the Event Hubs sink, read case-insensitively and validated at once
 * (when the write is built, before any data moves). Immutable and serializable: it travels to the
 * executors inside the writer factory. {@link #toString()} never shows the connection string.
 */
public final class EventHubsOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** azure-core-amqp's ClientConstants.SERVER_BUSY_WAIT_TIME, added to every retry delay. */
  static final long SDK_SERVER_BUSY_WAIT_MILLIS = 4000;

  /** How the sink reaches the hub. */
  public enum Protocol {
    AMQP,
    KAFKA
  }

  private final Protocol protocol;
  private final String connectionString; // null when signing in with a credential
  private final String fullyQualifiedNamespace;
  private final String eventHubName;
  private final boolean entityPathInConnectionString;
  private final int maxBatchBytes; // 0 = the hub's max message size
  private final int maxRetries;
  private final long retryTimeoutMillis;
  private final long retryDelayMillis;
  private final long retryMaxDelayMillis;
  private final AmqpRetryMode retryMode;
  private final AmqpTransportType transport;
  private final int maxOpenBatches;
  private final Format serializationFormat; // null = unknown: no schema_fingerprint
  private final Map<String, String> kafkaOverrides;
  private final SinkOptions keys;

  private EventHubsOptions(Parser p) {
    this.keys = p.keys;
    this.protocol = p.protocol;
    this.connectionString = p.connectionString;
    this.fullyQualifiedNamespace = p.fullyQualifiedNamespace;
    this.eventHubName = p.eventHubName;
    this.entityPathInConnectionString = p.entityPathInConnectionString;
    this.maxBatchBytes = p.maxBatchBytes;
    this.maxRetries = p.maxRetries;
    this.retryTimeoutMillis = p.retryTimeoutMillis;
    this.retryDelayMillis = p.retryDelayMillis;
    this.retryMaxDelayMillis = p.retryMaxDelayMillis;
    this.retryMode = p.retryMode;
    this.transport = p.transport;
    this.maxOpenBatches = p.maxOpenBatches;
    this.serializationFormat = p.serializationFormat;
    this.kafkaOverrides = p.kafkaOverrides;
  }

  /**
   * The sink's options from the table-checked keys, with the rules that span keys (sign-in, the hub's
   * name, the SDK's retry floor). A problem is reported by an {@link IllegalArgumentException} naming
   * the key, the value (never a secret's) and the fix.
   */
  public static EventHubsOptions from(SinkOptions options) {
    return new EventHubsOptions(new Parser(options));
  }

  /** The keys as Spark options for {@code format("streamgen-eventhubs")}. Holds secrets: never log it. */
  Map<String, String> dataSourceOptions() {
    return keys.dataSourceOptions();
  }

  public Protocol protocol() {
    return protocol;
  }

  /** True when the sink signs in with a shared access connection string (else DefaultAzureCredential). */
  public boolean usesConnectionString() {
    return connectionString != null;
  }

  /** The secret connection string; null when signing in with a credential. Never log it. */
  public String connectionString() {
    return connectionString;
  }

  /** Host name of the namespace, e.g. {@code myns.servicebus.windows.net} (with the port, if any). */
  public String fullyQualifiedNamespace() {
    return fullyQualifiedNamespace;
  }

  public String eventHubName() {
    return eventHubName;
  }

  /** Whether the connection string itself names the hub (the SDK then must not be given it again). */
  public boolean entityPathInConnectionString() {
    return entityPathInConnectionString;
  }

  /** The configured cap on one batch in bytes, or 0 for the hub's max message size. */
  public int maxBatchBytes() {
    return maxBatchBytes;
  }

  public int maxRetries() {
    return maxRetries;
  }

  public AmqpTransportType transport() {
    return transport;
  }

  public int maxOpenBatches() {
    return maxOpenBatches;
  }

  /** The payload format when the runtime told us, else null. */
  public Format serializationFormat() {
    return serializationFormat;
  }

  /** The user's {@code kafka.*} keys (prefix kept), for the Kafka endpoint mode. */
  public Map<String, String> kafkaOverrides() {
    return kafkaOverrides;
  }

  /**
   * The SDK's retry policy from our keys (a fresh instance: AmqpRetryOptions is mutable). In Kafka
   * mode only its try timeout and retry count are set.
   */
  public AmqpRetryOptions retryOptions() {
    return new AmqpRetryOptions()
        .setMaxRetries(maxRetries)
        .setTryTimeout(Duration.ofMillis(retryTimeoutMillis))
        .setDelay(Duration.ofMillis(Math.max(1, retryDelayMillis)))
        .setMaxDelay(Duration.ofMillis(Math.max(1, retryMaxDelayMillis)))
        .setMode(retryMode == null ? AmqpRetryMode.EXPONENTIAL : retryMode);
  }

  /** Where this sink writes, for logs and the Spark UI; no secrets. */
  public String describe() {
    return "Event Hubs '" + eventHubName + "' on " + fullyQualifiedNamespace + " over "
        + protocol.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "EventHubsOptions{" + describe() + ", auth="
        + (connectionString != null ? "connection_string" : "DefaultAzureCredential")
        + ", maxBatchBytes=" + maxBatchBytes + ", maxRetries=" + maxRetries
        + ", retryTimeoutMillis=" + retryTimeoutMillis + ", retryMode=" + retryMode
        + ", transport=" + transport + ", maxOpenBatches=" + maxOpenBatches
        + ", serializationFormat=" + serializationFormat + ", kafkaKeys=" + kafkaOverrides.keySet() + "}";
  }

  /** Reads the typed keys into fields; one method per rule so each message sits beside its check. */
  private static final class Parser {
    private final SinkOptions keys;
    Protocol protocol;
    String connectionString;
    String fullyQualifiedNamespace;
    String eventHubName;
    boolean entityPathInConnectionString;
    int maxBatchBytes;
    int maxRetries;
    long retryTimeoutMillis;
    long retryDelayMillis;
    long retryMaxDelayMillis;
    AmqpRetryMode retryMode;
    AmqpTransportType transport;
    int maxOpenBatches;
    Format serializationFormat;
    final Map<String, String> kafkaOverrides;

    Parser(SinkOptions keys) {
      this.keys = keys;
      protocol = keys.text(EventHubsKeys.PROTOCOL).equals("kafka") ? Protocol.KAFKA : Protocol.AMQP;
      auth();
      maxBatchBytes = keys.has(EventHubsKeys.MAX_BATCH_BYTES) ? keys.intNumber(EventHubsKeys.MAX_BATCH_BYTES) : 0;
      maxRetries = keys.intNumber(EventHubsKeys.MAX_RETRIES);
      retryTimeoutMillis = 1000 * keys.number(EventHubsKeys.RETRY_TIMEOUT_SECONDS);
      if (protocol == Protocol.AMQP) {
        amqpClient();
      }
      serializationFormat = keys.format();
      kafkaOverrides = keys.passthrough();
    }

    private void auth() {
      String cs = keys.text(EventHubsKeys.CONNECTION_STRING);
      String fqns = keys.text(EventHubsKeys.FULLY_QUALIFIED_NAMESPACE);
      String hub = keys.text(EventHubsKeys.EVENTHUB_NAME);
      if (cs != null) {
        EventHubsConnectionString parsed = EventHubsConnectionString.parse(cs);
        connectionString = cs;
        fullyQualifiedNamespace = parsed.fullyQualifiedNamespace();
        String entityPath = parsed.entityPath();
        if (entityPath != null && hub != null && !entityPath.equals(hub)) {
          throw EventHubsErrors.badOption(
              EventHubsKeys.EVENTHUB_NAME.name(),
              hub,
              "the connection string's EntityPath names event hub '" + entityPath
                  + "'; drop eventhub_name or make the two agree");
        }
        entityPathInConnectionString = entityPath != null;
        eventHubName = entityPath != null ? entityPath : hub;
      } else {
        if (protocol == Protocol.KAFKA) {
          throw new IllegalArgumentException(
              "sink_config.fully_qualified_namespace cannot sign in to the Kafka endpoint "
                  + "(protocol: kafka uses SASL PLAIN with a connection string); set "
                  + "sink_config.connection_string instead, or use protocol: amqp");
        }
        if (!AzureIdentity.available()) {
          throw new IllegalArgumentException(
              "sink_config.fully_qualified_namespace signs in with DefaultAzureCredential, but "
                  + "com.azure:azure-identity is not on the classpath; add it, or set "
                  + "sink_config.connection_string instead");
        }
        fullyQualifiedNamespace = fqns;
        eventHubName = hub;
      }
      if (eventHubName == null) {
        throw new IllegalArgumentException(
            "sink_config.eventhub_name is required for sink type 'eventhubs' (or EntityPath=<hub> "
                + "in the connection string); set it to the event hub's name");
      }
    }

    /** The keys only the AMQP client reads (the table fills their defaults only in that mode). */
    private void amqpClient() {
      maxOpenBatches = keys.intNumber(EventHubsKeys.MAX_OPEN_BATCHES);
      transport = keys.text(EventHubsKeys.TRANSPORT).equals("amqp_websockets")
          ? AmqpTransportType.AMQP_WEB_SOCKETS
          : AmqpTransportType.AMQP;
      retryMode = keys.text(EventHubsKeys.RETRY_MODE).equals("fixed") ? AmqpRetryMode.FIXED : AmqpRetryMode.EXPONENTIAL;
      retryDelayMillis = keys.number(EventHubsKeys.RETRY_DELAY_MS);
      retryMaxDelayMillis = 1000 * keys.number(EventHubsKeys.RETRY_MAX_DELAY_SECONDS);
      // The SDK waits retry_delay_ms plus a fixed 4 s (its server-busy wait) before re-opening a
      // connection or link, capped by the max delay; a cap below that floor crashes its retry
      // (Reactor: "bound must be greater than origin") instead of retrying.
      long floor = retryDelayMillis + SDK_SERVER_BUSY_WAIT_MILLIS;
      if (retryMaxDelayMillis < floor) {
        throw EventHubsErrors.badOption(
            EventHubsKeys.RETRY_MAX_DELAY_SECONDS.name(),
            Long.toString(retryMaxDelayMillis / 1000),
            "the Azure SDK waits retry_delay_ms plus 4 s before it retries a connection, so use at least "
                + ((floor + 999) / 1000) + " (retry_delay_ms " + retryDelayMillis + " + 4 s, rounded up)");
      }
    }
  }
}
