package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import dev.streamgen.runtime.api.Rng;
import java.util.Locale;
import java.util.Objects;

/**
 * The names one field gets in generated code: what a {@link FieldKind} needs to emit its members and
 * expressions. The same kind code is emitted in two places, so a field has two spellings:
 *
 * <ul>
 *   <li>{@linkplain #inKernel in its type's nested {@code Kernel}}: static members named {@code
 *       PREFIX_identifier} (prefixes are single words, so two fields' members never clash), referred
 *       to as {@code Kernel.PREFIX_identifier}. The event class ({@code generate}, {@code writeJson(out)})
 *       and the Spark columns use these.
 *   <li>{@linkplain #inShape in a shape class} shared by every type of the same field kinds: instance
 *       members named by position ({@code salt0}, {@code value2}), since the types sharing the code name
 *       their fields differently, referred to as {@code this.salt0}. The kernels' hot path runs here.
 * </ul>
 *
 * <p>Generated methods see {@code seed}, {@code row}, {@code eventTimeMicros} and {@code out}.
 */
public final class FieldCode {
  private final Field field;
  private final int index;
  /** The owning kernel class; null in a shape, where members are the instance's own. */
  private final ClassName kernel;

  private FieldCode(Field field, int index, ClassName kernel) {
    this.field = Objects.requireNonNull(field, "field");
    this.index = index;
    this.kernel = kernel;
  }

  /** Field {@code index} of a type, with static members in {@code kernel}. */
  public static FieldCode inKernel(Field field, int index, ClassName kernel) {
    return new FieldCode(field, index, Objects.requireNonNull(kernel, "kernel"));
  }

  /** Field {@code index} of a shape class: instance members, constants set by each type's kernel. */
  public static FieldCode inShape(Field field, int index) {
    return new FieldCode(field, index, null);
  }

  public Field field() {
    return field;
  }

  public int index() {
    return index;
  }

  /** Whether members are instance members of a shape class rather than statics of a kernel. */
  public boolean inShape() {
    return kernel == null;
  }

  /** The kernel class holding the static members; only for {@link #inKernel} fields. */
  public ClassName kernel() {
    if (kernel == null) {
      throw new IllegalStateException("field " + index + " of a shape has no kernel class");
    }
    return kernel;
  }

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

  /**
   * A member name of this field: {@code SALT_user_id} in a kernel, {@code salt0} in a shape (prefixes
   * differ in more than case, so lower-casing keeps them apart).
   */
  public String member(String prefix) {
    return kernel == null ? prefix.toLowerCase(Locale.ROOT) + index : prefix + "_" + field.identifier();
  }

  /** A reference to a member field: {@code Kernel.SALT_user_id} or {@code this.salt0}. */
  public CodeBlock ref(String prefix) {
    return kernel == null
        ? CodeBlock.of("this.$N", member(prefix))
        : CodeBlock.of("$T.$N", kernel, member(prefix));
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
        ? CodeBlock.of("$T.hash(row, $T.stream(seed, $L))", rng, rng, ref("SALT"))
        : CodeBlock.of("$T.hash(row, $T.stream(seed, $L + $L))", rng, rng, ref("SALT"), saltOffset);
  }

  /**
   * A call of a member method taking (seed, row): {@code Kernel.value_x(seed, row)} in a kernel,
   * {@code value0(seed, row)} in a shape.
   */
  public CodeBlock call(String prefix) {
    return kernel == null
        ? CodeBlock.of("$N(seed, row)", member(prefix))
        : CodeBlock.of("$T.$N(seed, row)", kernel, member(prefix));
  }
}
