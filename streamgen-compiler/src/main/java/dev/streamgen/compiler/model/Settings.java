package dev.streamgen.compiler.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run-time settings a YAML file sets, in file order. They become the job's defaults; the runtime
 * applies them (and overrides) using the same registry, {@code dev.streamgen.runtime.settings.ConfigKeys}.
 */
public final class Settings {
  private final List<Setting> values;

  private Settings(Builder b) {
    this.values = List.copyOf(b.values);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Setting> values() {
    return values;
  }

  public Optional<Setting> get(String path) {
    return values.stream().filter(s -> s.path().equals(path)).findFirst();
  }

  /** Builds {@link Settings}. */
  public static final class Builder {
    private final List<Setting> values = new ArrayList<>();

    public Builder add(Setting setting) {
      values.add(setting);
      return this;
    }

    public Settings build() {
      return new Settings(this);
    }
  }
}
