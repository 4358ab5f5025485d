package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.kinds.FieldGenerator;
import dev.streamgen.runtime.kinds.UniqueNumberField;
import dev.streamgen.runtime.kinds.UuidField;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code unique: true} on an {@code int}, {@code long} or {@code uuid} field: distinct rows (or pool
 * members) get distinct values, drawn through a keyed permutation ({@link UniqueNumberField}, a unique
 * {@link UuidField}). An int or long range holds max - min + 1 values, so uniqueness holds for that
 * many rows (a pool's count is checked here; a run's rows are the user's to size, docs/config.md). A
 * {@code sequence} is unique already and keeps its kind. Schemas and Java types are the base kind's.
 */
public record UniqueKind(FieldKind base) implements FieldKind {
  public static final String KEY = "unique";
  /** The kinds {@code unique} applies to. */
  public static final List<String> KINDS = List.of("int", "long", "uuid", "sequence");

  /**
   * The kind of a field with {@code unique}: {@code base} itself when the key is absent, false, or
   * the kind is unique already; empty after reporting a problem.
   */
  @SuppressWarnings("OptionalAssignedToNull") // null is "reported", as every parser here returns
  public static Optional<FieldKind> apply(FieldKind base, MapNode definition, FieldScope scope) {
    Node node = definition.get(KEY).orElse(null);
    if (node == null) {
      return Optional.of(base);
    }
    if (!(node instanceof ScalarNode s) || !(s.text().equals("true") || s.text().equals("false"))) {
      scope.error(node, "unique must be true or false, got " + FieldScope.shape(node));
      return Optional.empty();
    }
    if (s.text().equals("false") || base instanceof SequenceKind) {
      return Optional.of(base);
    }
    if (!(base instanceof IntKind || base instanceof LongKind || base instanceof UuidKind)) {
      scope.error(node, "unique applies to " + String.join(", ", KINDS) + ", not " + base.typeName());
      return Optional.empty();
    }
    if ((base instanceof IntKind i && i.distribution() != null) || (base instanceof LongKind l && l.distribution() != null)) {
      scope.error(node, "unique values are a permutation of the range; a distribution cannot also skew them: remove one");
      return Optional.empty();
    }
    if (base instanceof LongKind l && size(l.min(), l.max()).bitLength() > 63) {
      scope.error(node, "a unique long range holds at most 2^63 - 1 values; [" + l.min() + ", " + l.max() + "] holds more");
      return Optional.empty();
    }
    return Optional.of(new UniqueKind(base));
  }

  private static BigInteger size(long min, long max) {
    return BigInteger.valueOf(max).subtract(BigInteger.valueOf(min)).add(BigInteger.ONE);
  }

  /** How many distinct values the kind has (a uuid's: 2^62 by its permutation). */
  public BigInteger capacity() {
    if (base instanceof IntKind i) {
      return size(i.min(), i.max());
    }
    if (base instanceof LongKind l) {
      return size(l.min(), l.max());
    }
    return BigInteger.ONE.shiftLeft(62);
  }

  /** Whether a field of {@code kind} never repeats a value across rows: what a type reference's target must be. */
  public static boolean isUnique(FieldKind kind) {
    return kind instanceof UniqueKind || kind instanceof UuidKind || kind instanceof SequenceKind;
  }

  @Override
  public String typeName() {
    return base.typeName();
  }

  @Override
  public String describe() {
    return base.describe() + " unique";
  }

  @Override
  public Object avroType(String namedType) {
    return base.avroType(namedType);
  }

  @Override
  public String protoType(String identifier) {
    return base.protoType(identifier);
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return base.jsonSchema();
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>(base.manifestParameters());
    parameters.put(KEY, true);
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return base.javaType();
  }

  @Override
  public Class<? extends FieldGenerator> generatorClass() {
    return base instanceof UuidKind ? UuidField.class : UniqueNumberField.class;
  }

  @Override
  public String valueMethod() {
    return base instanceof IntKind ? "intValue" : "value";
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    if (base instanceof UuidKind) {
      return Kinds.newSalted(f, UuidField.class, CodeBlock.of("true"));
    }
    boolean wide = base instanceof LongKind;
    long min = wide ? ((LongKind) base).min() : ((IntKind) base).min();
    long max = wide ? ((LongKind) base).max() : ((IntKind) base).max();
    return Kinds.newSalted(f, UniqueNumberField.class, Kinds.longLiteral(min), Kinds.longLiteral(max - min + 1), CodeBlock.of("$L", wide));
  }

  @Override
  public int literalCount() {
    return 3;
  }

  @Override
  public CodeBlock column(FieldCode f) {
    if (base instanceof UuidKind) {
      return CodeBlock.of("$T.uniqueUuid(row, seed, $L)", Kinds.RNG_COLUMNS, f.saltLiteral());
    }
    boolean wide = base instanceof LongKind;
    long min = wide ? ((LongKind) base).min() : ((IntKind) base).min();
    long max = wide ? ((LongKind) base).max() : ((IntKind) base).max();
    return CodeBlock.of(
        "$T.uniqueNumber(row, seed, $L, $LL, $LL).cast($S)", Kinds.RNG_COLUMNS, f.saltLiteral(), min, max - min + 1, wide ? "long" : "int");
  }
}
