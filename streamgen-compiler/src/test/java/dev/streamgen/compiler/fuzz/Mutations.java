package dev.streamgen.compiler.fuzz;

import dev.streamgen.compiler.fuzz.Yaml.Entry;
import dev.streamgen.compiler.fuzz.Yaml.ListNode;
import dev.streamgen.compiler.fuzz.Yaml.MapNode;
import dev.streamgen.compiler.fuzz.Yaml.Node;
import dev.streamgen.compiler.fuzz.Yaml.Scalar;
import dev.streamgen.compiler.fuzz.Yaml.Slot;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Damage done to a config: on the tree (wrong types, hostile scalars, duplicate and unknown keys,
 * anchors and aliases, tags, deep nesting, empty and long lists) and on the printed text (truncation,
 * stray bytes, broken indentation, line ends, encodings). Each returns a short name of what it did,
 * which the fuzz report counts.
 */
final class Mutations {
  /** Scalars that break number parsing, weights, ranges and type checks. */
  static final List<String> HOSTILE_SCALARS =
      List.of(
          ".nan", ".NaN", ".inf", "-.inf", "+.inf", ".Inf", "-.INF", "1e400", "-1e400", "1e-400", "4.9e-324",
          "1.7976931348623157e308", "-0", "-0.0", "0", "0.0", "1", "-1", "2147483648", "-2147483649",
          "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1" + "0".repeat(60),
          "9".repeat(2000), "0." + "1".repeat(2000), "1" + "0".repeat(1100) + ".5", "0x7fffffff", "0xFFFFFFFFFFFFFFFFFF", "0o17", "017", "0b101",
          "1_000", "1__0", "_1", "1_", "1:20", "+12", ".5", "5.", "1.0e+3", "1E3", "1e", "e3", "0x", "--1",
          "~", "null", "Null", "NULL", "", "''", "\"\"", "true", "false", "yes", "no", "on", "off", "y", "n",
          "[]", "{}", "[[]]", "[{}]", "{a: }", "[1, [2, [3]]]", "!!binary aGVsbG8=", "!!float 1", "!!int 1.5",
          "!!str 1", "!!null ''", "!!bool maybe", "!!timestamp 2001-12-14", "!custom x", "!<tag:yaml.org,2002:int> 7",
          "2001-12-14t21:59:43.10-05:00", "&a 1", "*undefined", "<<", "=", "\"\\u0000\"", "\"\\x00\"", "\"\\uD800\"",
          "\"\\U0001F600\"", "\"\\e\\a\\b\"", "'it''s'", "|\n  literal", ">\n  folded", "\"{{secrets/a/b}}\"",
          "\"{{secrets/a}}\"", "\"{{secrets//}}\"", "\"{{ secrets/a/b }}\"", "\"{{secrets/a/b}}{{secrets/c/d}}\"",
          "\"" + "x".repeat(70_000) + "\"", "\"Ω≈ç√∫˜µ≤\"", "\"\\u202Eevil\"", "\"a\\nb\"", "\"\\t\"");

  private Mutations() {}

