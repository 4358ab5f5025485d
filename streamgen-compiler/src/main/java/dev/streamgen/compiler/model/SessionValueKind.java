package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.runtime.kinds.SessionField;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code {session: "step"}} (the event's 0-based index in its session, an int) or {@code {session:
 * "time"}} (the session's own clock: its start's event time plus the gaps of its steps, a timestamp)
 * of a session machine's event type. Drawn by {@link SessionField}; {@code machine} is null until the
 * sessions are bound.
 */
public record SessionValueKind(boolean time, SessionSpec machine) implements FieldKind {
  public String mode() {
    return time ? "time" : "step";
  }

  @Override
  public String typeName() {
    return time ? "timestamp" : "int";
  }

  @Override
  public String describe() {
    return time ? "session time (its start's event time plus its gaps)" : "session step (0 for the start)";
  }

  @Override
  public Object avroType(String namedType) {
    return time ? Kinds.avroLogical("long", "timestamp-micros") : "int";
  }

  @Override
  public String protoType(String identifier) {
    return time ? "int64" : "int32";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return time ? Kinds.jsonFormattedString("date-time") : Kinds.jsonType("integer");
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("session", mode());
    parameters.put("machine", machine == null ? "" : machine.name());
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return time ? TypeName.LONG : TypeName.INT;
  }

  @Override
  public Class<SessionField> generatorClass() {
    return SessionField.class;
  }

  @Override
  public String valueMethod() {
    return mode();
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    if (machine == null) {
      throw new IllegalStateException("session " + mode() + " field '" + f.name() + "' was not bound to its machine");
    }
    return Kinds.newUnsalted(f, SessionField.class, machine.newMachine(),
        CodeBlock.of("$T.$L", SessionField.class, time ? "TIME" : "STEP"));
  }

  @Override
  public int literalCount() {
    return 3 + (machine == null ? 0 : machine.literalCount());
  }

  /** A UDF over the row and its event time ({@link SessionField}), as the typed API computes it (without the rate: see SessionField). */
  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of("$T.session(row, eventTimeMicros, seed, $L)", Kinds.RNG_COLUMNS, f.generator());
  }
}
