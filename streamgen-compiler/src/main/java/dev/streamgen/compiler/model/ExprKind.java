package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.validate.DidYouMean;
import dev.streamgen.runtime.kinds.DoubleField;
import dev.streamgen.runtime.kinds.ExprField;
import dev.streamgen.runtime.kinds.FieldGenerator;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: expr, expr: "price * quantity"}: a number computed from numeric fields ({@code int},
 * {@code long}, {@code float}, {@code double}, common ones included) of the same event, with {@code +
 * - * /}, unary minus, parentheses, numbers and {@code abs}, {@code min}, {@code max} ({@link
 * Expression}). Drawn and encoded by {@link ExprField}, which draws the operands again rather than
 * reading them: a value is a pure function of (seed, row), so no evaluation order is needed.
 *
 * <p>Rules (docs/config.md):
 *
 * <ul>
 *   <li>{@code result}: {@code int}, {@code long} or {@code double}. By default {@code long} when the
 *       expression is whole (int and long fields, whole numbers, no {@code /}) and has no {@code
 *       precision}, else {@code double}.
 *       A whole result needs a whole expression.
 *   <li>From the operands' ranges the compiler bounds every intermediate value: a whole one must fit
 *       a long (an int result: the value an int), a double one stay below 1e300 in magnitude, and a
 *       divisor's range must exclude 0. So no row overflows or divides by zero, in Java or Spark.
 *   <li>{@code precision} (double results): rounded as {@code double} fields round.
 *   <li>A nullable operand makes the value null when it is null; the field is then nullable (null
 *       ratio 0 unless it declares its own).
 *   <li>An expr cannot refer to itself, to another expr or to a field with {@code weights_by}.
 * </ul>
 *
 * <p>Parsed in two steps: the expression's syntax with the field ({@link #DEFINITION}), its references
 * once the event type's fields are known ({@link #resolve}), which fills {@code resolved}.
 *
 * @param resolved null until {@link #resolve}
 */
public record ExprKind(String text, Expression tree, String declaredResult, int precision, Resolved resolved)
    implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("expr", List.of("expr", "result", "precision"), ExprKind::parse);

  private static final List<String> RESULTS = List.of("int", "long", "double");
  /** Bound of a double intermediate: far from overflow even after the rounding of many operations. */
  private static final BigDecimal DOUBLE_LIMIT = new BigDecimal("1e300");
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  /** An operand: a field of the event and its position there. */
  public record Operand(Field field, int index) {}

  /**
   * The expression bound to its event type's fields.
   *
   * @param result int, long or double
   * @param min least value the bounds allow, max the largest
   */
  public record Resolved(String result, List<Operand> operands, BigDecimal min, BigDecimal max) {}

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    String text = scope.text(definition, "expr", null);
    Node node = scope.require(definition, "expr", "type expr needs expr: a formula over numeric fields, e.g. \"price * quantity\"");
    String result = scope.text(definition, "result", null);
    Node precisionNode = definition.get("precision").orElse(null);
    Integer precision = precisionNode == null
        ? Integer.valueOf(DoubleField.UNROUNDED)
        : scope.wholeNumber(definition, "precision", 0, DoubleField.MAX_PRECISION, null, "expr");
    if (text == null || node == null || precision == null) {
      return null;
    }
    if (result != null && !RESULTS.contains(result)) {
      scope.error(definition.get("result").get(), "result must be one of int, long, double, got '" + result + "'");
      return null;
    }
    if (precisionNode != null && result != null && !result.equals("double")) {
      scope.error(precisionNode, "precision applies to result double, not " + result);
      return null;
    }
    try {
      return new ExprKind(text, Expression.parse(text), result, precision, null);
    } catch (Expression.SyntaxError e) {
      scope.error(node, located(text, e.position, e.getMessage()));
      return null;
    }
  }

  private static String quoted(String text) {
    return "'" + text + "'";
  }

  /** {@code expr '<text>' at character <n>: <message>}, n from 1. */
  private static String located(String text, int position, String message) {
    return "expr " + quoted(text) + " at character " + (position + 1) + ": " + message;
  }

  @Override
  public boolean refersToFields() {
    return true;
  }

  /**
   * Binds the references to {@code fields} (the event type's, this one included), types and bounds
   * the expression; null after reporting problems at the {@code expr} or {@code result} key.
   */
  @Override
  public Field resolve(Field self, List<Field> fields, MapNode definition, FieldScope scope) {
    Node at = definition.get("expr").orElseThrow();
    Binder binder = new Binder(text, self, fields, scope, at);
    Bounds bounds = binder.bounds(tree);
    if (bounds == null) {
      return null;
    }
    // A precision asks for decimals: a double, even of a whole formula.
    String result = declaredResult != null ? declaredResult : bounds.whole && precision == DoubleField.UNROUNDED ? "long" : "double";
    if (!result.equals("double") && !bounds.whole) {
      scope.error(
          definition.get("result").orElse(at),
          "result " + result + " needs a whole expression (int and long fields, whole numbers, no '/'); use result: double");
      return null;
    }
    if (result.equals("int")
        && (bounds.min.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0 || bounds.max.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)) {
      scope.error(
          definition.get("result").orElse(at),
          "result int: values may reach [" + bounds.min.toPlainString() + ", " + bounds.max.toPlainString()
              + "], outside a 32-bit int; use result: long");
      return null;
    }
    if (precision != DoubleField.UNROUNDED) {
      BigDecimal largest = bounds.min.abs().max(bounds.max.abs());
      int digitsLeft = DoubleField.MAX_PRECISION - precision;
      if (largest.compareTo(BigDecimal.ONE.scaleByPowerOfTen(digitsLeft)) >= 0) {
        scope.error(
            definition.get("precision").orElseThrow(),
            "precision " + precision + " needs every value below 1e" + digitsLeft + " in magnitude; values may reach "
                + FieldScope.format(largest.doubleValue()));
        return null;
      }
    }
    boolean nullable = binder.operands.stream().anyMatch(o -> o.field().nulls().isPresent());
    ExprKind kind = new ExprKind(text, tree, declaredResult, precision, new Resolved(result, List.copyOf(binder.operands), bounds.min, bounds.max));
    Field.Builder b = self.toBuilder(kind);
    if (nullable && self.nulls().isEmpty()) {
      b.nulls(Optional.of(new Nulls(0)));
    }
    return b.build();
  }

  /** Exact bounds of a subexpression, and whether it is whole. */
  private record Bounds(BigDecimal min, BigDecimal max, boolean whole) {}

  /** Binds references to operands and bounds every node, reporting problems at the expr key. */
  private static final class Binder {
    private final String text;
    private final Field self;
    private final List<Field> fields;
    private final FieldScope scope;
    private final Node at;
    private final List<Operand> operands = new ArrayList<>();

    Binder(String text, Field self, List<Field> fields, FieldScope scope, Node at) {
      this.text = text;
      this.self = self;
      this.fields = fields;
      this.scope = scope;
      this.at = at;
    }

    private Bounds fail(Expression e, String message) {
      scope.error(at, located(text, e.position(), message));
      return null;
    }

    /** The bounds of {@code e}, or null after reporting the first problem. */
    Bounds bounds(Expression e) {
      if (e instanceof Expression.Literal l) {
        return checked(l, new Bounds(l.value(), l.value(), l.whole()));
      }
      if (e instanceof Expression.Reference r) {
        return reference(r);
      }
      if (e instanceof Expression.Unary u) {
        Bounds b = bounds(u.operand());
        if (b == null) {
          return null;
        }
        if (u.op() == ExprField.NEG) {
          return checked(u, new Bounds(b.max.negate(), b.min.negate(), b.whole));
        }
        BigDecimal low = b.min.signum() >= 0 ? b.min : b.max.signum() <= 0 ? b.max.negate() : BigDecimal.ZERO;
        return checked(u, new Bounds(low, b.min.abs().max(b.max.abs()), b.whole));
      }
      return binary((Expression.Binary) e);
    }

    private Bounds binary(Expression.Binary op) {
      Bounds l = bounds(op.left());
      Bounds r = l == null ? null : bounds(op.right());
      if (r == null) {
        return null;
      }
      boolean whole = l.whole && r.whole && op.op() != ExprField.DIV;
      return switch (op.op()) {
        case ExprField.ADD -> checked(op, new Bounds(l.min.add(r.min), l.max.add(r.max), whole));
        case ExprField.SUB -> checked(op, new Bounds(l.min.subtract(r.max), l.max.subtract(r.min), whole));
        case ExprField.MUL -> corners(op, l, r, whole, BigDecimal::multiply);
        case ExprField.MIN -> checked(op, new Bounds(l.min.min(r.min), l.max.min(r.max), whole));
        case ExprField.MAX -> checked(op, new Bounds(l.min.max(r.min), l.max.max(r.max), whole));
        default -> {
          if (r.min.signum() <= 0 && r.max.signum() >= 0) {
            yield fail(
                op,
                "the divisor may be 0 (it ranges over [" + r.min.toPlainString() + ", " + r.max.toPlainString()
                    + "]); division by zero is not allowed: divide by something whose range excludes 0");
          }
          yield corners(op, l, r, false, (a, b) -> a.divide(b, MathContext.DECIMAL64));
        }
      };
    }

    private Bounds corners(Expression op, Bounds l, Bounds r, boolean whole, java.util.function.BinaryOperator<BigDecimal> f) {
      List<BigDecimal> c = List.of(f.apply(l.min, r.min), f.apply(l.min, r.max), f.apply(l.max, r.min), f.apply(l.max, r.max));
      return checked(op, new Bounds(c.stream().reduce(BigDecimal::min).get(), c.stream().reduce(BigDecimal::max).get(), whole));
    }

    /** The bounds, or null after reporting that they leave a long (whole) or overflow a double. */
    private Bounds checked(Expression e, Bounds b) {
      if (b.whole && (b.min.compareTo(LONG_MIN) < 0 || b.max.compareTo(LONG_MAX) > 0)) {
        return fail(e, "values may reach [" + b.min.toPlainString() + ", " + b.max.toPlainString() + "], beyond a 64-bit long");
      }
      if (!b.whole && (b.min.abs().compareTo(DOUBLE_LIMIT) > 0 || b.max.abs().compareTo(DOUBLE_LIMIT) > 0)) {
        return fail(e, "values may exceed 1e300 in magnitude, near a double's overflow");
      }
      return b;
    }

    private Bounds reference(Expression.Reference r) {
      Field field = fields.stream().filter(f -> f.name().equals(r.name())).findFirst().orElse(null);
      if (field == null) {
        List<String> names = fields.stream().filter(f -> f != self).map(Field::name).toList();
        return fail(
            r,
            "unknown field '" + r.name() + "'"
                + DidYouMean.suggest(r.name(), names).map(s -> "; did you mean '" + s + "'?").orElse(""));
      }
      if (field.name().equals(self.name())) {
        return fail(r, "field '" + r.name() + "' refers to itself");
      }
      if (field.kind().refersToFields()) {
        return fail(r, "field '" + r.name() + "' is computed from other fields (" + field.kind().typeName()
            + "); an expr may only refer to drawn fields");
      }
      if (field.kind() instanceof RefKind || field.kind() instanceof UniqueKind) {
        return fail(r, "field '" + r.name() + "' is " + field.kind().describe() + "; an expr may only refer to fields drawn in its event, "
            + "not to references or unique fields yet");
      }
      Bounds b;
      if (field.kind() instanceof IntKind k) {
        b = new Bounds(BigDecimal.valueOf(k.min()), BigDecimal.valueOf(k.max()), true);
      } else if (field.kind() instanceof LongKind k) {
        b = new Bounds(BigDecimal.valueOf(k.min()), BigDecimal.valueOf(k.max()), true);
      } else if (field.kind() instanceof FloatKind k) {
        b = new Bounds(new BigDecimal(k.min()), new BigDecimal(k.max()), false);
      } else if (field.kind() instanceof DoubleKind k) {
        // A rounded value may pass a bound by half a unit of its last decimal.
        BigDecimal slack = k.precision() == DoubleField.UNROUNDED ? BigDecimal.ZERO : new BigDecimal("0.5").scaleByPowerOfTen(-k.precision());
        b = new Bounds(new BigDecimal(k.min()).subtract(slack), new BigDecimal(k.max()).add(slack), false);
      } else {
        return fail(r, "field '" + r.name() + "' is " + field.kind().describe() + ", not a number (int, long, float or double)");
      }
      if (operands.stream().noneMatch(o -> o.field().name().equals(field.name()))) {
        operands.add(new Operand(field, fields.indexOf(field)));
      }
      return b;
    }
  }

  /** The resolution, which every use after validation needs. */
  private Resolved bound() {
    if (resolved == null) {
      throw new IllegalStateException("expr " + text + " was not resolved");
    }
    return resolved;
  }

  private String result() {
    return bound().result();
  }

  private boolean negative() {
    return bound().min().signum() < 0;
  }

  @Override
  public String typeName() {
    return "expr";
  }

  @Override
  public String describe() {
    return "expr " + quoted(text) + (resolved == null ? "" : " -> " + result())
        + (precision == DoubleField.UNROUNDED ? "" : " precision " + precision);
  }

  @Override
  public Object avroType(String namedType) {
    return result();
  }

  @Override
  public String protoType(String identifier) {
    return switch (result()) {
      case "int" -> negative() ? "sint32" : "int32";
      case "long" -> negative() ? "sint64" : "int64";
      default -> "double";
    };
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return result().equals("double")
        ? Kinds.jsonType("number")
        : Kinds.jsonRange("integer", bound().min().longValueExact(), bound().max().longValueExact());
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("expr", text);
    parameters.put("result", result());
    if (precision != DoubleField.UNROUNDED) {
      parameters.put("precision", precision);
    }
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return switch (result()) {
      case "int" -> TypeName.INT;
      case "long" -> TypeName.LONG;
      default -> TypeName.DOUBLE;
    };
  }

  @Override
  public Class<? extends FieldGenerator> generatorClass() {
    return switch (result()) {
      case "int" -> ExprField.IntResult.class;
      case "long" -> ExprField.LongResult.class;
      default -> ExprField.DoubleResult.class;
    };
  }

  // ---- code ----

  /** The postfix program and its literals ({@link ExprField}'s layout). */
  private record Program(List<Long> instructions, List<Long> literals) {}

  private Program program() {
    Program p = new Program(new ArrayList<>(), new ArrayList<>());
    emit(tree, p);
    return p;
  }

  private void emit(Expression e, Program p) {
    if (e instanceof Expression.Literal l) {
      p.literals().add(result().equals("double") ? Double.doubleToRawLongBits(l.value().doubleValue()) : l.value().longValueExact());
      p.instructions().add(instruction(ExprField.CONST, p.literals().size() - 1, 0));
    } else if (e instanceof Expression.Reference r) {
      p.instructions().add(instruction(ExprField.LOAD, operandIndex(r.name()), 0));
    } else if (e instanceof Expression.Unary u) {
      emit(u.operand(), p);
      p.instructions().add(instruction(u.op(), 0, 0));
    } else {
      Expression.Binary b = (Expression.Binary) e;
      emit(b.left(), p);
      int leftEnd = p.instructions().size() - 1;
      emit(b.right(), p);
      p.instructions().add(instruction(b.op(), 0, leftEnd));
    }
  }

  private static long instruction(int op, int argument, int leftEnd) {
    return op | ((long) argument << 8) | ((long) leftEnd << 32);
  }

  private int operandIndex(String name) {
    List<Operand> operands = bound().operands();
    for (int i = 0; i < operands.size(); i++) {
      if (operands.get(i).field().name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("no operand " + name);
  }

  private static CodeBlock longs(List<Long> values) {
    CodeBlock.Builder b = CodeBlock.builder().add("new long[] {");
    for (int i = 0; i < values.size(); i++) {
      b.add(i == 0 ? "0x$LL" : ", 0x$LL", Long.toHexString(values.get(i)));
    }
    return b.add("}").build();
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    Program p = program();
    CodeBlock.Builder operands = CodeBlock.builder().add("new $T[] {", FieldGenerator.class);
    List<Operand> list = bound().operands();
    for (int i = 0; i < list.size(); i++) {
      Operand o = list.get(i);
      operands.add(i == 0 ? "$L" : ", $L", o.field().newGenerator(FieldCode.of(o.field(), o.index())));
    }
    CodeBlock last = result().equals("double")
        ? (precision == DoubleField.UNROUNDED ? CodeBlock.of("$T.UNROUNDED", DoubleField.class) : CodeBlock.of("$L", precision))
        : CodeBlock.of("$L", negative());
    return Kinds.newUnsalted(f, generatorClass(), longs(p.instructions()), longs(p.literals()), operands.add("}").build(), last);
  }

  @Override
  public int literalCount() {
    Program p = program();
    return p.instructions().size() + p.literals().size() + 1
        + bound().operands().stream().mapToInt(o -> o.field().literalCount() + 2).sum();
  }

  @Override
  public CodeBlock column(FieldCode f) {
    boolean real = result().equals("double");
    CodeBlock value = column(tree, real);
    if (real) {
      value = precision == DoubleField.UNROUNDED ? value : Kinds.rounded(value, precision);
    } else if (result().equals("int")) {
      value = CodeBlock.of("$L.cast($S)", value, "int");
    }
    // Spark's least and greatest skip nulls: the value is null as soon as an operand is, explicitly.
    CodeBlock anyNull = null;
    for (Operand o : bound().operands()) {
      if (o.field().nulls().isPresent()) {
        CodeBlock isNull = CodeBlock.of("$L.isNull()", operandColumn(o));
        anyNull = anyNull == null ? isNull : CodeBlock.of("$L.or($L)", anyNull, isNull);
      }
    }
    return anyNull == null
        ? value
        : CodeBlock.of("$T.when($L, $T.lit(null)).otherwise($L)", Kinds.SPARK_FUNCTIONS, anyNull, Kinds.SPARK_FUNCTIONS, value);
  }

  private CodeBlock operandColumn(Operand o) {
    return o.field().column(FieldCode.of(o.field(), o.index()));
  }

  /** The Spark column of a subexpression, in longs or doubles as {@link ExprField} computes it. */
  private CodeBlock column(Expression e, boolean real) {
    if (e instanceof Expression.Literal l) {
      return real
          ? CodeBlock.of("$T.lit($L)", Kinds.SPARK_FUNCTIONS, Kinds.literal(l.value().doubleValue()))
          : CodeBlock.of("$T.lit($LL)", Kinds.SPARK_FUNCTIONS, l.value().longValueExact());
    }
    if (e instanceof Expression.Reference r) {
      Operand o = bound().operands().get(operandIndex(r.name()));
      return CodeBlock.of("$L.cast($S)", operandColumn(o), real ? "double" : "long");
    }
    if (e instanceof Expression.Unary u) {
      return CodeBlock.of("$T.$L($L)", Kinds.SPARK_FUNCTIONS, u.op() == ExprField.NEG ? "negate" : "abs", column(u.operand(), real));
    }
    Expression.Binary b = (Expression.Binary) e;
    CodeBlock left = column(b.left(), real);
    CodeBlock right = column(b.right(), real);
    return switch (b.op()) {
      case ExprField.ADD -> CodeBlock.of("$L.plus($L)", left, right);
      case ExprField.SUB -> CodeBlock.of("$L.minus($L)", left, right);
      case ExprField.MUL -> CodeBlock.of("$L.multiply($L)", left, right);
      case ExprField.DIV -> CodeBlock.of("$L.divide($L)", left, right);
      case ExprField.MIN -> CodeBlock.of("$T.least($L, $L)", Kinds.SPARK_FUNCTIONS, left, right);
      default -> CodeBlock.of("$T.greatest($L, $L)", Kinds.SPARK_FUNCTIONS, left, right);
    };
  }
}
