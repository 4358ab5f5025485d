package dev.streamgen.examples.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * The Avro schemas of the app's {@code schemas} artifact (what a consuming team gets), one
 * {@code <event_type_id>.avsc} per type, and a decoder for Avro single-object payloads built from
 * them alone: nothing of streamgen's code is used to read the events back.
 */
final class GeneratedSchemas {
  private final Map<String, Schema> byType;
  private final BinaryMessageDecoder<GenericRecord> decoder;

  private GeneratedSchemas(Map<String, Schema> byType) {
    this.byType = Collections.unmodifiableMap(byType);
    this.decoder = new BinaryMessageDecoder<>(GenericData.get(), null);
    byType.values().forEach(decoder::addSchema);
  }

  static GeneratedSchemas open(Path schemasJar) {
    Map<String, Schema> byType = new TreeMap<>();
    try (ZipFile zip = new ZipFile(schemasJar.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        String name = e.getName();
        if (name.endsWith(".avsc")) {
          try (InputStream in = zip.getInputStream(e)) {
            String type = name.substring(name.lastIndexOf('/') + 1, name.length() - ".avsc".length());
            byType.put(type, new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schemas jar " + schemasJar, e);
    }
    if (byType.isEmpty()) {
      throw new IllegalStateException("no .avsc in " + schemasJar);
    }
    return new GeneratedSchemas(byType);
  }

  /** Decodes one payload and checks it was written with the schema of {@code type}. */
  GenericRecord decodeAvro(String type, byte[] payload) throws IOException {
    GenericRecord record = decoder.decode(payload);
    if (!record.getSchema().equals(byType.get(type))) {
      throw new AssertionError("payload of a '" + type + "' row has schema " + record.getSchema().getFullName());
    }
    return record;
  }

  /** The one event type whose schema has exactly these fields in this order (a JSON payload's keys). */
  String typeWithFields(List<String> names) {
    List<String> types = new ArrayList<>();
    for (String type : byType.keySet()) {
      if (fieldNames(type).equals(names)) {
        types.add(type);
      }
    }
    if (types.size() != 1) {
      throw new AssertionError("fields " + names + " match the schemas of " + types + ", not exactly one type");
    }
    return types.get(0);
  }

  /** Field names of {@code type} in schema order (the payload order of every format). */
  List<String> fieldNames(String type) {
    Schema schema = byType.get(type);
    if (schema == null) {
      throw new AssertionError("no generated schema for event type '" + type + "'");
    }
    List<String> names = new ArrayList<>();
    schema.getFields().forEach(f -> names.add(f.name()));
    return names;
  }
}
