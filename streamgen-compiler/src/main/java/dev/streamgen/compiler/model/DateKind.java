package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.ListNode;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.kinds.DateField;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code type: date, range: ["2024-01-01", "2024-12-31"]}: a uniform day in the range, both
 * included (ISO dates, years 0000 to 9999 so that every format spells them YYYY-MM-DD). Drawn and
 * encoded by {@link DateField} as days since 1970-01-01.
 *
 * <p>The typed classes hold a {@link LocalDate}, not the day number: it is what a date means to the
 * code reading it (an int could be mistaken for yyyymmdd), what Avro's date conversion and Spark's
 * Java 8 time API give, and it costs nothing on the per-row path, which never builds one. Avro int
 * with logical type date; Protobuf int32 (days since the epoch); JSON string {@code "YYYY-MM-DD"}.
 */
public record DateKind(LocalDate min, LocalDate max) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("date", List.of("range"), DateKind::parse);

  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    Node node = scope.require(definition, "range", "type date needs range: [\"YYYY-MM-DD\", \"YYYY-MM-DD\"]");
    if (node == null) {
      return null;
    }
    if (!(node instanceof ListNode list) || list.items().size() != 2) {
      scope.error(node, "range must be a list of two dates [\"YYYY-MM-DD\", \"YYYY-MM-DD\"], got " + FieldScope.shape(node));
      return null;
    }
    LocalDate min = date(list.items().get(0), scope);
    LocalDate max = date(list.items().get(1), scope);
    if (min == null || max == null) {
      return null;
    }
    if (min.isAfter(max)) {
      scope.error(node, "range [" + min + ", " + max + "] is empty (min > max)");
      return null;
    }
    return new DateKind(min, max);
  }

  /** An ISO date, or null after reporting why the node is not one. */
  private static LocalDate date(Node node, FieldScope scope) {
    if (node instanceof ScalarNode s && s.kind() == ScalarNode.Kind.STRING && ISO_DATE.matcher(s.text()).matches()) {
      try {
        return LocalDate.parse(s.text(), DateTimeFormatter.ISO_LOCAL_DATE);
      } catch (DateTimeParseException e) {
        scope.error(node, "range holds '" + s.text() + "', which is not a day of the calendar");
        return null;
      }
    }
    scope.error(node, "range must hold dates written YYYY-MM-DD (e.g. \"2024-01-31\"), got " + FieldScope.shape(node));
    return null;
  }

  @Override
  public String typeName() {
    return "date";
  }

  @Override
  public String describe() {
    return "date [" + min + ", " + max + "]";
  }

  @Override
  public Object avroType(String namedType) {
    return Kinds.avroLogical("int", "date");
  }

  @Override
  public String protoType(String identifier) {
    return "int32";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return Kinds.jsonFormattedString("date");
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return Map.of("range", List.of(min.toString(), max.toString()));
  }

  @Override
  public TypeName javaType() {
    return TypeName.get(LocalDate.class);
  }

  @Override
  public Class<DateField> generatorClass() {
    return DateField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(
        f, DateField.class, CodeBlock.of("$LL", min.toEpochDay()), CodeBlock.of("$LL", max.toEpochDay()));
  }

  @Override
  public int literalCount() {
    return 2;
  }

  /** {@code date_add(min, floorMod(hash, days in range))}: the generator's min + floorMod, as a DateType. */
  @Override
  public CodeBlock column(FieldCode f) {
    long days = max.toEpochDay() - min.toEpochDay();
    return CodeBlock.of(
        "$T.date_add($T.to_date($T.lit($S)), $T.between($L, 0L, $LL).cast($S))",
        Kinds.SPARK_FUNCTIONS,
        Kinds.SPARK_FUNCTIONS,
        Kinds.SPARK_FUNCTIONS,
        min.toString(),
        Kinds.RNG_COLUMNS,
        f.hashColumn(0),
        days,
        "int");
  }
}