  /** Applies one random tree mutation to {@code root} (in place) and names it. */
  static String tree(SplittableRandom rnd, Node root) {
    List<Slot> slots = Yaml.slots(root);
    if (slots.isEmpty()) {
      return "no-op";
    }
    Slot slot = slots.get(rnd.nextInt(slots.size()));
    Node target = slot.get();
    switch (rnd.nextInt(16)) {
      case 0, 1, 2 -> {
        slot.set(Yaml.plain(pick(rnd, HOSTILE_SCALARS)));
        return "hostile-scalar";
      }
      case 3 -> {
        slot.set(wrongShape(rnd, target));
        return "wrong-shape";
      }
      case 4 -> {
        if (slot.parent() instanceof MapNode m) {
          m.entries.remove(slot.index());
          return "delete-key";
        }
        ((ListNode) slot.parent()).items.remove(slot.index());
        return "delete-item";
      }
      case 5 -> {
        if (slot.parent() instanceof MapNode m) {
          Entry e = m.entries.get(slot.index());
          m.entries.add(rnd.nextInt(m.entries.size() + 1), new Entry(e.key, e.value.copy()));
          return "duplicate-key";
        }
        ListNode l = (ListNode) slot.parent();
        l.items.add(rnd.nextInt(l.items.size() + 1), target.copy());
        return "duplicate-item";
      }
      case 6 -> {
        if (slot.parent() instanceof MapNode m) {
          Entry e = m.entries.get(slot.index());
          e.key = renamed(rnd, e.key);
          return "rename-key";
        }
        slot.set(Yaml.plain(pick(rnd, HOSTILE_SCALARS)));
        return "hostile-scalar";
      }
      case 7 -> {
        MapNode host = hostMap(rnd, slots, root);
        host.put(pick(rnd, List.of("unknown", "wieght", "feilds", "typ", "event_type", "rang", "<<", "? complex", "\"\"", "''", "~", "1", "[a]", "{b: c}",
            "unique", "role", "match", "ref", "entites", "count")),
            Yaml.plain(pick(rnd, HOSTILE_SCALARS)));
        return "extra-key";
      }
      case 8 -> {
        // An anchor on a node and an alias to it somewhere else (valid YAML; Jackson does not expand it).
        String name = "a" + rnd.nextInt(100);
        Slot other = slots.get(rnd.nextInt(slots.size()));
        if (target instanceof MapNode m) {
          m.anchor = name;
        } else if (target instanceof ListNode l) {
          l.anchor = name;
        } else {
          slot.set(Yaml.plain("&" + name + " " + ((Scalar) target).text()));
        }
        if (other.get() != slot.get() && !contains(slot.get(), other.parent())) {
          other.set(Yaml.plain("*" + name));
        }
        return "anchor-alias";
      }
      case 9 -> {
        slot.set(Yaml.plain(pick(rnd, List.of("!!binary ", "!!str ", "!!float ", "!!int ", "!!map ", "!!seq ", "!x ", "!!set ", "!!omap ")) + Yaml.flow(target)));
        return "tag";
      }
      case 10 -> {
        slot.set(nested(rnd.nextInt(20, 400), rnd.nextBoolean(), target));
        return "nesting";
      }
      case 11 -> {
        ListNode empty = new ListNode();
        empty.flow = true;
        slot.set(rnd.nextBoolean() ? empty : new MapNode());
        return "empty-collection";
      }
      case 12 -> {
        slot.set(longList(rnd, target, rnd.nextInt(2, 3000)));
        return "long-list";
      }
      case 13 -> {
        if (target instanceof MapNode m) {
          m.flow = !m.flow;
        } else if (target instanceof ListNode l) {
          l.flow = !l.flow;
        }
        return "flip-style";
      }
      case 14 -> {
        slot.set(Yaml.quoted(Yaml.flow(target)));
        return "quote";
      }
      default -> {
        slot.set(Yaml.plain(unicodeWord(rnd)));
        return "unicode-scalar";
      }
    }
  }

