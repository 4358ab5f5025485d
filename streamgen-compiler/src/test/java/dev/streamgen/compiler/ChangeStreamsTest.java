package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import dev.streamgen.runtime.kinds.PackedCatalog;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/cdc.yaml compiled and its generated code run: the change type's kernel, its typed
 * class (same bytes in every format), its Avro schema (Apache Avro decodes every change, before and
 * after as a union of null and a record), and the envelope's meaning over the JSON payloads replayed
 * in row order: inserts of absent keys, updates and deletes of present ones whose before is the key's
 * previous after, each delete followed by a tombstone (the kernel and the packed catalog say so, its
 * images null) and a tombstone by an insert, versions increasing per key, stable fields equal to the
 * pool member's, deletes the declared share of changes to live members.
 */
class ChangeStreamsTest {
  static final Path CONFIG = Path.of("../docs/examples/cdc.yaml");
  static final long SEED = 11;
  static final long BASE_MICROS = 1_795_000_000_123_456L;
  /** cdc.yaml's delete_ratio. */
  static final double DELETE_RATIO = 0.05;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static CompileRequest request;
  static URLClassLoader loader;
  static Catalog catalog;

  @BeforeAll
  static void compileAndLoad() throws Exception {
    request = GeneratedSources.request(CONFIG, dir.resolve("out"));
    CompileResult result = Compiler.compile(request);
    assertThat(result.errors()).isEmpty();
    loader = GeneratedSources.compileAndLoad(request, dir.resolve("classes"));
    catalog = (Catalog) loader.loadClass("streamgen.generated.CdcCatalog").getConstructor().newInstance();
  }

  @AfterAll
  static void close() throws IOException {
    loader.close();
  }

  private static byte[] write(EventKernel kernel, long row, Format format) {
    ByteWriter out = new ByteWriter();
    kernel.write(SEED, row, BASE_MICROS + row, format, out);
    return out.toByteArray();
  }

  private static boolean isChange(long row) {
    return AliasTable.of(new double[] {0.3, 0.7}).pick(Rng.hash(row, Rng.stream(SEED, Rng.TYPE_SALT))) == 0;
  }

  @Test
  void theTypedClassWritesTheKernelsBytesInEveryFormat() throws Exception {
    EventKernel kernel = catalog.kernel(0);
    assertThat(kernel.fieldNames()).containsExactly("op", "key", "before", "after", "version", "ts_ms", "source");
    Class<?> typed = loader.loadClass("streamgen.generated.CustomersCdc");
    int changes = 0;
    for (long row = 0; row < 3000; row++) {
      if (!isChange(row)) {
        continue;
      }
      changes++;
      Object event = typed.getMethod("generate", long.class, long.class, long.class).invoke(null, SEED, row, BASE_MICROS + row);
      for (Format format : Format.values()) {
        ByteWriter out = new ByteWriter();
        typed.getMethod("write" + format.name().charAt(0) + format.name().substring(1).toLowerCase(), ByteWriter.class).invoke(event, out);
        assertThat(out.toByteArray()).as("%s row %d", format, row).isEqualTo(write(kernel, row, format));
      }
    }
    assertThat(changes).isGreaterThan(700);
  }

  @Test
  void avroDecodesEveryChangeWithTheGeneratedSchema() throws Exception {
    EventKernel kernel = catalog.kernel(0);
    Schema schema = new Schema.Parser().parse(request.schemaOutputDirectory().resolve("avro/customers.cdc.avsc").toFile());
    assertThat(kernel.avroFingerprint()).isEqualTo(SchemaNormalization.parsingFingerprint64(schema));
    BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(new GenericData(), schema);
    Map<String, Integer> ops = new HashMap<>();
    for (long row = 0; row < 20_000; row++) {
      if (!isChange(row)) {
        continue;
      }
      GenericRecord record = decoder.decode(write(kernel, row, Format.AVRO));
      JsonNode json = JSON.readTree(write(kernel, row, Format.JSON));
      String op = record.get("op").toString();
      ops.merge(op, 1, Integer::sum);
      assertThat(op).isEqualTo(json.get("op").asText());
      assertThat(record.get("key").toString()).isEqualTo(json.get("key").asText());
      assertThat((Long) record.get("version")).isEqualTo(json.get("version").asLong());
      assertThat((Long) record.get("ts_ms")).isEqualTo(Math.floorDiv(BASE_MICROS + row, 1000));
      GenericRecord source = (GenericRecord) record.get("source");
      assertThat(source.get("connector").toString()).isEqualTo("streamgen");
      assertThat(source.get("name").toString()).isEqualTo("customers");
      assertThat((Long) source.get("ts_ms")).isEqualTo(Math.floorDiv(BASE_MICROS + row, 1000));
      assertThat(source.get("snapshot").toString()).isEqualTo("false");
      assertThat(source.get("table").toString()).isEqualTo("customers");
      assertThat((Long) source.get("lsn")).isEqualTo(row);
      assertThat(json.get("source").toString()).isEqualTo("{\"connector\":\"streamgen\",\"name\":\"customers\",\"ts_ms\":"
          + Math.floorDiv(BASE_MICROS + row, 1000) + ",\"snapshot\":\"false\",\"table\":\"customers\",\"lsn\":" + row + "}");
      for (String image : List.of("before", "after")) {
        Object value = record.get(image);
        if (json.get(image).isNull()) {
          assertThat(value).as("%s of row %d", image, row).isNull();
        } else {
          GenericRecord r = (GenericRecord) value;
          for (String f : List.of("id", "email", "tier", "country")) {
            assertThat(r.get(f).toString()).as("%s.%s of row %d", image, f, row).isEqualTo(json.get(image).get(f).asText());
          }
        }
      }
    }
    assertThat(ops.keySet()).containsExactlyInAnyOrder("c", "u", "d", "t");
  }

