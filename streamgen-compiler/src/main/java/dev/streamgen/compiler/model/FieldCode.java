package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import dev.streamgen.runtime.api.Rng;
import java.util.Objects;

/**
 * What a {@link FieldKind} needs to emit code for one field: its name, position and salt, and an
 * expression for its run-time generator where the code being emitted has one: in an event class the
 * static {@code Kernel.FIELD_<identifier>} (one word of prefix, and {@code Kernel} holds no user
 * identifiers, so two fields' members never clash), in Spark column code a cast of {@code
 * kernel.field(i)}.
 */
public final class FieldCode {
  private final Field field;
  private final int index;
  private final CodeBlock generator;

  private FieldCode(Field field, int index, CodeBlock generator) {
    this.field = Objects.requireNonNull(field, "field");
    this.index = index;
    this.generator = generator;
  }

  /** Field {@code index} of a type, for code that needs no reference to its generator. */
  public static FieldCode of(Field field, int index) {
    return new FieldCode(field, index, null);
  }

  /** Field {@code index} of a type whose generator {@code generator} refers to. */
  public static FieldCode of(Field field, int index, CodeBlock generator) {
    return new FieldCode(field, index, Objects.requireNonNull(generator, "generator"));
  }

  /** {@code Kernel.FIELD_<identifier>}: the event class's static holding field {@code field}'s generator. */
  public static CodeBlock eventClassGenerator(ClassName kernel, Field field) {
    return CodeBlock.of("$T.$N", kernel, generatorName(field));
  }

  /**
   * The name of the event class's static holding the field's generator: {@code FIELD_user_id}, a
   * nested field's {@code FIELD_address$city}.
   */
  public static String generatorName(Field field) {
    return "FIELD_" + field.codePath();
  }

  /**
   * Expression: the generator of {@code field} typed as its kind's class, from an expression of
   * the generator holding it ({@code kernel.field(i)}, a struct's {@code field(j)}), unwrapping a
   * nullable field's {@link dev.streamgen.runtime.kinds.NullableField}.
   */
  public static CodeBlock unwrapped(Field field, CodeBlock held) {
    return field.nulls().isPresent()
        ? CodeBlock.of("(($T) (($T) $L).field())", field.kind().generatorClass(), dev.streamgen.runtime.kinds.NullableField.class, held)
        : CodeBlock.of("(($T) $L)", field.kind().generatorClass(), held);
  }

  public Field field() {
    return field;
  }

  public int index() {
    return index;
  }

  public String name() {
    return field.name();
  }

  public String identifier() {
    return field.identifier();
  }

  /** The salt of the field's random stream: FNV-1a 64 of the field's path (an event's field: its name). */
  public long salt() {
    return Identifiers.fnv1a64(field.path());
  }

  /** The salt as a Java literal, {@code 0x80c229a4571e9bfaL}. */
  public CodeBlock saltLiteral() {
    return CodeBlock.of("0x$LL", Long.toHexString(salt()));
  }

  /** An expression for the field's generator (typed as its kind's generator class). */
  public CodeBlock generator() {
    if (generator == null) {
      throw new IllegalStateException("field " + field.name() + ": no generator reference here");
    }
    return generator;
  }

  /**
   * Spark column: {@code RngColumns.hash(row, Rng.stream(seed, <salt> [+ offset]))}, the column twin
   * of the generator's hash of a row.
   */
  public CodeBlock hashColumn(int saltOffset) {
    ClassName rng = ClassName.get(Rng.class);
    return saltOffset == 0
        ? CodeBlock.of("$T.hash(row, $T.stream(seed, $L))", Kinds.RNG_COLUMNS, rng, saltLiteral())
        : CodeBlock.of("$T.hash(row, $T.stream(seed, $L + $L))", Kinds.RNG_COLUMNS, rng, saltLiteral(), saltOffset);
  }
}
