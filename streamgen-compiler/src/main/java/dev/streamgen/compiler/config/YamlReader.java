package dev.streamgen.compiler.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a located {@link Node} tree with Jackson's streaming YAML parser, which
 * reports line and column for every token. Reports syntax errors and duplicate keys (which YAML
 * libraries commonly accept silently, keeping the last) instead of throwing.
 */
public final class YamlReader {
  /** 10,000 event types take a few MB of YAML; snakeyaml's default cap is 3 MB. */
  private static final int MAX_CODE_POINTS = 256 * 1024 * 1024;

  /**
   * Longer lines are refused before parsing: snakeyaml's scanner slows down with the square of a
   * line's length (a 4 MB line took 15 s, a 10 MB one over a minute), and no config needs them.
   */
  static final int MAX_LINE_CHARS = 1 << 20;

  /**
   * Deeper nesting is refused: the tree is read recursively, and 100,000 levels overflowed the stack
   * (Jackson 2.15, which this module shares with Spark, has no nesting limit of its own for YAML).
   */
  static final int MAX_DEPTH = 1000;

  private static final YAMLFactory FACTORY = newFactory();

  private final Problems problems;
  private boolean aliases;
  private int depth;

  private YamlReader(Problems problems) {
    this.problems = problems;
  }

  private static YAMLFactory newFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  /** The root node of {@code text}, or null after reporting why there is none. */
  public static Node read(String text, Problems problems) {
    if (!linesFit(text, problems)) {
      return null;
    }
    return new YamlReader(problems).parse(text);
  }

  private Node parse(String text) {
    JsonParser parser = null;
    try (JsonParser p = FACTORY.createParser(text)) {
      parser = p;
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(Location.START, "file is empty; expected common_fields and event_types");
        return null;
      }
      Node root = readValue(parser);
      JsonToken next = parser.nextToken();
      if (next != null) {
        problems.add(
            location(parser.currentTokenLocation()),
            "a second YAML document starts here; put all definitions in one document");
      }
      // An alias read as its anchor's name would only cause misleading errors further on.
      return aliases ? null : root;
    } catch (NestedTooDeep e) {
      problems.add(e.at, "invalid YAML: nested more than " + MAX_DEPTH + " levels deep");
      return null;
    } catch (StreamConstraintsException e) {
      // Jackson's limits (nesting depth, number length): say which, where the parser stopped.
      Location at = parser == null ? Location.START : location(parser.currentLocation());
      problems.add(at, "invalid YAML: " + constraint(e));
      return null;
    } catch (JsonProcessingException e) {
      problems.add(errorLocation(e), "invalid YAML: " + describe(e));
      return null;
    } catch (IOException e) {
      problems.add(Location.START, "cannot read YAML: " + e.getMessage());
      return null;
    }
  }

  /** Reports the first line longer than {@link #MAX_LINE_CHARS}; true when all fit. */
  private static boolean linesFit(String text, Problems problems) {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
        if (i - start > MAX_LINE_CHARS) {
          problems.add(
              new Location(line, MAX_LINE_CHARS + 1),
              "line is " + (i - start) + " characters long; at most " + MAX_LINE_CHARS + " are supported");
          return false;
        }
        if (i + 1 < text.length() && text.charAt(i) == '\r' && text.charAt(i + 1) == '\n') {
          i++; // one line end
        }
        line++;
        start = i + 1;
      }
    }
    return true;
  }

  private static String constraint(StreamConstraintsException e) {
    String m = e.getOriginalMessage();
    if (m.startsWith("Document nesting depth")) {
      return "nested more than " + MAX_DEPTH + " levels deep";
    }
    int paren = m.indexOf(" (");
    return paren < 0 ? m : m.substring(0, paren);
  }

  private Node readValue(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    Location at = location(parser.currentTokenLocation());
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      // Jackson does not expand aliases (which also defuses alias bombs); it would hand us the
      // anchor's name as a string.
      problems.add(at, "YAML aliases are not supported (*" + parser.getText() + "); write the value out in full");
      aliases = true;
      return ScalarNode.string(parser.getText(), at);
    }
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      if (depth > MAX_DEPTH) { // the root collection is level 0
        throw new NestedTooDeep(at);
      }
      depth++;
      try {
        return token == JsonToken.START_OBJECT ? readMap(parser, at) : readList(parser, at);
      } finally {
        depth--;
      }
    }
    switch (token) {
      case VALUE_STRING:
        return ScalarNode.string(parser.getText(), at);
      case VALUE_NUMBER_INT:
        return new ScalarNode(parser.getText(), ScalarNode.Kind.INT, wholeNumber(parser), at);
      case VALUE_NUMBER_FLOAT:
        Double value = floatValue(parser.getText());
        // "!!float abc" is no number: a string, as Jackson itself makes of "!!int abc".
        return value == null
            ? ScalarNode.string(parser.getText(), at)
            : new ScalarNode(parser.getText(), ScalarNode.Kind.FLOAT, value, at);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new ScalarNode(parser.getText(), ScalarNode.Kind.BOOLEAN, null, at);
      case VALUE_NULL:
        return new ScalarNode("", ScalarNode.Kind.NULL, null, at);
      default:
        // Embedded objects (binary tags) and the like: keep the text, validation rejects them.
        return ScalarNode.string(parser.getText(), at);
    }
  }

  private ListNode readList(JsonParser parser, Location at) throws IOException {
    List<Node> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      items.add(readValue(parser));
    }
    return new ListNode(items, at);
  }

  private MapNode readMap(JsonParser parser, Location at) throws IOException {
    List<MapNode.Entry> entries = new ArrayList<>();
    Map<String, Location> seen = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      Location keyAt = location(parser.currentTokenLocation());
      parser.nextToken();
      Node value = readValue(parser);
      Location first = seen.putIfAbsent(name, keyAt);
      if (first != null) {
        problems.add(
            keyAt, "duplicate key '" + name + "' (first defined at line " + first.line() + ")");
        continue;
      }
      entries.add(new MapNode.Entry(ScalarNode.string(name, keyAt), value));
    }
    return new MapNode(entries, at);
  }

  /** YAML floats, including the special values Jackson does not convert (.nan, .inf, -.Inf); null if none. */
  private static Double floatValue(String text) {
    String t = text.trim();
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals(".nan")) {
      return Double.NaN;
    }
    if (lower.matches("[-+]?\\.inf")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    try {
      return Double.parseDouble(t.replace("_", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Number wholeNumber(JsonParser parser) throws IOException {
    return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
        ? parser.getBigIntegerValue()
        : (Number) parser.getLongValue();
  }

  private static Location location(JsonLocation l) {
    return new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private static Location errorLocation(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      Mark mark = m.getProblemMark();
      return new Location(mark.getLine() + 1, mark.getColumn() + 1);
    }
    return e.getLocation() == null ? Location.START : location(e.getLocation());
  }

  private static String describe(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
      String context = m.getContext();
      return context == null ? m.getProblem() : m.getProblem() + " (" + context + ")";
    }
    String message = e.getOriginalMessage();
    if (message.startsWith("Expected a field name")) {
      // "? [a, b]: 1" or "{a: 1}: 2": Jackson's message names snakeyaml's event classes.
      return "mapping keys must be plain scalars (text or numbers), not lists or mappings";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Unwinds the recursive read at the first collection nested deeper than {@link #MAX_DEPTH}. */
  private static final class NestedTooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Location at;

    NestedTooDeep(Location at) {
      super(null, null, false, false);
      this.at = at;
    }
  }
}
