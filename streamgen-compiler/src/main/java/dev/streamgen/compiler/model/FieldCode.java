package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import dev.streamgen.runtime.api.Rng;
import java.util.Objects;

/**
 * What a {@link FieldKind} needs to emit code for one field: its name, position and salt, and where
 * the generated code keeps its run-time generator. Each event type's class holds, in its nested
 * {@code Kernel} class, one static {@code FIELD_<identifier>} per field (a {@code FieldGenerator}
 * taken from the type's kernel); the event class and its Spark columns refer to it. The prefix is one
 * word and {@code Kernel} holds no user identifiers, so two fields' members never clash.
 */
public final class FieldCode {
  private final Field field;
  private final int index;
  private final ClassName kernel;

  private FieldCode(Field field, int index, ClassName kernel) {
    this.field = Objects.requireNonNull(field, "field");
    this.index = index;
    this.kernel = Objects.requireNonNull(kernel, "kernel");
  }

  /** Field {@code index} of a type whose generators are statics of {@code kernel}. */
  public static FieldCode of(Field field, int index, ClassName kernel) {
    return new FieldCode(field, index, kernel);
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

  /** The salt of the field's random stream: FNV-1a 64 of the field name. */
  public long salt() {
    return Identifiers.fnv1a64(field.name());
  }

  /** The salt as a Java literal, {@code 0x80c229a4571e9bfaL}. */
  public CodeBlock saltLiteral() {
    return CodeBlock.of("0x$LL", Long.toHexString(salt()));
  }

  /** The name of the static holding the field's generator: {@code FIELD_user_id}. */
  public String generatorName() {
    return "FIELD_" + field.identifier();
  }

  /** A reference to the field's generator: {@code UserPurchase.Kernel.FIELD_user_id}. */
  public CodeBlock generator() {
    return CodeBlock.of("$T.$N", kernel, generatorName());
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
