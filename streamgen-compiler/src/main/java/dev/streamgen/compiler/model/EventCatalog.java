package dev.streamgen.compiler.model;

import dev.streamgen.runtime.api.WeightChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one YAML file defines, validated: the common fields, the event types in file order and
 * the run-time settings. The generated catalog class is named after the file.
 */
public final class EventCatalog {
  private final String sourceName;
  private final String sourceText;
  private final List<Field> commonFields;
  private final List<EventType> eventTypes;
  private final Settings settings;
  private final List<SessionSpec> sessions;
  private final List<WeightChange> weightChanges;
  private final List<Integer> pinnedTypes;

  private EventCatalog(Builder b) {
    this.weightChanges = List.copyOf(b.weightChanges);
    this.pinnedTypes = List.copyOf(b.pinnedTypes);
    this.sessions = List.copyOf(b.sessions);
    this.sourceName = Objects.requireNonNull(b.sourceName, "sourceName");
    this.sourceText = Objects.requireNonNull(b.sourceText, "sourceText");
    this.commonFields = List.copyOf(b.commonFields);
    this.eventTypes = List.copyOf(b.eventTypes);
    this.settings = b.settings == null ? Settings.builder().build() : b.settings;
    if (eventTypes.isEmpty()) {
      throw new IllegalArgumentException(sourceName + " defines no event types");
    }
  }

  public static Builder builder(String sourceName, String sourceText) {
    return new Builder(sourceName, sourceText);
  }

  /** The YAML file name, e.g. {@code events.yaml}. */
  public String sourceName() {
    return sourceName;
  }

  /** The YAML text, copied unchanged into the generated resources. */
  public String sourceText() {
    return sourceText;
  }

  /** The file name without extension, e.g. {@code events}. */
  public String stem() {
    int dot = sourceName.lastIndexOf('.');
    return dot > 0 ? sourceName.substring(0, dot) : sourceName;
  }

  /** {@code events.yaml} → {@code EventsCatalog}. */
  public String catalogClassName() {
    return Identifiers.pascalCase(stem()) + "Catalog";
  }

  public List<Field> commonFields() {
    return commonFields;
  }

  public List<EventType> eventTypes() {
    return eventTypes;
  }

  public Settings settings() {
    return settings;
  }

  /** The session machines, bound to their types ({@code sessions}). */
  public List<SessionSpec> sessions() {
    return sessions;
  }

  /** The periods of {@code weight_changes}, resolved to type indexes; empty when the mix never changes. */
  public List<WeightChange> weightChanges() {
    return weightChanges;
  }

  /** The types weight changes leave alone (see {@code Catalog.pinnedTypes}); empty without changes. */
  public List<Integer> pinnedTypes() {
    return pinnedTypes;
  }

  /**
   * The lane counts of the keyed sequences, in declaration order: each session machine's
   * concurrency, then each change stream's pool count (see {@code Catalog.laneCounts}).
   */
  public List<Long> laneCounts() {
    List<Long> counts = new ArrayList<>();
    sessions.forEach(s -> counts.add((long) s.concurrency()));
    eventTypes.forEach(t -> ChangeStream.of(t.fields()).ifPresent(c -> counts.add(c.count())));
    return counts;
  }

  /** {@code sink_config.partition_key_field} when set. */
  public Optional<String> partitionKeyField() {
    return settings.get("sink_config.partition_key_field").map(Setting::value);
  }

  /** Builds an {@link EventCatalog}. */
  public static final class Builder {
    private final String sourceName;
    private final String sourceText;
    private final List<Field> commonFields = new ArrayList<>();
    private final List<EventType> eventTypes = new ArrayList<>();
    private Settings settings;
    private final List<SessionSpec> sessions = new ArrayList<>();
    private final List<WeightChange> weightChanges = new ArrayList<>();
    private final List<Integer> pinnedTypes = new ArrayList<>();

    private Builder(String sourceName, String sourceText) {
      this.sourceName = sourceName;
      this.sourceText = sourceText;
    }

    public Builder addCommonField(Field field) {
      commonFields.add(field);
      return this;
    }

    public Builder addEventType(EventType type) {
      eventTypes.add(type);
      return this;
    }

    public Builder addSession(SessionSpec session) {
      sessions.add(session);
      return this;
    }

    /** The type mix over event time: its periods and the types they may not move. */
    public Builder weightChanges(List<WeightChange> changes, List<Integer> pinned) {
      weightChanges.addAll(changes);
      pinnedTypes.addAll(pinned);
      return this;
    }

    public Builder settings(Settings settings) {
      this.settings = settings;
      return this;
    }

    public EventCatalog build() {
      return new EventCatalog(this);
    }
  }
}
