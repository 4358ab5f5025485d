package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.runtime.kinds.ChangeNumberField;
import java.util.List;
import java.util.Map;

/**
 * The {@code version} (the change's round + 1, increasing per key), {@code ts_ms} (the event time in
 * milliseconds) or the row index (the source block's {@code lsn}) of a change stream's envelope: a
 * long in every schema. Drawn by {@link ChangeNumberField}.
 *
 * @param mode {@link ChangeNumberField#VERSION}, {@link ChangeNumberField#TS_MS} or {@link ChangeNumberField#ROW}
 */
public record ChangeNumberKind(ChangeStream stream, int mode) implements FieldKind {
  /** The names of the modes in the manifest. */
  private static final List<String> NAMES = List.of("version", "ts_ms", "lsn");

  @Override
  public String typeName() {
    return "long";
  }

  @Override
  public String describe() {
    return mode == ChangeNumberField.VERSION ? "change version (per key, increasing)"
        : mode == ChangeNumberField.TS_MS ? "event time in milliseconds" : "row index (log position)";
  }

  @Override
  public Object avroType(String namedType) {
    return "long";
  }

  @Override
  public String protoType(String identifier) {
    return "int64";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return Kinds.jsonType("integer");
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return Map.of("change", NAMES.get(mode));
  }

  @Override
  public TypeName javaType() {
    return TypeName.LONG;
  }

  @Override
  public Class<ChangeNumberField> generatorClass() {
    return ChangeNumberField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newUnsalted(f, ChangeNumberField.class, CodeBlock.of("$L", mode), CodeBlock.of("$LL", stream.count()));
  }

  @Override
  public int literalCount() {
    return 2;
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return mode == ChangeNumberField.VERSION
        ? CodeBlock.of("$T.changeVersion(row, $LL)", Kinds.RNG_COLUMNS, stream.count())
        : mode == ChangeNumberField.TS_MS ? CodeBlock.of("$T.millis(eventTimeMicros)", Kinds.RNG_COLUMNS) : CodeBlock.of("row");
  }
}
