package dev.streamgen.compiler.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One fuzz input: one or more YAML files (name and exact bytes) and how they were made. Case
 * {@code i} of seed {@code s} is always the same bytes, so a failure is replayed by its number alone.
 */
record FuzzCase(long seed, int index, String strategy, List<Source> sources) {

  record Source(String fileName, byte[] content) {}

  /** File names a user could give, including ones that become odd class names. */
  static final List<String> FILE_NAMES =
      List.of(
          "events.yaml", "events.yml", "EVENTS.yaml", "class.yaml", "String.yaml", "1.yaml", "名前.yaml", "a b.yaml",
          "a-b.yaml", "x.y.yaml", ".yaml", "events", "catalog.yaml", "Catalog.yaml", "Object.yaml", "_.yaml",
          "ünïcödé.yaml", "events.yaml.yaml", "-.yaml", "Events.yaml");

  /** The case {@code index} of the run with {@code seed}; the first ones are {@link HostileCases}. */
  static FuzzCase generate(long seed, int index) {
    List<HostileCases.Hostile> hostile = HostileCases.all();
    if (index < hostile.size()) {
      HostileCases.Hostile h = hostile.get(index);
      return new FuzzCase(seed, index, "hostile:" + h.name(), List.of(new Source("events.yaml", h.content().get())));
    }
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    ConfigGenerator gen = new ConfigGenerator(rnd, rnd.nextBoolean());
    int r = rnd.nextInt(100);
    if (r < 15) {
      return single(seed, index, "valid", "events.yaml", Mutations.bytes(Yaml.emit(gen.config())));
    }
    if (r < 50) {
      Yaml.Node root = gen.config();
      List<String> did = new ArrayList<>();
      for (int k = rnd.nextInt(1, 4); k > 0; k--) {
        did.add(Mutations.tree(rnd, root));
      }
      return single(seed, index, "tree:" + String.join("+", did), "events.yaml", Mutations.bytes(Yaml.emit(root)));
    }
    if (r < 70) {
      byte[] text = Mutations.bytes(Yaml.emit(gen.config()));
      List<String> did = new ArrayList<>();
      for (int k = rnd.nextInt(1, 3); k > 0; k--) {
        String[] name = new String[1];
        text = Mutations.text(rnd, text, name);
        did.add(name[0]);
      }
      return single(seed, index, "text:" + String.join("+", did), "events.yaml", text);
    }
    if (r < 80) {
      byte[] text = Mutations.bytes(Yaml.emit(gen.config()));
      return single(seed, index, "truncate", "events.yaml", Mutations.cut(text, rnd.nextInt(text.length + 1)));
    }
    if (r < 90) {
      Yaml.Node root = gen.config();
      String tree = Mutations.tree(rnd, root);
      String[] name = new String[1];
      byte[] text = Mutations.text(rnd, Mutations.bytes(Yaml.emit(root)), name);
      return single(seed, index, "tree+text:" + tree + "+" + name[0], "events.yaml", text);
    }
    if (r < 95) {
      List<Source> files = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int k = rnd.nextInt(2, 4); k > 0; k--) {
        String name = gen.pick(FILE_NAMES);
        if (!names.contains(name)) {
          names.add(name);
          files.add(new Source(name, Mutations.bytes(Yaml.emit(gen.config()))));
        }
      }
      return new FuzzCase(seed, index, "multi-file", files);
    }
    return single(seed, index, "file-name", gen.pick(FILE_NAMES), Mutations.bytes(Yaml.emit(gen.config())));
  }

  private static FuzzCase single(long seed, int index, String strategy, String fileName, byte[] content) {
    return new FuzzCase(seed, index, strategy, List.of(new Source(fileName, content)));
  }

  /** The strategy without its details, for counting: "tree", "text", "hostile", ... */
  String family() {
    int colon = strategy.indexOf(':');
    return colon < 0 ? strategy : strategy.substring(0, colon);
  }

  @Override
  public String toString() {
    return "case " + index + " (seed " + seed + ", " + strategy + ")";
  }
}
