package dev.streamgen.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.Format;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The schemas the compiler generated for a catalog, read through its {@code manifest.json}: per event
 * type, in catalog order, the schema text a registry stores for the run's format and the record name
 * the subject strategies use (Avro: the record's full name; Protobuf: the message's full name, the
 * whole {@code .proto} being the schema; JSON: the schema's {@code title}, the event type id).
 */
final class GeneratedSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One type's schema: the Confluent API's schema type, the text and the record name. */
  static final class Entry {
    final String eventTypeId;
    final String schemaType;
    final String text;
    final String recordName;

    Entry(String eventTypeId, String schemaType, String text, String recordName) {
      this.eventTypeId = eventTypeId;
      this.schemaType = schemaType;
      this.text = text;
      this.recordName = recordName;
    }
  }

  private GeneratedSchemas() {}

  /** The entries of {@code catalog}'s types in {@code format}, from the directory {@code dir}. */
  static List<Entry> read(Path dir, String setting, Catalog catalog, Format format) {
    JsonNode source = source(dir, setting, catalog);
    JsonNode types = source.get("event_types");
    if (types == null || types.size() != catalog.size()) {
      throw new IllegalArgumentException(
          setting + " '" + dir + "': manifest.json lists " + (types == null ? 0 : types.size()) + " event types of "
              + catalog.sourceName() + " but the catalog in the jar has " + catalog.size()
              + "; use the schemas generated with this jar");
    }
    String proto = format == Format.PROTOBUF ? text(dir, source.get("proto_file").asText(), setting) : null;
    List<Entry> entries = new ArrayList<>();
    for (int t = 0; t < catalog.size(); t++) {
      JsonNode type = types.get(t);
      String id = type.get("event_type_id").asText();
      if (!id.equals(catalog.kernel(t).eventTypeId())) {
        throw new IllegalArgumentException(
            setting + " '" + dir + "': manifest.json lists event type " + t + " as '" + id + "' but the jar's catalog"
                + " has '" + catalog.kernel(t).eventTypeId() + "'; use the schemas generated with this jar");
      }
      entries.add(entry(dir, setting, format, type, id, proto));
    }
    return entries;
  }

  private static Entry entry(Path dir, String setting, Format format, JsonNode type, String id, String proto) {
    switch (format) {
      case AVRO:
        String avsc = text(dir, type.get("avro_schema").asText(), setting);
        JsonNode record = parse(avsc, setting, type.get("avro_schema").asText());
        String namespace = record.hasNonNull("namespace") ? record.get("namespace").asText() + "." : "";
        return new Entry(id, "AVRO", avsc, namespace + record.get("name").asText());
      case PROTOBUF:
        return new Entry(id, "PROTOBUF", proto, type.get("protobuf_message").asText());
      case JSON:
        String schema = text(dir, type.get("json_schema").asText(), setting);
        JsonNode title = parse(schema, setting, type.get("json_schema").asText()).get("title");
        return new Entry(id, "JSON", schema, title != null ? title.asText() : id);
      default:
        throw new IllegalArgumentException(
            "serialization_format '" + format.configName() + "' has no registry schema; a registry frames avro,"
                + " protobuf or json payloads");
    }
  }

  private static JsonNode source(Path dir, String setting, Catalog catalog) {
    JsonNode manifest = parse(text(dir, "manifest.json", setting), setting, "manifest.json");
    for (JsonNode s : manifest.path("sources")) {
      if (s.path("catalog_class").asText().equals(catalog.getClass().getName())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        setting + " '" + dir + "': manifest.json has no entry for catalog " + catalog.getClass().getName()
            + "; use the schemas generated with this jar");
  }

  private static String text(Path dir, String file, String setting) {
    Path p = dir.resolve(file);
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          setting + " '" + dir + "': cannot read " + file + " (" + e + "); expected the directory of the generated"
              + " schemas (the plugin's target/streamgen-schemas, or the unpacked schemas artifact)");
    }
  }

  private static JsonNode parse(String text, String setting, String file) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(setting + ": " + file + " is not JSON (" + e.getMessage() + ")");
    }
  }
}
