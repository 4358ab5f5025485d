package dev.streamgen.compiler.schema;

import dev.streamgen.compiler.model.EventCatalog;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: what consumers need to decode every payload: per source file its catalog
 * and .proto, per event type its weight, schemas, Avro fingerprint and fields (name, type,
 * parameters) in payload order, which is what the binary layout needs.
 */
public final class Manifest {
  /** Bumped when the manifest's structure changes incompatibly. */
  public static final int VERSION = 1;

  private Manifest() {}

  /** One compiled event type with the fingerprint computed from its emitted .avsc. */
  public record TypeEntry(EventType type, long avroFingerprint) {}

  /** One source file and its types. */
  public record SourceEntry(EventCatalog catalog, List<TypeEntry> types) {}

  public static String manifest(List<SourceEntry> sources, String javaPackage) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("manifest_version", VERSION);
    root.put("java_package", javaPackage);
    List<Object> files = new ArrayList<>();
    for (SourceEntry s : sources) {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("source", s.catalog().sourceName());
      file.put("catalog_class", javaPackage + "." + s.catalog().catalogClassName());
      file.put("proto_file", ProtoSchema.path(s.catalog()));
      file.put("proto_package", ProtoSchema.protoPackage(s.catalog(), javaPackage));
      List<Object> types = new ArrayList<>();
      for (TypeEntry t : s.types()) {
        EventType type = t.type();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("event_type_id", type.id());
        entry.put("weight", type.weight());
        entry.put("java_class", javaPackage + "." + type.className());
        entry.put("avro_schema", "avro/" + type.id() + ".avsc");
        entry.put("avro_fingerprint", String.format("%016x", t.avroFingerprint()));
        entry.put("protobuf_message", ProtoSchema.protoPackage(s.catalog(), javaPackage) + "." + type.className());
        entry.put("json_schema", JsonSchemas.path(type));
        List<Object> fields = new ArrayList<>();
        for (Field f : type.fields()) {
          Map<String, Object> field = f.manifest();
          field.put("common", f.common());
          fields.add(field);
        }
        entry.put("fields", fields);
        types.add(entry);
      }
      file.put("event_types", types);
      files.add(file);
    }
    root.put("sources", files);
    return Json.write(root);
  }
}
