package dev.streamgen.compiler.schema;

import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The Avro schema of an event type: a record named like the generated class, in the Java package,
 * one field per event field with the kind's Avro type. The fingerprint (CRC-64-AVRO of the parsing
 * canonical form) is computed by Apache Avro itself from the emitted text.
 */
public final class AvroSchemas {
  private AvroSchemas() {}

  /** The {@code .avsc} text. */
  public static String avsc(EventType type, String namespace) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("type", "record");
    record.put("name", type.className());
    record.put("namespace", namespace);
    record.put("doc", "streamgen event type " + type.id());
    List<Object> fields = new ArrayList<>();
    for (Field f : type.fields()) {
      // A named type (enum, record) takes the record's name and the field's identifier: unique in the record.
      fields.add(f.avroField(type.className() + "_" + f.identifier()));
    }
    record.put("fields", fields);
    return Json.write(record);
  }

  /** CRC-64-AVRO fingerprint, as in the single-object encoding header. */
  public static long fingerprint(String avsc) {
    return SchemaNormalization.parsingFingerprint64(new Schema.Parser().parse(avsc));
  }
}
