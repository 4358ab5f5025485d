package dev.streamgen.compiler.codegen;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.model.FieldCode;
import dev.streamgen.compiler.model.FieldConstant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-type constants of a type's fields (each field's JSON key, then its kind's {@link
 * FieldConstant}s, in field order) as a shape constructor takes them: one array per Java type, e.g.
 * {@code long[] longs} holding every salt and int bound. Arrays rather than one parameter per
 * constant because a type may have 500 fields and a JVM method at most 255 parameter slots.
 *
 * <p>Computed the same way for a kernel (which passes its static constants) and for its shape (which
 * unpacks them into final fields), so the two agree on every position.
 */
final class ConstantArrays {
  /** One constant: its field, what the kind declared, and where it travels. */
  record Slot(FieldCode field, FieldConstant constant, int array, int position) {}

  private final List<TypeName> elementTypes;
  private final List<Slot> slots;

  private ConstantArrays(List<TypeName> elementTypes, List<Slot> slots) {
    this.elementTypes = List.copyOf(elementTypes);
    this.slots = List.copyOf(slots);
  }

  static ConstantArrays of(List<FieldCode> fields) {
    Map<TypeName, Integer> arrays = new LinkedHashMap<>();
    List<Integer> sizes = new ArrayList<>();
    List<Slot> slots = new ArrayList<>();
    for (FieldCode f : fields) {
      List<FieldConstant> constants = new ArrayList<>();
      constants.add(PayloadCode.key(f));
      constants.addAll(f.field().kind().constants(f));
      for (FieldConstant c : constants) {
        int array = arrays.computeIfAbsent(c.type(), t -> arrays.size());
        if (array == sizes.size()) {
          sizes.add(0);
        }
        slots.add(new Slot(f, c, array, sizes.get(array)));
        sizes.set(array, sizes.get(array) + 1);
      }
    }
    return new ConstantArrays(new ArrayList<>(arrays.keySet()), slots);
  }

  /** Every constant, in field order. */
  List<Slot> slots() {
    return slots;
  }

  int arrayCount() {
    return elementTypes.size();
  }

  /** The constructor parameter's type: an array of the constants' type. */
  TypeName parameterType(int array) {
    return ArrayTypeName.of(elementTypes.get(array));
  }

  /** The constructor parameter's name after its element type: {@code longs}, {@code byteArrays}. */
  String parameterName(int array) {
    TypeName t = elementTypes.get(array);
    StringBuilder dims = new StringBuilder();
    while (t instanceof ArrayTypeName a) {
      dims.append("Array");
      t = a.componentType;
    }
    String base = t instanceof ClassName c ? c.simpleName() : t.toString();
    return base.substring(0, 1).toLowerCase(Locale.ROOT) + base.substring(1) + dims + "s";
  }

  /** The kernel's argument for an array: {@code new long[] {SALT_user_id, MIN_user_id, ...}}. */
  CodeBlock argument(int array) {
    CodeBlock.Builder b = CodeBlock.builder().add("new $T {", parameterType(array));
    boolean first = true;
    for (Slot s : slots) {
      if (s.array() == array) {
        b.add(first ? "$N" : ", $N", s.field().member(s.constant().prefix()));
        first = false;
      }
    }
    return b.add("}").build();
  }
}
