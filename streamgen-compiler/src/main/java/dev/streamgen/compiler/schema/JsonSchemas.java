package dev.streamgen.compiler.schema;

import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.Field;
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
    schema.put("type", "object");
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (Field f : type.fields()) {
      properties.put(f.name(), f.jsonSchema());
      required.add(f.name());
    }
    schema.put("properties", properties);
    schema.put("required", required);
    schema.put("additionalProperties", false);
    return Json.write(schema);
  }
}