  @Test
  void replayedInRowOrderEveryBeforeIsTheKeysPreviousAfter() throws Exception {
    EventKernel changes = catalog.kernel(0);
    EventKernel views = catalog.kernel(1);
    PackedCatalog packed = PackedCatalog.of(List.of((EventTypeKernel) changes, (EventTypeKernel) views), Format.JSON);
    Map<String, JsonNode> state = new HashMap<>();
    Map<String, Long> versions = new HashMap<>();
    Map<String, String> countries = new HashMap<>();
    Map<String, String> lastOp = new HashMap<>();
    long live = 0;
    long deletes = 0;
    long tombstones = 0;
    for (long row = 0; row < 60_000; row++) {
      if (!isChange(row)) {
        // A page view's customer is a pool member: its country is the member's, as every image says.
        JsonNode view = JSON.readTree(write(views, row, Format.JSON));
        String previous = countries.putIfAbsent(view.get("key").asText(), view.get("country").asText());
        assertThat(previous == null || previous.equals(view.get("country").asText())).isTrue();
        continue;
      }
      JsonNode event = JSON.readTree(write(changes, row, Format.JSON));
      String key = event.get("key").asText();
      String op = event.get("op").asText();
      long version = event.get("version").asLong();
      assertThat(version).as("version of row %d", row).isGreaterThan(versions.getOrDefault(key, 0L));
      versions.put(key, version);
      JsonNode current = state.get(key);
      String previousOp = lastOp.put(key, op);
      assertThat(changes.isTombstone(SEED, row)).as("tombstone of row %d", row).isEqualTo(op.equals("t"));
      assertThat(packed.isTombstone(0, SEED, row)).as("packed tombstone of row %d", row).isEqualTo(op.equals("t"));
      // c u* d t c ...: a delete is always followed by a tombstone, a tombstone by an insert.
      if ("d".equals(previousOp)) {
        assertThat(op).as("change after a delete, row %d", row).isEqualTo("t");
      } else if ("t".equals(previousOp)) {
        assertThat(op).as("change after a tombstone, row %d", row).isEqualTo("c");
      }
      if (op.equals("t")) {
        assertThat(current).as("tombstone of a present key, row %d", row).isNull();
        assertThat(event.get("before").isNull() && event.get("after").isNull()).as("images of tombstone row %d", row).isTrue();
        tombstones++;
        continue;
      }
      if (previousOp != null && !previousOp.equals("d") && !previousOp.equals("t")) {
        live++;
        deletes += op.equals("d") ? 1 : 0;
      }
      if (op.equals("c")) {
        assertThat(current).as("insert of a present key, row %d", row).isNull();
        assertThat(event.get("before").isNull()).isTrue();
      } else {
        assertThat(op).isIn("u", "d");
        assertThat(current).as("%s of an absent key, row %d", op, row).isNotNull();
        assertThat(event.get("before")).isEqualTo(current);
      }
      if (op.equals("d")) {
        assertThat(event.get("after").isNull()).isTrue();
        state.remove(key);
      } else {
        JsonNode after = event.get("after");
        assertThat(after.get("id").asText()).isEqualTo(key);
        assertThat(after.get("tier").asText()).isIn("FREE", "PLUS", "PRO");
        assertThat(after.get("email").asText()).matches("user[0-9]{1,5}@example\\.com");
        if (current != null) {
          assertThat(after.get("country")).as("a field not in updates never changes").isEqualTo(current.get("country"));
        }
        state.put(key, after);
      }
    }
    assertThat(tombstones).as("tombstones").isGreaterThan(0);
    double share = (double) deletes / live;
    double sigma = Math.sqrt(DELETE_RATIO * (1 - DELETE_RATIO) / live);
    assertThat(share).as("%d deletes of %d changes to live members", deletes, live)
        .isBetween(DELETE_RATIO - 5 * sigma, DELETE_RATIO + 5 * sigma);
    // Countries seen in the change images agree with the page views' references to the same customers.
    for (Map.Entry<String, JsonNode> e : state.entrySet()) {
      String viewed = countries.get(e.getKey());
      if (viewed != null) {
        assertThat(e.getValue().get("country").asText()).isEqualTo(viewed);
      }
    }
  }
}
