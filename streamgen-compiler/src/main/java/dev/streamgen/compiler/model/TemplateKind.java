package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.runtime.kinds.TemplateField;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code type: template, template: "order-{{int:1000..9999}}-{{enum:A|B}}"}: literal text with
 * placeholders {@code {{int:MIN..MAX}}} (a uniform 64-bit whole number, both ends included), {@code
 * {{enum:A|B|C}}} (one of the choices, equally likely) and {@code {{uuid}}} (a version-4 UUID). Parsed
 * here once into {@link Part}s; {@link TemplateField} only concatenates them per row. The k-th draw
 * (a uuid takes two) hashes on the field's salt + k. Encoded as a {@code string} everywhere.
 */
public record TemplateKind(String template, List<Part> parts) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("template", List.of("template"), TemplateKind::parse);

  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";
  private static final String PLACEHOLDERS = "{{int:MIN..MAX}}, {{enum:A|B}} or {{uuid}}";
  private static final Pattern INT = Pattern.compile("int:(-?[0-9]+)\\.\\.(-?[0-9]+)");
  private static final BigInteger MAX_SPAN = BigInteger.valueOf(Long.MAX_VALUE);

  public TemplateKind {
    parts = List.copyOf(parts);
  }

  /** One piece of a template, with the code constructing its run-time twin and its Spark column. */
  public sealed interface Part {
    /** Random draws the part takes (each on its own salt). */
    int draws();

    CodeBlock newPart();

    /** Literals {@link #newPart} writes. */
    int literalCount();

    /** STRING column; its draws hash on the field's salt + {@code firstDraw}, + 1, .... */
    CodeBlock column(FieldCode f, int firstDraw);
  }

  record Literal(String text) implements Part {
    @Override
    public int draws() {
      return 0;
    }

    @Override
    public CodeBlock newPart() {
      return CodeBlock.of("$T.literal($L)", TemplateField.class, Kinds.string(text));
    }

    @Override
    public int literalCount() {
      return 1;
    }

    @Override
    public CodeBlock column(FieldCode f, int firstDraw) {
      return CodeBlock.of("$T.lit($L)", Kinds.SPARK_FUNCTIONS, Kinds.string(text));
    }
  }

  record IntPart(long min, long max) implements Part {
    @Override
    public int draws() {
      return 1;
    }

    @Override
    public CodeBlock newPart() {
      return CodeBlock.of("$T.integer($L, $L)", TemplateField.class, Kinds.longLiteral(min), Kinds.longLiteral(max));
    }

    @Override
    public int literalCount() {
      return 2;
    }

    @Override
    public CodeBlock column(FieldCode f, int firstDraw) {
      return CodeBlock.of(
          "$T.between($L, $L, $L).cast($S)",
          Kinds.RNG_COLUMNS,
          f.hashColumn(firstDraw),
          Kinds.longLiteral(min),
          Kinds.longLiteral(max),
          "string");
    }
  }

  record EnumPart(List<String> choices) implements Part {
    EnumPart {
      choices = List.copyOf(choices);
    }

    @Override
    public int draws() {
      return 1;
    }

    @Override
    public CodeBlock newPart() {
      CodeBlock.Builder b = CodeBlock.builder().add("$T.choice(", TemplateField.class);
      for (int i = 0; i < choices.size(); i++) {
        b.add(i == 0 ? "$L" : ", $L", Kinds.string(choices.get(i)));
      }
      return b.add(")").build();
    }

    @Override
    public int literalCount() {
      return choices.size();
    }

    @Override
    public CodeBlock column(FieldCode f, int firstDraw) {
      // The runtime's own cuts, so the column picks with the very doubles the generator does.
      return CodeBlock.of(
          "$T.pick($L, $T.equalCuts($L), $L)",
          Kinds.RNG_COLUMNS,
          f.hashColumn(firstDraw),
          TemplateField.class,
          choices.size(),
          Kinds.strings(choices));
    }
  }

  record UuidPart() implements Part {
    @Override
    public int draws() {
      return 2;
    }

    @Override
    public CodeBlock newPart() {
      return CodeBlock.of("$T.uuid()", TemplateField.class);
    }

    @Override
    public int literalCount() {
      return 0;
    }

    @Override
    public CodeBlock column(FieldCode f, int firstDraw) {
      return CodeBlock.of("$T.uuid($L, $L)", Kinds.RNG_COLUMNS, f.hashColumn(firstDraw), f.hashColumn(firstDraw + 1));
    }
  }

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    if (scope.require(definition, "template", "type template needs template: \"text with {{...}} placeholders\"") == null) {
      return null;
    }
    String template = scope.text(definition, "template", null);
    if (template == null) {
      return null;
    }
    Node at = definition.get("template").orElseThrow();
    if (template.isEmpty()) {
      scope.error(at, "template is empty");
      return null;
    }
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf(OPEN, i);
      int strayClose = template.indexOf(CLOSE, i);
      if (strayClose >= 0 && (open < 0 || strayClose < open)) {
        scope.error(at, "template has '}}' without '{{' at character " + (strayClose + 1));
        return null;
      }
      if (open < 0) {
        parts.add(new Literal(template.substring(i)));
        break;
      }
      if (open > i) {
        parts.add(new Literal(template.substring(i, open)));
      }
      int close = template.indexOf(CLOSE, open + OPEN.length());
      int nextOpen = template.indexOf(OPEN, open + OPEN.length());
      if (close < 0) {
        scope.error(at, "template has '{{' without '}}' at character " + (open + 1));
        return null;
      }
      if (nextOpen >= 0 && nextOpen < close) {
        scope.error(
            at,
            "template placeholder at character " + (open + 1) + " holds '{{' at character " + (nextOpen + 1) + "; placeholders do not nest");
        return null;
      }
      Part part = placeholder(template.substring(open + OPEN.length(), close), open + 1, at, scope);
      if (part == null) {
        return null;
      }
      parts.add(part);
      i = close + CLOSE.length();
    }
    return new TemplateKind(template, parts);
  }

  /** The placeholder whose inside is {@code body}, which starts at (1-based) character {@code position}. */
  private static Part placeholder(String body, int position, Node at, FieldScope scope) {
    String where = "template placeholder '{{" + body + "}}' at character " + position;
    if (body.equals("uuid")) {
      return new UuidPart();
    }
    if (body.startsWith("int:")) {
      Matcher m = INT.matcher(body);
      if (!m.matches()) {
        scope.error(at, where + " must be {{int:MIN..MAX}} with whole numbers");
        return null;
      }
      BigInteger min = new BigInteger(m.group(1));
      BigInteger max = new BigInteger(m.group(2));
      if (min.bitLength() >= 64 || max.bitLength() >= 64) {
        scope.error(at, where + " does not fit 64 bits [-9223372036854775808, 9223372036854775807]");
        return null;
      }
      if (min.compareTo(max) > 0) {
        scope.error(at, where + " is an empty range (min > max)");
        return null;
      }
      // Rng.between draws modulo max - min + 1, which must be a positive 64-bit number.
      if (max.subtract(min).compareTo(MAX_SPAN) >= 0) {
        scope.error(at, where + " spans more than 2^63 - 1 values; use a narrower range");
        return null;
      }
      return new IntPart(min.longValue(), max.longValue());
    }
    if (body.startsWith("enum:")) {
      List<String> choices = List.of(body.substring("enum:".length()).split("\\|", -1));
      Set<String> seen = new HashSet<>();
      for (String choice : choices) {
        if (!seen.add(choice)) {
          scope.error(at, where + " lists '" + choice + "' twice");
          return null;
        }
      }
      return new EnumPart(choices);
    }
    scope.error(at, where + " is unknown; use " + PLACEHOLDERS);
    return null;
  }

  @Override
  public String typeName() {
    return "template";
  }

  @Override
  public String describe() {
    return "template '" + template + "'";
  }

  @Override
  public Object avroType(String namedType) {
    return "string";
  }

  @Override
  public String protoType(String identifier) {
    return "string";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return Kinds.jsonType("string");
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return Map.of("template", template);
  }

  @Override
  public TypeName javaType() {
    return TypeName.get(String.class);
  }

  @Override
  public Class<TemplateField> generatorClass() {
    return TemplateField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(f, TemplateField.class, parts.stream().map(Part::newPart).toArray(CodeBlock[]::new));
  }

  @Override
  public int literalCount() {
    return parts.stream().mapToInt(Part::literalCount).sum();
  }

  @Override
  public CodeBlock column(FieldCode f) {
    CodeBlock.Builder b = CodeBlock.builder().add("$T.concat(", Kinds.SPARK_FUNCTIONS);
    int draw = 0;
    for (int i = 0; i < parts.size(); i++) {
      b.add(i == 0 ? "$L" : ", $L", parts.get(i).column(f, draw));
      draw += parts.get(i).draws();
    }
    return b.add(")").build();
  }
}
