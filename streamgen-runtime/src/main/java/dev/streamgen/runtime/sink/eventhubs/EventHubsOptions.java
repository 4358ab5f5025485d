package dev.streamgen.runtime.sink.eventhubs;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.AmqpTransportType;
import dev.streamgen.runtime.api.Format;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code sink_config} key of the Event Hubs sink, read case-insensitively and validated at once
 * (when the write is built, before any data moves). Immutable and serializable: it travels to the
 * executors inside the writer factory. {@link #toString()} never shows the connection string.
 */
public final class EventHubsOptions implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(EventHubsOptions.class);

  /** Shared access connection string of the namespace or the hub (a secret). */
  public static final String CONNECTION_STRING = "connection_string";
  /** {@code <namespace>.servicebus.windows.net}: sign in with DefaultAzureCredential instead. */
  public static final String FULLY_QUALIFIED_NAMESPACE = "fully_qualified_namespace";
  /** The event hub; may instead be the connection string's EntityPath. */
  public static final String EVENTHUB_NAME = "eventhub_name";
  /** {@code amqp} (default): our writer over the Azure SDK; {@code kafka}: the hub's Kafka endpoint. */
  public static final String PROTOCOL = "protocol";
  /** Optional cap on one publication (batch) in bytes; default: the hub's max message size. */
  public static final String MAX_BATCH_BYTES = "max_batch_bytes";
  /** SDK retries per operation (AmqpRetryOptions.maxRetries). */
  public static final String MAX_RETRIES = "max_retries";
  /** Time one try may take before it counts as failed (AmqpRetryOptions.tryTimeout). */
  public static final String RETRY_TIMEOUT_SECONDS = "retry_timeout_seconds";
  /** First back-off between tries (AmqpRetryOptions.delay). */
  public static final String RETRY_DELAY_MS = "retry_delay_ms";
  /** Longest back-off between tries (AmqpRetryOptions.maxDelay). */
  public static final String RETRY_MAX_DELAY_SECONDS = "retry_max_delay_seconds";
  /** {@code exponential} (default) or {@code fixed} back-off. */
  public static final String RETRY_MODE = "retry_mode";
  /** {@code amqp} (port 5671, default) or {@code amqp_websockets} (port 443, through firewalls). */
  public static final String TRANSPORT = "transport";
  /** Batches (one per partition, one for events without a key) a task keeps open before it sends the oldest. */
  public static final String MAX_OPEN_BATCHES = "max_open_batches";
  /** The payload format; the runtime sets it. Avro payloads then carry {@code schema_fingerprint}. */
  public static final String SERIALIZATION_FORMAT = "serialization_format";
  /** Any {@code kafka.*} key is passed to the Kafka producer in kafka mode, over the computed ones. */
  public static final String KAFKA_PREFIX = "kafka.";

  static final int DEFAULT_MAX_RETRIES = 3;
  static final long DEFAULT_RETRY_TIMEOUT_SECONDS = 60;
  static final long DEFAULT_RETRY_DELAY_MS = 800;
  static final long DEFAULT_RETRY_MAX_DELAY_SECONDS = 60;
  static final int DEFAULT_MAX_OPEN_BATCHES = 256;
  /** azure-core-amqp's ClientConstants.SERVER_BUSY_WAIT_TIME, added to every retry delay. */
  static final long SDK_SERVER_BUSY_WAIT_MILLIS = 4000;

  /** Keys that Spark or the runtime put among the options and that are not ours to warn about. */
  private static final Set<String> FOREIGN_KEYS =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(Arrays.asList("type", "path", "checkpointlocation", "partition_key_field")));

  private static final Set<String> KEYS =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(
              Arrays.asList(
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
                  MAX_OPEN_BATCHES,
                  SERIALIZATION_FORMAT)));

  /** Every key this sink reads (besides {@code kafka.*}). */
  static Set<String> keys() {
    return KEYS;
  }

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

  private EventHubsOptions(Parser p) {
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
    this.kafkaOverrides = Collections.unmodifiableMap(new TreeMap<>(p.kafkaOverrides));
  }

  /**
   * Reads and validates {@code options} (keys case-insensitive). Every problem is reported by one
   * {@link IllegalArgumentException} naming the key, the value (never a secret's) and the fix.
   */
  public static EventHubsOptions parse(Map<String, String> options) {
    return new EventHubsOptions(new Parser(options));
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

  /** The SDK's retry policy from our keys (a fresh instance: AmqpRetryOptions is mutable). */
  public AmqpRetryOptions retryOptions() {
    return new AmqpRetryOptions()
        .setMaxRetries(maxRetries)
        .setTryTimeout(Duration.ofMillis(retryTimeoutMillis))
        .setDelay(Duration.ofMillis(retryDelayMillis))
        .setMaxDelay(Duration.ofMillis(retryMaxDelayMillis))
        .setMode(retryMode);
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

  /** Reads the raw map into fields; one method per rule so each message sits beside its check. */
  private static final class Parser {
    private final Map<String, String> raw;
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
    final Map<String, String> kafkaOverrides = new TreeMap<>();

    Parser(Map<String, String> options) {
      this.raw = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      raw.putAll(options);
      protocol = protocol();
      auth();
      limits();
      retries();
      serializationFormat = format();
      otherKeys();
    }

    private String value(String key) {
      String v = raw.get(key);
      return v == null || v.trim().isEmpty() ? null : v.trim();
    }

    private Protocol protocol() {
      String v = value(PROTOCOL);
      if (v == null || v.equalsIgnoreCase("amqp")) {
        return Protocol.AMQP;
      }
      if (v.equalsIgnoreCase("kafka")) {
        return Protocol.KAFKA;
      }
      throw EventHubsErrors.badOption(PROTOCOL, v, "use amqp (the default) or kafka");
    }

    private void auth() {
      String cs = value(CONNECTION_STRING);
      String fqns = value(FULLY_QUALIFIED_NAMESPACE);
      String hub = value(EVENTHUB_NAME);
      if (cs != null && fqns != null) {
        throw new IllegalArgumentException(
            "sink_config.connection_string and sink_config.fully_qualified_namespace are both set; "
                + "keep connection_string to sign in with its shared access key, or "
                + "fully_qualified_namespace to sign in with DefaultAzureCredential");
      }
      if (cs == null && fqns == null) {
        throw new IllegalArgumentException(
            "sink_config.connection_string or sink_config.fully_qualified_namespace is required for "
                + "sink type 'eventhubs'; set connection_string: \"{{secrets/<scope>/<key>}}\" (a "
                + "shared access policy's connection string), or fully_qualified_namespace: "
                + "<namespace>.servicebus.windows.net to sign in with DefaultAzureCredential");
      }
      if (cs != null) {
        EventHubsConnectionString parsed = EventHubsConnectionString.parse(cs);
        connectionString = cs;
        fullyQualifiedNamespace = parsed.fullyQualifiedNamespace();
        String entityPath = parsed.entityPath();
        if (entityPath != null && hub != null && !entityPath.equals(hub)) {
          throw EventHubsErrors.badOption(
              EVENTHUB_NAME,
              hub,
              "the connection string's EntityPath names event hub '" + entityPath
                  + "'; drop eventhub_name or make the two agree");
        }
        entityPathInConnectionString = entityPath != null;
        eventHubName = entityPath != null ? entityPath : hub;
      } else {
        if (fqns.contains("://") || fqns.contains("/") || fqns.contains(";")) {
          throw EventHubsErrors.badOption(
              FULLY_QUALIFIED_NAMESPACE,
              fqns,
              "give the host name only, like mynamespace.servicebus.windows.net");
        }
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

    private void limits() {
      maxBatchBytes = (int) wholeNumber(MAX_BATCH_BYTES, 0, 1024, Integer.MAX_VALUE,
          "use a size in bytes of at least 1024, at most the hub's max message size "
              + "(256 KB on Basic, 1 MB on Standard), or leave it unset");
      maxOpenBatches = (int) wholeNumber(MAX_OPEN_BATCHES, DEFAULT_MAX_OPEN_BATCHES, 1, 100_000,
          "use a count between 1 and 100000");
      String t = value(TRANSPORT);
      if (t == null || t.equalsIgnoreCase("amqp")) {
        transport = AmqpTransportType.AMQP;
      } else if (t.equalsIgnoreCase("amqp_websockets")) {
        transport = AmqpTransportType.AMQP_WEB_SOCKETS;
      } else {
        throw EventHubsErrors.badOption(TRANSPORT, t, "use amqp (the default) or amqp_websockets");
      }
    }

    private void retries() {
      maxRetries = (int) wholeNumber(MAX_RETRIES, DEFAULT_MAX_RETRIES, 0, 100,
          "use a count between 0 and 100");
      retryTimeoutMillis = 1000 * wholeNumber(RETRY_TIMEOUT_SECONDS, DEFAULT_RETRY_TIMEOUT_SECONDS, 1, 86_400,
          "use whole seconds between 1 and 86400");
      retryDelayMillis = wholeNumber(RETRY_DELAY_MS, DEFAULT_RETRY_DELAY_MS, 1, 3_600_000,
          "use milliseconds between 1 and 3600000");
      retryMaxDelayMillis = 1000 * wholeNumber(RETRY_MAX_DELAY_SECONDS, DEFAULT_RETRY_MAX_DELAY_SECONDS, 1,
          86_400, "use whole seconds between 1 and 86400");
      // The SDK waits retry_delay_ms plus a fixed 4 s (its server-busy wait) before re-opening a
      // connection or link, capped by the max delay; a cap below that floor crashes its retry
      // (Reactor: "bound must be greater than origin") instead of retrying.
      long floor = retryDelayMillis + SDK_SERVER_BUSY_WAIT_MILLIS;
      if (retryMaxDelayMillis < floor) {
        throw EventHubsErrors.badOption(
            RETRY_MAX_DELAY_SECONDS,
            value(RETRY_MAX_DELAY_SECONDS),
            "the Azure SDK waits retry_delay_ms plus 4 s before it retries a connection, so use at least "
                + ((floor + 999) / 1000) + " (retry_delay_ms " + retryDelayMillis + " + 4 s, rounded up)");
      }
      String m = value(RETRY_MODE);
      if (m == null || m.equalsIgnoreCase("exponential")) {
        retryMode = AmqpRetryMode.EXPONENTIAL;
      } else if (m.equalsIgnoreCase("fixed")) {
        retryMode = AmqpRetryMode.FIXED;
      } else {
        throw EventHubsErrors.badOption(RETRY_MODE, m, "use exponential (the default) or fixed");
      }
    }

    private Format format() {
      String f = value(SERIALIZATION_FORMAT);
      if (f == null) {
        return null;
      }
      try {
        return Format.parse(f);
      } catch (IllegalArgumentException e) {
        throw EventHubsErrors.badOption(SERIALIZATION_FORMAT, f, "use json, avro, binary or protobuf");
      }
    }

    private void otherKeys() {
      for (Map.Entry<String, String> e : raw.entrySet()) {
        String key = e.getKey().toLowerCase(Locale.ROOT);
        if (key.startsWith(KAFKA_PREFIX)) {
          if (protocol == Protocol.KAFKA) {
            kafkaOverrides.put(key, e.getValue());
          } else {
            LOG.warn("sink_config.{} is ignored: kafka.* keys apply only with protocol: kafka", key);
          }
        } else if (!KEYS.contains(key) && !FOREIGN_KEYS.contains(key)) {
          LOG.warn("sink_config.{} is not an Event Hubs sink key and is ignored; the keys are {}", key, KEYS);
        }
      }
      if (protocol == Protocol.KAFKA) {
        for (String amqpOnly : new String[] {MAX_OPEN_BATCHES, TRANSPORT, RETRY_MODE, RETRY_DELAY_MS,
            RETRY_MAX_DELAY_SECONDS}) {
          if (value(amqpOnly) != null) {
            LOG.warn("sink_config.{} is ignored with protocol: kafka (it tunes the AMQP client)", amqpOnly);
          }
        }
      }
    }

    private long wholeNumber(String key, long dflt, long min, long max, String fix) {
      String v = value(key);
      if (v == null) {
        return dflt;
      }
      long n;
      try {
        n = Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw EventHubsErrors.badOption(key, v, fix);
      }
      if (n < min || n > max) {
        throw EventHubsErrors.badOption(key, v, fix);
      }
      return n;
    }
  }
}
