package dev.streamgen.runtime.settings;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The {@code serialization_config.registry:} section of the settings table: which schema registry
 * the run registers its event types' schemas with, and so how each payload is framed. Off unless
 * {@code type} names a registry. Each key is checked on its own by {@link SettingKey#check}; the
 * rules spanning keys (a URL and a schema directory are needed, the sink must be Kafka) are the
 * runtime's, at job start, naming the keys.
 */
public final class RegistryKeys {
  public static final String SECTION = "serialization_config.registry.";

  /** {@code type}'s value for no registry (today's payloads). */
  public static final String NONE = "none";
  /** {@code type}'s value for a Confluent-compatible registry. */
  public static final String CONFLUENT = "confluent";

  public static final SettingKey TYPE =
      registry("type", ValueType.CHOICE)
          .allowed(NONE, CONFLUENT)
          .defaultValue(NONE)
          .description("register each event type's schema and frame payloads for the registry's"
              + " deserializers (docs/formats.md); none keeps the payloads as they are")
          .build();
  public static final SettingKey URL =
      registry("url", ValueType.STRING)
          .pattern("https?://\\S+", "an http or https URL such as http://registry:8081")
          .description("the registry's base URL (for Apicurio's Confluent API: .../apis/ccompat/v7)")
          .build();
  public static final SettingKey SUBJECT_STRATEGY =
      registry("subject_strategy", ValueType.CHOICE)
          .allowed("topic", "record", "topic_record")
          .defaultValue("topic")
          .description("subject names: <topic>-value (one type per topic), <record name>, or"
              + " <topic>-<record name>")
          .build();
  public static final SettingKey USERNAME =
      registry("username", ValueType.STRING)
          .description("basic-auth user (Confluent Cloud: the API key)")
          .build();
  public static final SettingKey PASSWORD =
      registry("password", ValueType.STRING)
          .secret()
          .description("basic-auth password (Confluent Cloud: the API secret); use {{secrets/...}}")
          .build();
  public static final SettingKey SCHEMAS =
      registry("schemas", ValueType.STRING)
          .description("directory of the generated schemas (holding manifest.json): the plugin's"
              + " target/streamgen-schemas or the unpacked schemas artifact")
          .build();

  /** The keys in documentation order. */
  public static final List<SettingKey> ALL =
      Collections.unmodifiableList(Arrays.asList(TYPE, URL, SUBJECT_STRATEGY, USERNAME, PASSWORD, SCHEMAS));

  private RegistryKeys() {}

  /**
   * The rule spanning sections, which the compiler (at the YAML node) and the runtime both apply: a
   * registry frames Kafka records only, so far. Null when {@code registryType} and {@code sinkType} fit.
   */
  public static String sinkProblem(String registryType, String sinkType) {
    if (registryType == null || NONE.equals(registryType.trim()) || "kafka".equals(sinkType)) {
      return null;
    }
    return TYPE.path() + " '" + registryType.trim() + "' frames payloads for Kafka; sink_config.type is '" + sinkType
        + "' (Confluent framing is written to the kafka sink only, so far)";
  }

  private static SettingKey.Builder registry(String name, ValueType type) {
    return SettingKey.builder(SECTION + name, type);
  }
}
