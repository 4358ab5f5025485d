package dev.streamgen.compiler.schema;

import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.StructKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON Schema (draft 2020-12) of an event type's JSON payload. */
public final class JsonSchemas {
  private JsonSchemas() {}

  public static String path(EventType type) {
    return "json-schema/" + type.id() + ".schema.json";
  }

  public static String schema(EventType type) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("title", type.id());
    schema.put("description", "streamgen event type " + type.id() + ": one JSON object per event");
    schema.putAll(StructKind.jsonObject(type.fields()));
    return Json.write(schema);
  }
}
