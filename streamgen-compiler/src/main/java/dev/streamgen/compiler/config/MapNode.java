package dev.streamgen.compiler.config;

import java.util.List;
import java.util.Optional;

/** A YAML mapping with its keys in file order. Keys are unique: the reader reports duplicates. */
public record MapNode(List<Entry> entries, Location location) implements Node {

  /** One key (with its own location, where "unknown key" errors point) and its value. */
  public record Entry(ScalarNode key, Node value) {
    public String name() {
      return key.text();
    }
  }

  public MapNode {
    entries = List.copyOf(entries);
  }

  public Optional<Entry> entry(String key) {
    for (Entry e : entries) {
      if (e.name().equals(key)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  public Optional<Node> get(String key) {
    return entry(key).map(Entry::value);
  }

  @Override
  public String kindName() {
    return "a mapping";
  }

  @Override
  public String describe() {
    return "a mapping";
  }
}
