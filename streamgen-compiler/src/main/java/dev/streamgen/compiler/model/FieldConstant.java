package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import java.util.Objects;

/**
 * A per-type constant a field's generated code reads: its salt, range bounds, value tables. In a
 * kernel it is a {@code static final} member initialized with {@link #initializer}; in a shape class
 * it is a {@code private final} instance member the type's kernel passes to the shape's constructor,
 * so types that differ only in constants run the same compiled code.
 *
 * @param type the member's Java type
 * @param prefix the member's prefix ({@link FieldCode#member})
 * @param initializer its value, an expression the kernel evaluates once when its class loads; it may
 *     refer to the field's earlier constants
 */
public record FieldConstant(TypeName type, String prefix, CodeBlock initializer) {
  public FieldConstant {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(initializer, "initializer");
  }
}
