package dev.streamgen.compiler.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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

  private static final YAMLFactory FACTORY = newFactory();

  private YamlReader() {}

  private static YAMLFactory newFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  /** The root node of {@code text}, or null after reporting why there is none. */
  public static Node read(String text, Problems problems) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(Location.START, "file is empty; expected common_fields and event_types");
        return null;
      }
      Node root = readValue(parser, problems);
      JsonToken next = parser.nextToken();
      if (next != null) {
        problems.add(
            location(parser.currentTokenLocation()),
            "a second YAML document starts here; put all definitions in one document");
      }
      return root;
    } catch (JsonProcessingException e) {
      problems.add(errorLocation(e), "invalid YAML: " + describe(e));
      return null;
    } catch (IOException e) {
      problems.add(Location.START, "cannot read YAML: " + e.getMessage());
      return null;
    }
  }

  private static Node readValue(JsonParser parser, Problems problems) throws IOException {
    JsonToken token = parser.currentToken();
    Location at = location(parser.currentTokenLocation());
    switch (token) {
      case START_OBJECT:
        return readMap(parser, problems, at);
      case START_ARRAY:
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(parser, problems));
        }
        return new ListNode(items, at);
      case VALUE_STRING:
        return ScalarNode.string(parser.getText(), at);
      case VALUE_NUMBER_INT:
        return new ScalarNode(parser.getText(), ScalarNode.Kind.INT, wholeNumber(parser), at);
      case VALUE_NUMBER_FLOAT:
        return new ScalarNode(parser.getText(), ScalarNode.Kind.FLOAT, floatValue(parser.getText()), at);
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

  private static MapNode readMap(JsonParser parser, Problems problems, Location at)
      throws IOException {
    List<MapNode.Entry> entries = new ArrayList<>();
    Map<String, Location> seen = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      Location keyAt = location(parser.currentTokenLocation());
      parser.nextToken();
      Node value = readValue(parser, problems);
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

  /** YAML floats, including the special values Jackson does not convert (.nan, .inf, -.Inf). */
  private static Double floatValue(String text) {
    String t = text.trim();
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals(".nan")) {
      return Double.NaN;
    }
    if (lower.matches("[-+]?\\.inf")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.parseDouble(t.replace("_", ""));
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
      return "mapping keys must be plain scalars (text or numbers), not lists or mappings";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
