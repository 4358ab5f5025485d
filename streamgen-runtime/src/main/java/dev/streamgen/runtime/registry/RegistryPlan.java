package dev.streamgen.runtime.registry;

import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.settings.RegistryKeys;
import dev.streamgen.runtime.settings.RunSettings;
import dev.streamgen.runtime.settings.SecretResolver;
import dev.streamgen.runtime.source.PayloadFraming;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A run's schema registry, checked before Spark starts: every event type's subject and schema (from
 * the generated schemas), and the client that registers them. {@link #register} runs once on the
 * driver at job start and gives the source the schema ids ({@link PayloadFraming}); executors never
 * call the registry. One registry today (Confluent's API); another is another way of obtaining ids
 * and another {@link PayloadFraming}.
 */
public final class RegistryPlan {
  /** No registry: payloads as the format writes them. */
  public static final RegistryPlan NONE = new RegistryPlan(null, Collections.<SchemaSubject>emptyList());

  private final ConfluentRegistryClient client;
  /** Per event type, in catalog order. */
  private final List<SchemaSubject> subjects;

  private RegistryPlan(ConfluentRegistryClient client, List<SchemaSubject> subjects) {
    this.client = client;
    this.subjects = Collections.unmodifiableList(new ArrayList<>(subjects));
  }

  /**
   * The registry the settings ask for, or {@link #NONE}. {@code topicOf} gives each event type's Kafka
   * topic (null when the sink is not Kafka, which a registry refuses).
   *
   * @throws IllegalArgumentException naming the key when the settings do not fit together
   */
  public static RegistryPlan of(
      RunSettings settings, SecretResolver secrets, Catalog catalog, Function<String, String> topicOf) {
    String type = settings.get(RegistryKeys.TYPE.path());
    if (type == null || RegistryKeys.NONE.equals(type)) {
      return NONE;
    }
    String wrongSink = RegistryKeys.sinkProblem(type, settings.sinkType());
    if (wrongSink != null) {
      throw new IllegalArgumentException(wrongSink);
    }
    String url = required(settings, RegistryKeys.URL, "the registry's base URL, e.g. http://registry:8081");
    String schemas = required(settings, RegistryKeys.SCHEMAS, "the directory holding the generated manifest.json");
    Format format = settings.format();
    SubjectStrategy strategy = SubjectStrategy.of(settings.get(RegistryKeys.SUBJECT_STRATEGY.path()));
    List<SchemaSubject> subjects = new ArrayList<>();
    Map<String, String> typeOfSubject = new LinkedHashMap<>();
    for (GeneratedSchemas.Entry e :
        GeneratedSchemas.read(Paths.get(schemas), RegistryKeys.SCHEMAS.path(), catalog, format)) {
      String subject = strategy.subject(topicOf.apply(e.eventTypeId), e.recordName);
      String other = typeOfSubject.put(subject, e.eventTypeId);
      if (other != null) {
        throw new IllegalArgumentException(
            RegistryKeys.SUBJECT_STRATEGY.path() + " '" + strategy.configName() + "' gives event types '" + other
                + "' and '" + e.eventTypeId + "' the same subject '" + subject + "', but a subject holds one"
                + " schema; with several event types in a topic set subject_strategy: record or topic_record"
                + " (or sink_config.topic_pattern for one topic per type)");
      }
      subjects.add(new SchemaSubject(e.eventTypeId, subject, e.schemaType, e.text));
    }
    String username = settings.get(RegistryKeys.USERNAME.path());
    String password = secrets.resolve(RegistryKeys.PASSWORD.path(), settings.get(RegistryKeys.PASSWORD.path()));
    return new RegistryPlan(
        new ConfluentRegistryClient(url, secrets.resolve(RegistryKeys.USERNAME.path(), username), password),
        subjects);
  }

  private static String required(RunSettings settings, dev.streamgen.runtime.settings.SettingKey key, String what) {
    String v = settings.get(key.path());
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException(
          key.path() + " is not set; " + RegistryKeys.TYPE.path() + " '" + settings.get(RegistryKeys.TYPE.path())
              + "' needs " + what);
    }
    return v;
  }

  public boolean active() {
    return client != null;
  }

  /** What {@link #register} will register, one line per event type: for --dry-run and the run's log. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (SchemaSubject s : subjects) {
      lines.add("subject " + s.subject() + " <- " + s.schemaType() + " schema of " + s.eventTypeId());
    }
    return lines;
  }

  /** Where the schemas go, e.g. "Confluent schema registry at http://...". */
  public String destination() {
    return "Confluent schema registry at " + client.baseUrl();
  }

  /**
   * Registers every type's schema (in parallel, each once) and returns the framing that carries the
   * ids to the executors.
   *
   * @throws RegistryException naming the first subject that failed and the registry's answer
   */
  public PayloadFraming register() {
    return PayloadFraming.confluent(new ParallelRegistration(client).register(subjects));
  }
}
