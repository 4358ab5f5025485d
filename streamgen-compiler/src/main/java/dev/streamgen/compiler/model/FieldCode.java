package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import dev.streamgen.runtime.api.Rng;

/**
 * The names one field gets in the generated code of its event type: what a {@link FieldKind} needs to
 * emit its members and expressions. Members live in the type's nested {@code Kernel} class and are
 * named {@code PREFIX_identifier}; prefixes are single words, so two fields' members never clash.
 *
 * <p>Generated methods see {@code seed}, {@code row}, {@code eventTimeMicros} and {@code out}.
 */
public record FieldCode(Field field, int index, ClassName kernel) {

  public String name() {
    return field.name();
  }

  public String identifier() {
    return field.identifier();
  }

  /** 1-based Protobuf field number: declared order. */
  public int protoNumber() {
    return index + 1;
  }

  /** The Protobuf key {@code (number << 3) | wireType} as a literal. */
  public int protoTag(int wireType) {
    return (protoNumber() << 3) | wireType;
  }

  /** A member name of this field in the kernel class, e.g. {@code SALT_user_id}. */
  public String member(String prefix) {
    return prefix + "_" + field.identifier();
  }

  /** The salt constant's name ({@code SALT_user_id}); its value is FNV-1a 64 of the field name. */
  public String saltName() {
    return member("SALT");
  }

  public long salt() {
    return Identifiers.fnv1a64(field.name());
  }

  /** {@code Rng.hash(row, Rng.stream(seed, Kernel.SALT_x + offset))}: the field's hash of this row. */
  public CodeBlock hash(int saltOffset) {
    ClassName rng = ClassName.get(Rng.class);
    return saltOffset == 0
        ? CodeBlock.of("$T.hash(row, $T.stream(seed, $T.$N))", rng, rng, kernel, saltName())
        : CodeBlock.of(
            "$T.hash(row, $T.stream(seed, $T.$N + $L))", rng, rng, kernel, saltName(), saltOffset);
  }

  /** A call of a kernel member method taking (seed, row): {@code Kernel.value_x(seed, row)}. */
  public CodeBlock call(String prefix) {
    return CodeBlock.of("$T.$N(seed, row)", kernel, member(prefix));
  }
}
