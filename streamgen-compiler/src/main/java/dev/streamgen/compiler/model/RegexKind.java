package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.runtime.kinds.RegexField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type: regex, regex: "[A-Z]{3}-[0-9]{4}"}: a string matching the expression, of the subset
 * docs/config.md lists. Parsed here once ({@link RegexParser}) into {@link Node}s; {@link
 * RegexField} only walks them per row. Every class member, alternative and repetition count is
 * equally likely; {@code *}, {@code +} and {@code {n,}} repeat at most {@code max_repeat} times.
 * Encoded as a {@code string} everywhere.
 *
 * <p>The Spark column spells every repetition out (a {@code when} per optional one), so its size
 * grows with the product of nested bounds: a program may unroll to at most {@value #MAX_PIECES}
 * {@linkplain Node#pieces pieces}.
 */
public record RegexKind(String regex, int maxRepeat, Node program) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("regex", List.of("regex", "max_repeat"), RegexKind::parse);

  static final int DEFAULT_MAX_REPEAT = 8;
  /**
   * Bound on the unrolled program: keeps one field's Spark column (and the method holding its
   * type's columns) far below the JVM's 64 KB method limit and Spark's plan sizes.
   */
  static final int MAX_PIECES = 256;

  /** One node of a program, with the code constructing its run-time twin and its Spark column. */
  public sealed interface Node {
    /** The block of draws the node owns (as {@link RegexField} numbers them). */
    long draws();

    /** Nodes of the Spark column once repetitions are unrolled: what {@link #MAX_PIECES} bounds. */
    long pieces();

    CodeBlock newNode();

    /** Literals {@link #newNode} writes. */
    int literalCount();

    /** STRING column; its draws hash on the field's salt + {@code firstDraw}, + 1, .... */
    CodeBlock column(FieldCode f, int firstDraw);
  }

  record Literal(String text) implements Node {
    @Override
    public long draws() {
      return 0;
    }

    @Override
    public long pieces() {
      return 1;
    }

    @Override
    public CodeBlock newNode() {
      return CodeBlock.of("$T.literal($L)", RegexField.class, Kinds.string(text));
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

  /** One of {@code members} (printable ASCII, so a char is a byte is a Spark substring position). */
  record Chars(String members) implements Node {
    @Override
    public long draws() {
      return 1;
    }

    @Override
    public long pieces() {
      return 1;
    }

    @Override
    public CodeBlock newNode() {
      return CodeBlock.of("$T.chars($L)", RegexField.class, Kinds.string(members));
    }

    @Override
    public int literalCount() {
      return 1;
    }

    @Override
    public CodeBlock column(FieldCode f, int firstDraw) {
      // Rng.between(h, 0, n - 1) + 1 is Spark's 1-based position.
      return CodeBlock.of(
          "$T.lit($L).substr($T.between($L, 1L, $LL).cast($S), $T.lit(1))",
          Kinds.SPARK_FUNCTIONS,
          Kinds.string(members),
          Kinds.RNG_COLUMNS,
          f.hashColumn(firstDraw),
          members.length(),
          "int",
          Kinds.SPARK_FUNCTIONS);
    }
  }

  record Sequence(List<Node> items) implements Node {
    Sequence {
      items = List.copyOf(items);
    }

    /** The items in order, adjacent literals merged; one item is itself, none the empty literal. */
    static Node of(List<Node> items) {
      List<Node> merged = new ArrayList<>();
      for (Node item : items) {
        int last = merged.size() - 1;
        if (item instanceof Literal next && last >= 0 && merged.get(last) instanceof Literal previous) {
          merged.set(last, new Literal(previous.text() + next.text()));
        } else {
          merged.add(item);
        }
      }
      return merged.isEmpty() ? new Literal("") : merged.size() == 1 ? merged.get(0) : new Sequence(merged);
    }

    @Override
    public long draws() {
      return items.stream().mapToLong(Node::draws).sum();
    }

    @Override
    public long pieces() {
      return items.stream().mapToLong(Node::pieces).sum();
    }

    @Override
    public CodeBlock newNode() {
      return call("sequence", items);
    }

    @Override
    public int literalCount() {
      return items.stream().mapToInt(Node::literalCount).sum();
    }

    @Override
    public CodeBlock column(FieldCode f, int firstDraw) {
      List<CodeBlock> columns = new ArrayList<>();
      int draw = firstDraw;
      for (Node item : items) {
        columns.add(item.column(f, draw));
        draw += (int) item.draws();
      }
      return concat(columns);
    }
  }

  /** One of the choices, equally likely: draw 0 picks, each choice's block follows in order. */
  record Alternatives(List<Node> choices) implements Node {
    Alternatives {
      choices = List.copyOf(choices);
    }

    @Override
    public long draws() {
      return 1 + choices.stream().mapToLong(Node::draws).sum();
    }

    @Override
    public long pieces() {
      return 1 + choices.stream().mapToLong(Node::pieces).sum();
    }

    @Override
    public CodeBlock newNode() {
      return call("alternatives", choices);
    }

    @Override
    public int literalCount() {
      return choices.stream().mapToInt(Node::literalCount).sum();
    }

    @Override
    public CodeBlock column(FieldCode f, int firstDraw) {
      CodeBlock pick = CodeBlock.of("$T.between($L, 0L, $LL)", Kinds.RNG_COLUMNS, f.hashColumn(firstDraw), choices.size() - 1);
      CodeBlock.Builder b = CodeBlock.builder();
      int draw = firstDraw + 1;
      for (int i = 0; i < choices.size(); i++) {
        CodeBlock choice = choices.get(i).column(f, draw);
        draw += (int) choices.get(i).draws();
        if (i == 0) {
          b.add("$T.when($L.equalTo($LL), $L)", Kinds.SPARK_FUNCTIONS, pick, i, choice);
        } else if (i < choices.size() - 1) {
          b.add(".when($L.equalTo($LL), $L)", pick, i, choice);
        } else {
          b.add(".otherwise($L)", choice);
        }
      }
      return b.build();
    }
  }

  /**
   * The item a uniform number of times in [min, max]: draw 0 is the count, then a block of the
   * item's draws per repetition up to max.
   */
  record Repeat(int min, int max, Node item) implements Node {
    @Override
    public long draws() {
      return 1 + max * item.draws();
    }

    @Override
    public long pieces() {
      return 1 + max * item.pieces();
    }

    @Override
    public CodeBlock newNode() {
      return CodeBlock.of("$T.repeat($L, $L, $L)", RegexField.class, min, max, item.newNode());
    }

    @Override
    public int literalCount() {
      return 2 + item.literalCount();
    }

    @Override
    public CodeBlock column(FieldCode f, int firstDraw) {
      CodeBlock count = CodeBlock.of("$T.between($L, $LL, $LL)", Kinds.RNG_COLUMNS, f.hashColumn(firstDraw), min, max);
      List<CodeBlock> columns = new ArrayList<>();
      for (int r = 0; r < max; r++) {
        CodeBlock once = item.column(f, firstDraw + 1 + r * (int) item.draws());
        columns.add(
            r < min
                ? once
                : CodeBlock.of("$T.when($L.gt($LL), $L).otherwise($T.lit(\"\"))", Kinds.SPARK_FUNCTIONS, count, r, once, Kinds.SPARK_FUNCTIONS));
      }
      return concat(columns);
    }
  }

  /** {@code RegexField.<method>(node, ...)}. */
  private static CodeBlock call(String method, List<Node> nodes) {
    CodeBlock.Builder b = CodeBlock.builder().add("$T.$L(", RegexField.class, method);
    for (int i = 0; i < nodes.size(); i++) {
      b.add(i == 0 ? "$L" : ", $L", nodes.get(i).newNode());
    }
    return b.add(")").build();
  }

  /** Spark {@code concat} of the columns (the empty string for none: concat() of nothing is not one). */
  private static CodeBlock concat(List<CodeBlock> columns) {
    if (columns.isEmpty()) {
      return CodeBlock.of("$T.lit(\"\")", Kinds.SPARK_FUNCTIONS);
    }
    CodeBlock.Builder b = CodeBlock.builder().add("$T.concat(", Kinds.SPARK_FUNCTIONS);
    for (int i = 0; i < columns.size(); i++) {
      b.add(i == 0 ? "$L" : ", $L", columns.get(i));
    }
    return b.add(")").build();
  }

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    if (scope.require(definition, "regex", "type regex needs regex: \"[A-Z]{3}-[0-9]{4}\"") == null) {
      return null;
    }
    String regex = scope.text(definition, "regex", null);
    Integer maxRepeat = scope.wholeNumber(definition, "max_repeat", 1, RegexParser.MAX_REPEAT, DEFAULT_MAX_REPEAT, "regex");
    if (regex == null || maxRepeat == null) {
      return null;
    }
    // The YAML node, not a program node.
    dev.streamgen.compiler.config.Node at = definition.get("regex").orElseThrow();
    if (regex.isEmpty()) {
      scope.error(at, "regex is empty");
      return null;
    }
    Node program;
    try {
      program = RegexParser.parse(regex, maxRepeat);
    } catch (RegexParser.RegexError e) {
      scope.error(at, "regex " + e.getMessage());
      return null;
    }
    if (program.pieces() > MAX_PIECES) {
      scope.error(
          at,
          "regex unrolls to " + program.pieces() + " pieces (the Spark column spells out every repetition); at most "
              + MAX_PIECES + " are supported: lower max_repeat or the {n,m} bounds");
      return null;
    }
    return new RegexKind(regex, maxRepeat, program);
  }

  @Override
  public String typeName() {
    return "regex";
  }

  @Override
  public String describe() {
    return "regex '" + regex + "' max_repeat " + maxRepeat;
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
    Map<String, Object> schema = Kinds.jsonType("string");
    // JSON Schema patterns match anywhere in the value; anchored, as the kind's values are.
    schema.put("pattern", "^(?:" + regex + ")$");
    return schema;
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("regex", regex);
    parameters.put("max_repeat", maxRepeat);
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return TypeName.get(String.class);
  }

  @Override
  public Class<RegexField> generatorClass() {
    return RegexField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(f, RegexField.class, program.newNode());
  }

  @Override
  public int literalCount() {
    return program.literalCount();
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return program.column(f, 0);
  }
}
