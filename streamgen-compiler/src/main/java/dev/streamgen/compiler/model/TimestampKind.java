package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.ListNode;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.kinds.TimestampField;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code type: timestamp}, in microseconds since the epoch ({@link TimestampField}): the event's own
 * time (the row's {@code eventTimeMicros}, set by the runtime), or with {@code range} a uniform
 * microsecond in a window, either absolute ({@code ["2024-01-01T00:00:00Z", "2024-06-30T00:00:00Z"]},
 * [start, end)) or relative to the event time ({@code "now-7d..now"}). Java long; Avro long with
 * logical type timestamp-micros; Protobuf int64 (microseconds); JSON by {@code format}: ISO-8601 UTC
 * text with six fraction digits ({@code iso8601}, the default), or a number ({@code epoch_millis},
 * {@code epoch_micros}).
 *
 * @param range the range as written (two instants, or one relative window), empty without one
 * @param window which instants the value takes
 * @param from the window's start: microseconds since the epoch, or relative to the event time
 * @param until the window's end, excluded
 */
public record TimestampKind(List<String> range, Window window, long from, long until, JsonForm format) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("timestamp", List.of("range", "format"), TimestampKind::parse);

  /** The default: the event time, ISO-8601 in JSON. */
  static final TimestampKind EVENT_TIME = new TimestampKind(List.of(), Window.EVENT_TIME, 0, 0, JsonForm.ISO8601);

  /**
   * Relative offsets stay within ±100,000 years, so the event time plus any offset, and the width of
   * any window, fit in 64 bits of microseconds.
   */
  private static final long MAX_OFFSET_DAYS = 36_500_000L;

  private static final Pattern RELATIVE = Pattern.compile("(now(?:[+-][0-9]+[smhd])?)\\.\\.(now(?:[+-][0-9]+[smhd])?)");
  private static final Pattern OFFSET = Pattern.compile("now(?:([+-])([0-9]+)([smhd]))?");

  /** Which instants the value takes; the names are those of {@link TimestampField}'s constants. */
  public enum Window {
    EVENT_TIME,
    ABSOLUTE,
    RELATIVE
  }

  /** How JSON writes the value (the other formats always carry microseconds). */
  public enum JsonForm {
    ISO8601("iso8601"),
    EPOCH_MILLIS("epoch_millis"),
    EPOCH_MICROS("epoch_micros");

    private final String yaml;

    /** The constant's name is that of {@link TimestampField}'s constant for the form. */
    JsonForm(String yaml) {
      this.yaml = yaml;
    }

    static List<String> names() {
      return Arrays.stream(values()).map(f -> f.yaml).toList();
    }
  }

  public TimestampKind {
    range = List.copyOf(range);
  }

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    JsonForm format = format(definition, scope);
    Node rangeNode = definition.get("range").orElse(null);
    if (rangeNode == null) {
      return format == null ? null : new TimestampKind(List.of(), Window.EVENT_TIME, 0, 0, format);
    }
    TimestampKind ranged =
        rangeNode instanceof ListNode list ? absolute(list, scope) : relative(rangeNode, scope);
    return ranged == null || format == null
        ? null
        : new TimestampKind(ranged.range, ranged.window, ranged.from, ranged.until, format);
  }

  private static JsonForm format(MapNode definition, FieldScope scope) {
    String name = scope.text(definition, "format", JsonForm.ISO8601.yaml);
    if (name == null) {
      return null;
    }
    for (JsonForm f : JsonForm.values()) {
      if (f.yaml.equals(name)) {
        return f;
      }
    }
    scope.error(
        definition.get("format").orElseThrow(),
        "format must be one of " + String.join(", ", JsonForm.names()) + ", got '" + name + "'");
    return null;
  }

  /** {@code ["2024-01-01T00:00:00Z", "2024-06-30T00:00:00Z"]}: [start, end). */
  private static TimestampKind absolute(ListNode list, FieldScope scope) {
    if (list.items().size() != 2 || !list.items().stream().allMatch(n -> n instanceof ScalarNode s && s.kind() == ScalarNode.Kind.STRING)) {
      scope.error(list, RANGE_SHAPE + ", got " + FieldScope.shape(list));
      return null;
    }
    ScalarNode start = (ScalarNode) list.items().get(0);
    ScalarNode end = (ScalarNode) list.items().get(1);
    Long from = instant(start, scope);
    Long until = instant(end, scope);
    if (from == null || until == null) {
      return null;
    }
    String text = "[" + start.text() + ", " + end.text() + "]";
    if (from >= until) {
      scope.error(list, "range " + text + " is empty (start not before end)");
      return null;
    }
    if (until - from <= 0) {
      // The draw is modulo end - start, which must be a positive 64-bit number of microseconds.
      scope.error(list, "range " + text + " is wider than 2^63 microseconds (about 292,000 years)");
      return null;
    }
    return new TimestampKind(List.of(start.text(), end.text()), Window.ABSOLUTE, from, until, JsonForm.ISO8601);
  }

  private static final String RANGE_SHAPE =
      "range must be two ISO-8601 instants [\"2024-01-01T00:00:00Z\", \"2024-06-30T00:00:00Z\"] or a window like \"now-7d..now\"";

  /** Microseconds since the epoch of an ISO-8601 instant, or null after reporting why not. */
  private static Long instant(ScalarNode node, FieldScope scope) {
    Instant instant;
    try {
      instant = Instant.parse(node.text());
    } catch (DateTimeParseException e) {
      scope.error(node, "'" + node.text() + "' is not an ISO-8601 instant like 2024-01-01T00:00:00Z");
      return null;
    }
    if (instant.getNano() % 1_000 != 0) {
      scope.error(node, "'" + node.text() + "' has digits below a microsecond; timestamps are microseconds");
      return null;
    }
    try {
      return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    } catch (ArithmeticException e) {
      scope.error(node, "'" + node.text() + "' is outside the 64-bit microsecond range (about 292,000 years around 1970)");
      return null;
    }
  }

  /** {@code "now-30d..now-1d"}: [t - 30d, t - 1d) for the event time t. */
  private static TimestampKind relative(Node node, FieldScope scope) {
    if (!(node instanceof ScalarNode s && s.kind() == ScalarNode.Kind.STRING)) {
      scope.error(node, RANGE_SHAPE + ", got " + FieldScope.shape(node));
      return null;
    }
    Matcher m = RELATIVE.matcher(s.text());
    if (!m.matches()) {
      scope.error(node, "range '" + s.text() + "' is not a window now[±N(s|m|h|d)]..now[±N(s|m|h|d)], e.g. now-7d..now");
      return null;
    }
    Long from = offset(m.group(1), s, scope);
    Long until = offset(m.group(2), s, scope);
    if (from == null || until == null) {
      return null;
    }
    if (from >= until) {
      scope.error(node, "range '" + s.text() + "' is empty (start not before end)");
      return null;
    }
    return new TimestampKind(List.of(s.text()), Window.RELATIVE, from, until, JsonForm.ISO8601);
  }

  /** Microseconds of {@code now}, {@code now-7d}, {@code now+1h}; null after reporting a too large offset. */
  private static Long offset(String text, ScalarNode node, FieldScope scope) {
    Matcher m = OFFSET.matcher(text);
    if (!m.matches() || m.group(1) == null) {
      return 0L;
    }
    long perUnit =
        switch (m.group(3)) {
          case "s" -> 1_000_000L;
          case "m" -> 60_000_000L;
          case "h" -> 3_600_000_000L;
          default -> 86_400_000_000L;
        };
    long maxCount = MAX_OFFSET_DAYS * 86_400_000_000L / perUnit;
    String digits = m.group(2);
    if (digits.length() > 18 || Long.parseLong(digits) > maxCount) {
      scope.error(node, "range offset '" + text + "' exceeds " + MAX_OFFSET_DAYS + "d (100,000 years)");
      return null;
    }
    long micros = Long.parseLong(digits) * perUnit;
    return m.group(1).equals("-") ? -micros : micros;
  }

  @Override
  public String typeName() {
    return "timestamp";
  }

  @Override
  public String describe() {
    StringBuilder b = new StringBuilder("timestamp");
    if (!range.isEmpty()) {
      b.append(" range ").append(range.size() == 1 ? range.get(0) : range.toString());
    }
    if (format != JsonForm.ISO8601) {
      b.append(" format ").append(format.yaml);
    }
    return b.toString();
  }

  @Override
  public Object avroType(String namedType) {
    return Kinds.avroLogical("long", "timestamp-micros");
  }

  @Override
  public String protoType(String identifier) {
    return "int64";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return format == JsonForm.ISO8601 ? Kinds.jsonFormattedString("date-time") : Kinds.jsonType("integer");
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (!range.isEmpty()) {
      parameters.put("range", range.size() == 1 ? range.get(0) : range);
    }
    if (format != JsonForm.ISO8601) {
      parameters.put("format", format.yaml);
    }
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return TypeName.LONG;
  }

  @Override
  public Class<TimestampField> generatorClass() {
    return TimestampField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    if (equals(EVENT_TIME)) {
      return Kinds.newUnsalted(f, TimestampField.class);
    }
    return Kinds.newSalted(
        f,
        TimestampField.class,
        CodeBlock.of("$T.$L", TimestampField.class, window.name()),
        Kinds.longLiteral(from),
        Kinds.longLiteral(until),
        CodeBlock.of("$T.$L", TimestampField.class, format.name()));
  }

  @Override
  public int literalCount() {
    return 2;
  }

  @Override
  public CodeBlock column(FieldCode f) {
    if (window == Window.EVENT_TIME) {
      return CodeBlock.of("$T.timestamp_micros(eventTimeMicros)", Kinds.SPARK_FUNCTIONS);
    }
    CodeBlock offset =
        CodeBlock.of(
            "$T.between($L, $L, $L)", Kinds.RNG_COLUMNS, f.hashColumn(0), Kinds.longLiteral(from), Kinds.longLiteral(until - 1));
    return window == Window.RELATIVE
        ? CodeBlock.of("$T.timestamp_micros(eventTimeMicros.plus($L))", Kinds.SPARK_FUNCTIONS, offset)
        : CodeBlock.of("$T.timestamp_micros($L)", Kinds.SPARK_FUNCTIONS, offset);
  }
}