  /** One random change to printed text; {@code out[0]} receives its name. */
  static byte[] text(SplittableRandom rnd, byte[] in, String[] out) {
    String s = new String(in, StandardCharsets.UTF_8);
    int pos = s.isEmpty() ? 0 : rnd.nextInt(s.length());
    switch (rnd.nextInt(12)) {
      case 0 -> {
        out[0] = "truncate";
        return cut(in, rnd.nextInt(in.length + 1));
      }
      case 1 -> {
        out[0] = "delete-char";
        return bytes(s.isEmpty() ? s : s.substring(0, pos) + s.substring(pos + 1));
      }
      case 2 -> {
        out[0] = "insert-syntax";
        String c = pick(rnd, List.of(":", "-", "[", "]", "{", "}", "&", "*", "!", "%", "@", "`", "|", ">", "#", "'", "\"", ",", "?", "\t", "\n", " ", "\\", "---\n", "...\n"));
        return bytes(s.substring(0, pos) + c + s.substring(pos));
      }
      case 3 -> {
        out[0] = "insert-bytes";
        byte[] junk = pick(rnd, List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            new byte[] {0}, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, new byte[] {(byte) 0xc2, (byte) 0x85}, new byte[] {0x1b},
            new byte[] {(byte) 0xe2, (byte) 0x80, (byte) 0xa8}, new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {0x7f}));
        int at = rnd.nextInt(in.length + 1);
        byte[] r = new byte[in.length + junk.length];
        System.arraycopy(in, 0, r, 0, at);
        System.arraycopy(junk, 0, r, at, junk.length);
        System.arraycopy(in, at, r, at + junk.length, in.length - at);
        return r;
      }
      case 4 -> {
        out[0] = "swap-lines";
        String[] lines = s.split("\n", -1);
        int a = rnd.nextInt(lines.length);
        int b = rnd.nextInt(lines.length);
        String t = lines[a];
        lines[a] = lines[b];
        lines[b] = t;
        return bytes(String.join("\n", lines));
      }
      case 5 -> {
        out[0] = "reindent";
        String[] lines = s.split("\n", -1);
        int a = rnd.nextInt(lines.length);
        lines[a] = pick(rnd, List.of(" ", "\t", "   ", "")) + (rnd.nextBoolean() ? lines[a] : lines[a].stripLeading());
        return bytes(String.join("\n", lines));
      }
      case 6 -> {
        out[0] = "line-ends";
        return bytes(s.replace("\n", pick(rnd, List.of("\r\n", "\r", "\u0085", "\u2028"))));
      }
      case 7 -> {
        out[0] = "encoding";
        return switch (rnd.nextInt(4)) {
          case 0 -> s.getBytes(StandardCharsets.UTF_16);
          case 1 -> s.getBytes(StandardCharsets.ISO_8859_1);
          case 2 -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, in);
          default -> s.getBytes(StandardCharsets.UTF_16LE);
        };
      }
      case 8 -> {
        out[0] = "second-document";
        return bytes(s + pick(rnd, List.of("---\n", "---\na: 1\n", "...\n", "--- |\n  text\n", "%YAML 1.2\n---\n")));
      }
      case 9 -> {
        out[0] = "directive";
        return bytes(pick(rnd, List.of("%YAML 1.1\n---\n", "%YAML 2.0\n---\n", "%TAG ! tag:x,2000:\n---\n", "%FOO bar\n---\n", "--- !!map\n", "# comment\n")) + s);
      }
      case 10 -> {
        out[0] = "comment";
        return bytes(s.substring(0, pos) + " # " + s.substring(pos));
      }
      default -> {
        out[0] = "duplicate-line";
        String[] lines = s.split("\n", -1);
        int a = rnd.nextInt(lines.length);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
          b.append(lines[i]).append(i == lines.length - 1 ? "" : "\n");
          if (i == a) {
            b.append(lines[i]).append('\n');
          }
        }
        return bytes(b.toString());
      }
    }
  }

  /** A node of another shape than {@code target}. */
  static Node wrongShape(SplittableRandom rnd, Node target) {
    if (target instanceof Scalar s) {
      return rnd.nextBoolean() ? new ListNode().add(s) : new MapNode().put("k", s);
    }
    if (target instanceof ListNode l) {
      return rnd.nextBoolean() ? Yaml.plain(Yaml.quote(Yaml.flow(l))) : new MapNode().put("list", l);
    }
    return rnd.nextBoolean() ? Yaml.plain("42") : new ListNode().add(target);
  }

  /** {@code depth} levels of lists (or mappings) around {@code inner}. */
  static Node nested(int depth, boolean lists, Node inner) {
    Node n = inner;
    for (int i = 0; i < depth; i++) {
      if (lists) {
        ListNode l = new ListNode();
        l.flow = i % 2 == 0;
        n = l.add(n);
      } else {
        MapNode m = new MapNode();
        m.flow = i % 2 == 0;
        n = m.put("k", n);
      }
    }
    return n;
  }

  /** A list of {@code n} items like {@code sample} (varied, so a list of values stays distinct). */
  static ListNode longList(SplittableRandom rnd, Node sample, int n) {
    ListNode l = new ListNode();
    l.flow = rnd.nextBoolean();
    for (int i = 0; i < n; i++) {
      l.add(sample instanceof Scalar ? Yaml.plain(rnd.nextBoolean() ? Integer.toString(i) : Yaml.quote("v" + i)) : sample.copy());
    }
    return l;
  }

  static String unicodeWord(SplittableRandom rnd) {
    return Yaml.quote(pick(rnd, List.of("名前", "😀😀", "\u0000", "a\u0301", "\u202e", "\ud83d", "Ⅻ", "ß", "İ", "ı", "\u00a0", "\ufeff", "\u2028")));
  }

  private static String renamed(SplittableRandom rnd, String key) {
    return switch (rnd.nextInt(6)) {
      case 0 -> key.length() > 1 ? key.substring(0, key.length() - 1) : key + "x";
      case 1 -> key.toUpperCase(java.util.Locale.ROOT);
      case 2 -> Yaml.quote(key + " ");
      case 3 -> Yaml.quote(ConfigGenerator.AWKWARD_NAMES.get(rnd.nextInt(ConfigGenerator.AWKWARD_NAMES.size())));
      case 4 -> "? " + key + "\n";
      default -> Yaml.quote("");
    };
  }

  private static MapNode hostMap(SplittableRandom rnd, List<Slot> slots, Node root) {
    for (int tries = 0; tries < 10; tries++) {
      Node n = slots.get(rnd.nextInt(slots.size())).get();
      if (n instanceof MapNode m) {
        return m;
      }
    }
    return root instanceof MapNode m ? m : new MapNode();
  }

  private static boolean contains(Node tree, Node needle) {
    if (tree == needle) {
      return true;
    }
    if (tree instanceof MapNode m) {
      return m.entries.stream().anyMatch(e -> contains(e.value, needle));
    }
    return tree instanceof ListNode l && l.items.stream().anyMatch(i -> contains(i, needle));
  }

  static byte[] cut(byte[] in, int length) {
    byte[] r = new byte[Math.min(length, in.length)];
    System.arraycopy(in, 0, r, 0, r.length);
    return r;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static <T> T pick(SplittableRandom rnd, List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }
}
