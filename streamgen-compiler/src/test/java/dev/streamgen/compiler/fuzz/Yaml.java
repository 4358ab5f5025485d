package dev.streamgen.compiler.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * A small mutable YAML tree the fuzzer builds and damages, and the emitter that prints it. Scalars
 * and keys are kept as the exact token text to print ({@code "a"}, {@code .nan}, {@code *ref},
 * {@code !!binary x}), so a mutation can write anything YAML allows, or does not.
 */
final class Yaml {
  private Yaml() {}

  /** A node of the tree. Mutable on purpose: mutations replace children in place. */
  sealed interface Node permits MapNode, ListNode, Scalar {
    Node copy();
  }

  /** Printed text of one scalar (already quoted or not, as the case wants). */
  record Scalar(String text) implements Node {
    @Override
    public Node copy() {
      return this;
    }
  }

  /** One key (printed text) and its value. */
  static final class Entry {
    String key;
    Node value;

    Entry(String key, Node value) {
      this.key = key;
      this.value = value;
    }
  }

  static final class MapNode implements Node {
    final List<Entry> entries = new ArrayList<>();
    /** Printed as {@code {a: 1, b: 2}} instead of block style. */
    boolean flow;
    /** {@code &name} before the mapping, or null. */
    String anchor;

    MapNode put(String key, Node value) {
      entries.add(new Entry(key, value));
      return this;
    }

    @Override
    public Node copy() {
      MapNode m = new MapNode();
      m.flow = flow;
      m.anchor = anchor;
      for (Entry e : entries) {
        m.entries.add(new Entry(e.key, e.value.copy()));
      }
      return m;
    }
  }

  static final class ListNode implements Node {
    final List<Node> items = new ArrayList<>();
    boolean flow;
    String anchor;

    ListNode add(Node item) {
      items.add(item);
      return this;
    }

    @Override
    public Node copy() {
      ListNode l = new ListNode();
      l.flow = flow;
      l.anchor = anchor;
      for (Node n : items) {
        l.items.add(n.copy());
      }
      return l;
    }
  }

  static Scalar plain(String text) {
    return new Scalar(text);
  }

  /** A double-quoted YAML string with the escapes YAML needs. */
  static Scalar quoted(String text) {
    return new Scalar(quote(text));
  }

  static String quote(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Block-style YAML for {@code root}, indented by two spaces per level. */
  static String emit(Node root) {
    StringBuilder b = new StringBuilder();
    if (root instanceof MapNode m && !m.flow && !m.entries.isEmpty() && m.anchor == null) {
      blockMap(b, m, 0);
    } else if (root instanceof ListNode l && !l.flow && !l.items.isEmpty() && l.anchor == null) {
      blockList(b, l, 0);
    } else {
      b.append(flow(root)).append('\n');
    }
    return b.toString();
  }

  private static void blockMap(StringBuilder b, MapNode m, int indent) {
    for (Entry e : m.entries) {
      b.append(" ".repeat(indent)).append(e.key).append(':');
      value(b, e.value, indent);
    }
  }

  private static void blockList(StringBuilder b, ListNode l, int indent) {
    for (Node item : l.items) {
      b.append(" ".repeat(indent)).append('-');
      if (item instanceof MapNode m && !m.flow && !m.entries.isEmpty() && m.anchor == null) {
        // "- key: value" with the following keys aligned under the first.
        b.append(' ');
        StringBuilder inner = new StringBuilder();
        blockMap(inner, m, indent + 2);
        b.append(inner.substring(indent + 2));
      } else {
        value(b, item, indent);
      }
    }
  }

  /** After "key:" or "-": a scalar or flow node on the same line, a block node on the next lines. */
  private static void value(StringBuilder b, Node value, int indent) {
    if (value instanceof MapNode m && !m.flow && !m.entries.isEmpty()) {
      b.append(m.anchor == null ? "" : " &" + m.anchor).append('\n');
      blockMap(b, m, indent + 2);
    } else if (value instanceof ListNode l && !l.flow && !l.items.isEmpty()) {
      b.append(l.anchor == null ? "" : " &" + l.anchor).append('\n');
      blockList(b, l, indent + 2);
    } else {
      String text = flow(value);
      b.append(text.isEmpty() ? "" : " " + text).append('\n');
    }
  }

  /** One-line form: {@code {a: 1}}, {@code [1, 2]} or the scalar text. */
  static String flow(Node node) {
    if (node instanceof Scalar s) {
      return s.text();
    }
    StringBuilder b = new StringBuilder();
    if (node instanceof MapNode m) {
      b.append(m.anchor == null ? "" : "&" + m.anchor + " ").append('{');
      for (int i = 0; i < m.entries.size(); i++) {
        Entry e = m.entries.get(i);
        b.append(i == 0 ? "" : ", ").append(e.key).append(": ").append(flow(e.value));
      }
      return b.append('}').toString();
    }
    ListNode l = (ListNode) node;
    b.append(l.anchor == null ? "" : "&" + l.anchor + " ").append('[');
    for (int i = 0; i < l.items.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(flow(l.items.get(i)));
    }
    return b.append(']').toString();
  }

  /** Every node of the tree, parents before children, with a way to replace it. */
  static List<Slot> slots(Node root) {
    List<Slot> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  /** A place in the tree holding a node: a map entry's value or a list item. */
  record Slot(Node parent, int index) {
    Node get() {
      return parent instanceof MapNode m ? m.entries.get(index).value : ((ListNode) parent).items.get(index);
    }

    void set(Node node) {
      if (parent instanceof MapNode m) {
        m.entries.get(index).value = node;
      } else {
        ((ListNode) parent).items.set(index, node);
      }
    }
  }

  private static void collect(Node node, List<Slot> out) {
    if (node instanceof MapNode m) {
      for (int i = 0; i < m.entries.size(); i++) {
        out.add(new Slot(m, i));
        collect(m.entries.get(i).value, out);
      }
    } else if (node instanceof ListNode l) {
      for (int i = 0; i < l.items.size(); i++) {
        out.add(new Slot(l, i));
        collect(l.items.get(i), out);
      }
    }
  }
}
