package dev.streamgen.compiler.model;

import java.util.List;
import java.util.Optional;

/** The field types streamgen knows, in the order docs and messages list them. */
public final class FieldKinds {
  public static final List<KindDefinition> ALL =
      List.of(
          UuidKind.DEFINITION,
          IntKind.DEFINITION,
          FloatKind.DEFINITION,
          StringKind.DEFINITION,
          TimestampKind.DEFINITION,
          SequenceKind.DEFINITION,
          TemplateKind.DEFINITION,
          LongKind.DEFINITION,
          DoubleKind.DEFINITION,
          BooleanKind.DEFINITION,
          DateKind.DEFINITION,

          DecimalKind.DEFINITION,
          BytesKind.DEFINITION,
          EnumKind.DEFINITION,
          StructKind.DEFINITION,
          ArrayKind.DEFINITION,
          RegexKind.DEFINITION,
          FakerKind.DEFINITION,
          ExprKind.DEFINITION,

          MapKind.DEFINITION,
          RefKind.DEFINITION);

  private FieldKinds() {}

  public static Optional<KindDefinition> find(String typeName) {
    return ALL.stream().filter(k -> k.typeName().equals(typeName)).findFirst();
  }

  public static List<String> names() {
    return ALL.stream().map(KindDefinition::typeName).toList();
  }
}
