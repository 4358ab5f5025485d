package dev.streamgen.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.streamgen.it.everykind.EveryKindCatalog;
import dev.streamgen.runtime.kinds.BinaryDecoder;
import dev.streamgen.testkit.KafkaBroker;
import dev.streamgen.testkit.eventhubs.EventHubsTestServer;
import dev.streamgen.testkit.eventhubs.RecordedEvent;
import dev.streamgen.testkit.kinesis.KinesisEmulator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * docs/examples/every-kind.yaml (every field kind and option), compiled in this build, run by the
 * job to every sink on loopback (real servers, started here) in a different format each, so all four
 * formats are covered; what arrives is decoded with standard tools and the generated schemas only:
 *
 * <ul>
 *   <li>Delta (local table) / avro: Apache Avro's {@code BinaryMessageDecoder} with the .avsc whose
 *       fingerprint the payload names;
 *   <li>Kafka (testkit broker) / protobuf: {@code DynamicMessage} over descriptors protoc builds from
 *       the generated .proto, the message named by the {@code event_type_id} header;
 *   <li>Event Hubs (testkit AMQP endpoint) / json: Jackson, each payload validated against the
 *       generated JSON Schema by networknt's validator;
 *   <li>Kinesis (kinesis-local emulator) / binary: the reference {@link BinaryDecoder} with the
 *       manifest's field kinds (partition key: the event type).
 * </ul>
 *
 * Each sink must receive every row of the run, the same number of each type as the source makes, and
 * every field of every type must be present and decode to a value of its kind within its settings;
 * nullable fields must be null in some events and not in others. The four formats must decode to the
 * same events (minus the time-relative timestamps, which depend on when each run starts).
 *
 * <p>The test reads the catalog from the manifest, so fields and types appended to the YAML are
 * checked without changing it; a new kind needs a line in {@link #check} (else only its presence and
 * nulls are checked).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryKindEndToEndTest {
  private static final int ROWS = 3000;
  private static final String CATALOG = EveryKindCatalog.class.getName();
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          // A map's keys are distinct: a repeated member is an error, not the last one silently kept.
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          // Keep 12.30 as written (the default node factory strips trailing zeros): decimals have exactly `scale` digits.
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private static Path schemas;
  private static Map<String, EventType> types;
  private static CompletableFuture<KafkaBroker> kafka;
  private static CompletableFuture<KinesisEmulator> kinesis;
  /** Per sink, the decoded events in a time-independent text form, for the cross-format check. */
  private static final Map<String, Map<String, Integer>> DECODED = new ConcurrentHashMap<>();

  /** One event type as the manifest describes it. */
  private static final class EventType {
    final String id;
    final String protobufMessage;
    final String jsonSchema;
    final double weight;
    final List<JsonNode> fields = new ArrayList<>();

    EventType(JsonNode t) {
      id = t.get("event_type_id").asText();
      protobufMessage = t.get("protobuf_message").asText();
      jsonSchema = t.get("json_schema").asText();
      weight = t.get("weight").asDouble();
      // A reference's schemas are its target's: it decodes and is checked as the target's kind.
      t.get("fields").forEach(f -> fields.add(f.get("type").asText().equals("ref")
          ? ((com.fasterxml.jackson.databind.node.ObjectNode) f.deepCopy()).put("type", f.get("target_type").asText()).put("ref", f.get("target").asText())
          : f));
    }
  }

  /** One decoded event: its type and its fields by name, each present (null when the value is). */
  private static final class Event {
    final String type;
    final String partitionKey;
    final Map<String, Object> values;

    Event(String type, String partitionKey, Map<String, Object> values) {
      this.type = type;
      this.partitionKey = partitionKey;
      this.values = values;
    }
  }

  @BeforeAll
  static void startServersAndReadTheManifest() throws Exception {
    // The two servers that take seconds to start come up while Spark starts.
    kafka = CompletableFuture.supplyAsync(() -> KafkaBroker.builder().build().start());
    kinesis = CompletableFuture.supplyAsync(KinesisEmulator::start);
    schemas = Paths.get(System.getProperty("streamgen.everyKind.schemas", "target/streamgen-schemas-everykind"));
    JsonNode manifest = JSON.readTree(schemas.resolve("manifest.json").toFile());
    JsonNode source = manifest.get("sources").get(0);
    assertThat(source.get("catalog_class").asText()).isEqualTo(CATALOG);
    types = new LinkedHashMap<>();
    source.get("event_types").forEach(t -> types.put(t.get("event_type_id").asText(), new EventType(t)));
  }

  @AfterAll
  static void stopServers() {
    if (kafka != null) {
      kafka.thenAccept(KafkaBroker::close);
    }
    if (kinesis != null) {
      kinesis.thenAccept(KinesisEmulator::close);
    }
  }

  @Test
  @Order(1)
  void deltaWithAvro() {
    String path = ItSpark.tempDir("every-kind-delta") + "/events";
    Map<String, Long> counts = run("--set", "sink_config.type=delta", "--set", "sink_config.path=" + path,
        "--set", "serialization_format=avro", "--set", "sink_config.partition_key_field=user_id");
    Map<Long, BinaryMessageDecoder<GenericRecord>> decoders = new HashMap<>();
    Map<Long, Schema> byFingerprint = new HashMap<>();
    for (EventType t : types.values()) {
      Schema s = parseAvro(schemas.resolve("avro/" + t.id + ".avsc"));
      long fp = SchemaNormalization.parsingFingerprint64(s);
      byFingerprint.put(fp, s);
      decoders.put(fp, new BinaryMessageDecoder<>(GenericData.get(), s));
    }
    List<Event> events = new ArrayList<>();
    for (Row r : ItSpark.session().read().format("delta").load(path).collectAsList()) {
      String type = r.getAs("event_type_id");
      byte[] payload = r.getAs("serialized_payload");
      long fp = ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      assertThat(decoders).as("a generated .avsc has the payload's fingerprint").containsKey(fp);
      assertThat(byFingerprint.get(fp).getDoc()).isEqualTo("streamgen event type " + type);
      GenericRecord record;
      try {
        record = decoders.get(fp).decode(payload);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (JsonNode f : types.get(type).fields) {
        String id = f.get("identifier").asText();
        assertThat(record.getSchema().getField(id)).as("%s field %s in the Avro record", type, id).isNotNull();
        values.put(f.get("name").asText(), avroValue(f, record.get(id)));
      }
      events.add(new Event(type, r.getAs("partition_key"), values));
    }
    assertEvents("delta/avro", events, counts, true);
  }

  @Test
  @Order(2)
  void kafkaWithProtobuf() throws Exception {
    KafkaBroker broker = kafka.get();
    broker.createTopic("every-kind", 2);
    Map<String, Long> counts = run("--set", "sink_config.type=kafka", "--set", "sink_config.bootstrap_servers=" + broker.bootstrapServers(),
        "--set", "sink_config.topic=every-kind", "--set", "serialization_format=protobuf",
        "--set", "sink_config.partition_key_field=user_id");
    Descriptors.FileDescriptor proto = protoc();
    List<Event> events = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> rec : broker.readAll("every-kind")) {
      Header header = rec.headers().lastHeader("event_type_id");
      assertThat(header).as("event_type_id header").isNotNull();
      String type = new String(header.value(), StandardCharsets.UTF_8);
      EventType t = types.get(type);
      assertThat(t).as("type %s", type).isNotNull();
      String message = t.protobufMessage.substring(t.protobufMessage.lastIndexOf('.') + 1);
      Descriptors.Descriptor descriptor = proto.findMessageTypeByName(message);
      DynamicMessage m = DynamicMessage.parseFrom(descriptor, rec.value());
      assertThat(m.getUnknownFields().asMap()).as("fields protoc does not know").isEmpty();
      Map<String, Object> values = new LinkedHashMap<>();
      for (JsonNode f : t.fields) {
        String id = f.get("identifier").asText();
        Descriptors.FieldDescriptor fd = descriptor.findFieldByName(id);
        assertThat(fd).as("%s field %s in the .proto", type, id).isNotNull();
        assertThat(fd.hasPresence()).as("%s field %s is optional", type, id).isEqualTo(protoPresence(f));
        Object v = fd.hasPresence() && !m.hasField(fd) ? null : m.getField(fd);
        if (v instanceof Descriptors.EnumValueDescriptor) {
          // FIELD_SYMBOL, upper-cased: back to the symbol as the YAML spells it.
          String name = ((Descriptors.EnumValueDescriptor) v).getName();
          String prefix = id.toUpperCase(java.util.Locale.ROOT) + "_";
          assertThat(name).startsWith(prefix);
        }
        values.put(f.get("name").asText(), v == null ? null : protoValue(f, v));
        if (nullable(f) && v instanceof List && ((List<?>) v).isEmpty()) {
          values.put(f.get("name").asText(), null); // a null array (or map) and an empty one are both absent
        }
      }
      events.add(new Event(type, new String(rec.key(), StandardCharsets.UTF_8), values));
    }
    assertEvents("kafka/protobuf", events, counts, true);
  }

  @Test
  @Order(3)
  void eventHubsWithJson() throws Exception {
    try (EventHubsTestServer server = EventHubsTestServer.start()) {
      Map<String, Long> counts = run("--set", "sink_config.type=eventhubs", "--set", "sink_config.connection_string=" + server.connectionString(),
          "--set", "serialization_format=json", "--set", "sink_config.partition_key_field=user_id");
      JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      Map<String, JsonSchema> jsonSchemas = new HashMap<>();
      for (EventType t : types.values()) {
        jsonSchemas.put(t.id, factory.getSchema(Files.readString(schemas.resolve(t.jsonSchema)), config));
      }
      List<Event> events = new ArrayList<>();
      for (RecordedEvent e : server.events()) {
        String type = (String) e.property("event_type_id");
        assertThat(types).as("type %s", type).containsKey(type);
        assertThat(e.contentType()).isEqualTo("application/json");
        JsonNode json = JSON.readTree(e.body());
        Set<ValidationMessage> problems = jsonSchemas.get(type).validate(json);
        assertThat(problems).as("%s: %s", type, json).isEmpty();
        Map<String, Object> values = new LinkedHashMap<>();
        for (JsonNode f : types.get(type).fields) {
          String name = f.get("name").asText();
          assertThat(json.has(name)).as("%s field %s in %s", type, name, json).isTrue();
          values.put(name, jsonValue(f, json.get(name)));
        }
        events.add(new Event(type, e.partitionKey(), values));
      }
      assertEvents("eventhubs/json", events, counts, true);
    }
  }

  @Test
  @Order(4)
  void kinesisWithBinary() throws Exception {
    KinesisEmulator emulator = kinesis.get();
    // Binary names no type: the partition key stays the event type (the default), as docs/sinks.md advises.
    Map<String, Long> counts = run("--set", "sink_config.type=kinesis", "--set", "sink_config.stream_name=every-kind",
        "--set", "sink_config.endpoint_url=" + emulator.endpoint(), "--set", "sink_config.region=" + KinesisEmulator.REGION,
        "--set", "sink_config.aws_access_key_id=" + KinesisEmulator.ACCESS_KEY_ID,
        "--set", "sink_config.aws_secret_access_key=" + KinesisEmulator.SECRET_ACCESS_KEY,
        "--set", "sink_config.shard_count=2", "--set", "serialization_format=binary");
    List<Event> events = new ArrayList<>();
    for (Record rec : emulator.readAll("every-kind")) {
      String type = rec.partitionKey();
      EventType t = types.get(type);
      assertThat(t).as("type %s", type).isNotNull();
      List<String> kinds = t.fields.stream().map(EveryKindEndToEndTest::binaryType).collect(Collectors.toList());
      List<Object> decoded = BinaryDecoder.decode(rec.data().asByteArray(), kinds);
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < t.fields.size(); i++) {
        values.put(t.fields.get(i).get("name").asText(), binaryValue(t.fields.get(i), decoded.get(i)));
      }
      events.add(new Event(type, rec.partitionKey(), values));
    }
    assertEvents("kinesis/binary", events, counts, false);
  }

  @Test
  @Order(5)
  void everyFormatDecodesToTheSameEvents() {
    assertThat(DECODED.keySet())
        .as("the four sink tests ran")
        .containsExactlyInAnyOrder("delta/avro", "kafka/protobuf", "eventhubs/json", "kinesis/binary");
    Map<String, Integer> avro = DECODED.get("delta/avro");
    DECODED.forEach((sink, events) -> assertThat(events).as("%s beside delta/avro", sink).isEqualTo(avro));
  }

  // ---------------------------------------------------------------------------------------------

  private static final Pattern PER_TYPE = Pattern.compile("([A-Za-z0-9._-]+) ([0-9,]+) \\(");

  /**
   * Runs the job on the shared session with this catalog, ROWS rows, and the given settings; returns
   * the rows per type its summary reports.
   */
  private static Map<String, Long> run(String... args) {
    long start = System.nanoTime();
    List<String> all = new ArrayList<>(Arrays.asList("--catalog", CATALOG, "--rows", Integer.toString(ROWS)));
    all.addAll(Arrays.asList(args));
    String printed = ItJob.succeed(all.toArray(new String[0])).out;
    System.out.printf(java.util.Locale.ROOT, "[every-kind] job, %s: %.1f s%n",
        all.stream().filter(a -> a.startsWith("sink_config.type=") || a.startsWith("serialization_format="))
            .collect(Collectors.joining(" ")),
        (System.nanoTime() - start) / 1e9);
    assertThat(printed).contains(String.format(java.util.Locale.ROOT, "batch of %,d rows", ROWS))
        .contains(types.size() + " event types (every-kind.yaml)");
    String perType = printed.lines().filter(l -> l.contains("[streamgen] per type: ")).findFirst()
        .orElseThrow(() -> new AssertionError("no per-type summary in:\n" + printed));
    Map<String, Long> counts = new TreeMap<>();
    Matcher m = PER_TYPE.matcher(perType.substring(perType.indexOf("per type: ")));
    while (m.find()) {
      counts.put(m.group(1), Long.parseLong(m.group(2).replace(",", "")));
    }
    assertThat(counts.keySet()).as(perType).containsExactlyInAnyOrderElementsOf(types.keySet());
    assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).as(perType).isEqualTo(ROWS);
    return counts;
  }

  /**
   * Every row arrived, per type as many as the source makes; every field of every type is present
   * and decodes to a value of its kind; nullable fields are null sometimes, others never.
   */
  private static void assertEvents(String sink, List<Event> events, Map<String, Long> jobCounts, boolean keyIsUserId) {
    boolean json = sink.endsWith("/json");
    assertThat(events).as("%s: rows read back", sink).hasSize(ROWS);
    Map<String, Long> counts = new TreeMap<>(
        events.stream().collect(Collectors.groupingBy(e -> e.type, Collectors.counting())));
    assertThat(counts).as("%s: rows per type, as the job reports them", sink).isEqualTo(jobCounts);
    types.values().forEach(t -> assertThat(counts.get(t.id) / (double) ROWS)
        .as("%s: share of %s", sink, t.id).isCloseTo(t.weight, org.assertj.core.data.Offset.offset(0.04)));
    Map<String, int[]> nulls = new TreeMap<>(); // "type.field" -> {null, not null}
    Map<String, Integer> texts = new HashMap<>();
    Map<String, List<Map<String, Object>>> decoded = new HashMap<>(); // type -> each event's checked values
    for (Event e : events) {
      EventType t = types.get(e.type);
      assertThat(e.values.keySet()).as("%s: fields of %s", sink, e.type).hasSize(t.fields.size());
      StringBuilder text = new StringBuilder(e.type);
      Map<String, Object> checked = new HashMap<>();
      for (JsonNode f : t.fields) {
        String name = f.get("name").asText();
        Object raw = e.values.get(name);
        int[] n = nulls.computeIfAbsent(e.type + "." + name, k -> new int[2]);
        n[raw == null ? 0 : 1]++;
        Object v = raw == null ? null : check(sink + ": " + e.type + "." + name, f, raw, json, nulls);
        checked.put(name, v);
        if (f.get("type").asText().equals("array") && nullable(f) && (v == null || ((List<?>) v).isEmpty())) {
          // Protobuf cannot tell a null array from an empty one (both absent).
          text.append('|').append(name).append("=null or []");
        } else if (f.get("type").asText().equals("map") && nullable(f) && (v == null || ((Map<?, ?>) v).isEmpty())) {
          // Nor a null map from an empty one.
          text.append('|').append(name).append("=null or {}");
        } else if (!(f.get("type").asText().equals("timestamp") && (!f.has("range") || f.get("range").isTextual()))) {
          text.append('|').append(name).append('=').append(text(v));
        }
      }
      // The correlated kinds, against the same event's other (decoded) fields.
      for (JsonNode f : t.fields) {
        String what = sink + ": " + e.type + "." + f.get("name").asText();
        Object v = checked.get(f.get("name").asText());
        if (f.get("type").asText().equals("expr")) {
          checkExpr(what, f, v, checked);
        }
        if (f.has("weights_by")) {
          JsonNode by = f.get("weights_by");
          Object other = checked.get(by.get("field").asText());
          JsonNode row = other == null ? null : by.get("weights").get(other.toString());
          if (row != null) {
            int index = stream(f.get("values")).collect(Collectors.toList()).indexOf(v.toString());
            assertThat(row.get(index).asDouble()).as("%s: %s has weight > 0 when %s is %s", what, v, by.get("field").asText(), other)
                .isPositive();
          }
        }
      }
      if (keyIsUserId) {
        assertThat(e.partitionKey).as("%s: partition key", sink).isEqualTo(text(check("user_id", field(t, "user_id"), e.values.get("user_id"), json, new HashMap<>())));
      } else {
        assertThat(e.partitionKey).isEqualTo(e.type);
      }
      texts.merge(text.toString(), 1, Integer::sum);
      decoded.computeIfAbsent(e.type, k -> new ArrayList<>()).add(checked);
    }
    assertReferences(sink, decoded);
    for (EventType t : types.values()) {
      for (JsonNode f : t.fields) {
        assertNulls(sink, t.id + "." + f.get("name").asText(), f, nulls);
      }
    }
    DECODED.put(sink, texts);
  }

  /**
   * The value in one form whatever the format decoded it to (Long, Double, String, UUID, Long
   * microseconds, Boolean, LocalDate, BigDecimal, byte[]), checked against the field's settings.
   */
  private static Object check(String what, JsonNode f, Object raw, boolean json, Map<String, int[]> nulls) {
    String kind = f.get("type").asText();
    JsonNode range = f.get("range");
    switch (kind) {
      case "struct": {
        // Every decoder gives a struct as its fields by name: all present, each checked as a field.
        assertThat(raw).as(what).isInstanceOf(Map.class);
        Map<?, ?> children = (Map<?, ?>) raw;
        Map<String, Object> v = new LinkedHashMap<>();
        for (JsonNode c : f.get("fields")) {
          String name = c.get("name").asText();
          assertThat(children.containsKey(name)).as("%s: child %s present in %s", what, name, children).isTrue();
          Object child = children.get(name);
          nulls.computeIfAbsent(pathOf(what) + "." + name, k -> new int[2])[child == null ? 0 : 1]++;
          v.put(name, child == null ? null : check(what + "." + name, c, child, json, nulls));
        }
        assertThat(children).as("%s: no other children", what).hasSize(v.size());
        return v;
      }
      case "array": {
        assertThat(raw).as(what).isInstanceOf(List.class);
        List<?> items = (List<?>) raw;
        JsonNode length = f.get("length");
        assertThat(items.size()).as("%s: length", what).isBetween(length.get(0).asInt(), length.get(1).asInt());
        List<Object> v = new ArrayList<>();
        for (Object item : items) {
          assertThat(item).as("%s: an item", what).isNotNull();
          v.add(check(what + "[]", f.get("items"), item, json, nulls));
        }
        return v;
      }
      case "map": {
        // Every decoder gives a map as a java.util.Map from key text to value. Keys are checked as the
        // keys' definition says (a uuid key is its canonical text), values as the values' definition.
        // Sorted by key: Avro's reader builds a HashMap, so the payload's entry order is not comparable.
        assertThat(raw).as(what).isInstanceOf(Map.class);
        Map<?, ?> entries = (Map<?, ?>) raw;
        JsonNode size = f.get("size");
        assertThat(entries.size()).as("%s: size of %s", what, entries).isBetween(size.get(0).asInt(), size.get(1).asInt());
        JsonNode keys = f.get("keys");
        Map<String, Object> v = new TreeMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
          assertThat(entry.getKey()).as("%s: a key", what).isInstanceOf(String.class);
          String key = (String) entry.getKey();
          if (keys.get("type").asText().equals("uuid")) {
            UUID u = UUID.fromString(key);
            assertThat(u.version()).as("%s: key %s", what, key).isEqualTo(4);
            assertThat(u.toString()).as("%s: key %s in canonical form", what, key).isEqualTo(key);
          } else {
            assertThat(stream(keys.get("values"))).as("%s: key", what).contains(key);
          }
          assertThat(entry.getValue()).as("%s: the value of %s", what, key).isNotNull();
          assertThat(v.put(key, check(what + "{}", f.get("values"), entry.getValue(), json, nulls)))
              .as("%s: key %s once", what, key).isNull();
        }
        return v;
      }
      case "regex": {
        String v = raw.toString();
        assertThat(Pattern.matches(f.get("regex").asText(), v)).as("%s: '%s' matches %s", what, v, f.get("regex").asText()).isTrue();
        return v;
      }
      case "faker": {
        assertThat(raw).as(what).isInstanceOfAny(CharSequence.class);
        String v = raw.toString();
        assertThat(v).as(what).isNotBlank();
        return v;
      }
      case "expr": {
        // The value's kind here; what it equals in checkExpr, beside the event's other fields.
        String result = f.get("result").asText();
        if (result.equals("double")) {
          assertThat(raw).as(what).isInstanceOf(Number.class);
          return ((Number) raw).doubleValue();
        }
        assertThat(raw).as("%s: a whole number", what).isInstanceOfAny(Integer.class, Long.class);
        if (result.equals("int") && !json) {
          assertThat(raw).as("%s: an int", what).isInstanceOf(Integer.class);
        }
        return ((Number) raw).longValue();
      }

      case "int":
      case "long": {
        assertThat(raw).as(what).isInstanceOfAny(Integer.class, Long.class);
        long v = ((Number) raw).longValue();
        assertThat(v).as(what).isBetween(range.get(0).asLong(), range.get(1).asLong());
        return v;
      }
      case "float":
      case "double": {
        assertThat(raw).as(what).isInstanceOf(Number.class);
        double v = ((Number) raw).doubleValue();
        assertThat(v).as(what).isBetween(range.get(0).asDouble(), range.get(1).asDouble());
        if (f.has("precision")) {
          double scaled = v * Math.pow(10, f.get("precision").asInt());
          assertThat(Math.abs(scaled - Math.rint(scaled))).as("%s: %s rounded", what, v).isLessThan(1e-6);
        }
        return v;
      }
      case "string":
      case "enum": {
        String v = raw instanceof Integer && kind.equals("enum") // binary: the symbol's index
            ? f.get("values").get((Integer) raw).asText()
            : raw.toString();
        assertThat(stream(f.get("values"))).as(what).contains(v);
        return v;
      }
      case "sequence": {
        String v = raw.toString();
        String prefix = f.has("prefix") ? f.get("prefix").asText() : "";
        assertThat(v).as(what).startsWith(prefix);
        BigInteger n = new BigInteger(v.substring(prefix.length()));
        BigInteger start = BigInteger.valueOf(f.has("start") ? f.get("start").asLong() : 0);
        BigInteger step = BigInteger.valueOf(f.has("step") ? f.get("step").asLong() : 1);
        assertThat(n.subtract(start).mod(step.abs())).as(what).isEqualTo(BigInteger.ZERO);
        assertThat(n.subtract(start).signum() * step.signum()).as(what).isGreaterThanOrEqualTo(0);
        return v;
      }
      case "template": {
        String v = raw.toString();
        assertThat(v).as(what).matches(templatePattern(f.get("template").asText()));
        return v;
      }
      case "uuid": {
        UUID v = raw instanceof UUID ? (UUID) raw : UUID.fromString(raw.toString());
        assertThat(v.version()).as(what).isEqualTo(4);
        return v;
      }
      case "timestamp": {
        long micros;
        if (raw instanceof CharSequence) {
          Instant i = Instant.parse(raw.toString());
          micros = ChronoUnit.MICROS.between(Instant.EPOCH, i);
        } else {
          assertThat(raw).as("%s: a whole number", what).isInstanceOf(Long.class);
          micros = (Long) raw;
          if (json && f.has("format") && f.get("format").asText().equals("epoch_millis")) {
            micros = Math.multiplyExact(micros, 1000L); // JSON's epoch_millis form
          }
        }
        if (range != null && range.isArray()) {
          long from = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(range.get(0).asText()));
          long to = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(range.get(1).asText()));
          assertThat(micros).as(what).isGreaterThanOrEqualTo(from).isLessThan(to);
        } else {
          // The run's time, or a window around it: within a year of now.
          long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
          assertThat(Math.abs(micros - now)).as(what).isLessThan(366L * 24 * 3600 * 1_000_000);
        }
        return micros;
      }
      case "boolean":
        assertThat(raw).as(what).isInstanceOf(Boolean.class);
        return raw;
      case "date": {
        LocalDate v = raw instanceof LocalDate ? (LocalDate) raw
            : raw instanceof Number ? LocalDate.ofEpochDay(((Number) raw).longValue())
            : LocalDate.parse(raw.toString());
        assertThat(v).as(what).isBetween(LocalDate.parse(range.get(0).asText()), LocalDate.parse(range.get(1).asText()));
        return v;
      }
      case "decimal": {
        int scale = f.has("scale") ? f.get("scale").asInt() : 0;
        BigDecimal v;
        if (raw instanceof ByteBuffer) { // Avro: the unscaled two's complement bytes
          v = new BigDecimal(new BigInteger(bytes(raw)), scale);
        } else if (raw instanceof Long && !json) {
          v = BigDecimal.valueOf((Long) raw, scale); // binary: the unscaled number
        } else {
          v = new BigDecimal(raw.toString()); // protobuf text, JSON number
        }
        assertThat(v.scale()).as("%s: %s has scale %s", what, v, scale).isEqualTo(scale);
        assertThat(v.precision()).as(what).isLessThanOrEqualTo(f.get("precision").asInt());
        assertThat(v).as(what).isBetween(range.get(0).decimalValue(), range.get(1).decimalValue());
        return v;
      }
      case "bytes": {
        byte[] v = raw instanceof CharSequence ? Base64.getDecoder().decode(raw.toString()) : bytes(raw);
        JsonNode length = f.get("length");
        assertThat(v.length).as(what).isBetween(length.get(0).asInt(), length.get(1).asInt());
        return v;
      }
      default:
        return raw; // a kind this test does not know yet: present (and null as its setting says)
    }
  }

  /**
   * What references promise, over the decoded events: references to one pool member in an event
   * agree across events (a member's id always comes with the same attributes), and references to
   * ids another type emitted find them in the declared share.
   */
  private static void assertReferences(String sink, Map<String, List<Map<String, Object>>> decoded) {
    for (EventType t : types.values()) {
      Map<String, List<JsonNode>> byMember = new HashMap<>();
      for (JsonNode f : t.fields) {
        if (!f.has("ref")) {
          continue;
        }
        String owner = f.get("ref").asText().substring(0, f.get("ref").asText().lastIndexOf('.'));
        String field = f.get("ref").asText().substring(owner.length() + 1);
        if (types.containsKey(owner)) {
          Set<String> emitted = decoded.getOrDefault(owner, List.of()).stream()
              .map(v -> String.valueOf(v.get(field))).collect(Collectors.toSet());
          List<Map<String, Object>> rows = decoded.getOrDefault(t.id, List.of());
          long found = rows.stream().filter(v -> emitted.contains(String.valueOf(v.get(f.get("name").asText())))).count();
          double match = f.get("match").asDouble();
          double sigma = Math.sqrt(match * (1 - match) / rows.size());
          assertThat((double) found / rows.size()).as("%s: %s.%s found among %s's", sink, t.id, f.get("name").asText(), owner)
              .isBetween(match - 5 * sigma - 0.005, match + 5 * sigma);
        } else {
          byMember.computeIfAbsent(owner + "#" + (f.has("role") ? f.get("role").asText() : ""), k -> new ArrayList<>()).add(f);
        }
      }
      for (List<JsonNode> member : byMember.values()) {
        for (int i = 1; i < member.size(); i++) {
          String first = member.get(0).get("name").asText();
          String other = member.get(i).get("name").asText();
          Map<String, Set<String>> seen = new HashMap<>();
          for (Map<String, Object> v : decoded.getOrDefault(t.id, List.of())) {
            seen.computeIfAbsent(String.valueOf(v.get(first)), k -> new HashSet<>()).add(String.valueOf(v.get(other)));
          }
          seen.forEach((id, values) -> assertThat(values).as("%s: %s.%s of %s %s", sink, t.id, other, first, id).hasSize(1));
        }
      }
    }
  }

  /** "sink: type.a.b[].c{}.d" -> "type.a.b[].c{}.d", the key of a nested field's null counts. */
  private static String pathOf(String what) {
    return what.substring(what.indexOf(": ") + 2);
  }

  /** A field's nulls as its setting says; its struct's children (at any depth, in arrays and maps too) likewise. */
  private static void assertNulls(String sink, String path, JsonNode f, Map<String, int[]> nulls) {
    int[] n = nulls.get(path);
    assertThat(n).as("%s: %s arrived in some event", sink, path).isNotNull();
    if (nullable(f)) {
      assertThat(n[0]).as("%s: %s null sometimes", sink, path).isPositive();
      assertThat(n[1]).as("%s: %s not null sometimes", sink, path).isPositive();
    } else {
      assertThat(n[0]).as("%s: %s never null", sink, path).isZero();
    }
    String kind = f.get("type").asText();
    JsonNode inner = kind.equals("array") ? f.get("items") : kind.equals("map") ? f.get("values") : f;
    String innerPath = kind.equals("array") ? path + "[]" : kind.equals("map") ? path + "{}" : path;
    if (inner.get("type").asText().equals("struct")) {
      for (JsonNode c : inner.get("fields")) {
        assertNulls(sink, innerPath + "." + c.get("name").asText(), c, nulls);
      }
    }
  }

  /**
   * An expr field equals its formula over the same event's decoded operands: exactly, in 64-bit
   * integers for a whole result; for a double, evaluated in doubles in the formula's order and rounded
   * as the field's precision rounds. Null exactly when an operand is (unless it has a null_ratio).
   */
  private static void checkExpr(String what, JsonNode f, Object v, Map<String, Object> operands) {
    boolean whole = !f.get("result").asText().equals("double");
    Object expected = new Formula(f.get("expr").asText(), operands, whole).value();
    if (expected != null && !whole && f.has("precision")) {
      double scale = Math.pow(10, f.get("precision").asInt());
      expected = (long) Math.floor((Double) expected * scale + 0.5) / scale;
    }
    if (v == null && expected != null && f.has("null_ratio") && f.get("null_ratio").asDouble() > 0) {
      return; // null by its own draw
    }
    assertThat(v).as("%s = %s over %s", what, f.get("expr").asText(), operands).isEqualTo(expected);
  }

  /** A recursive-descent evaluator of the expr grammar (docs/config.md, "Correlated fields"). */
  private static final class Formula {
    private final String text;
    private final Map<String, Object> operands;
    private final boolean whole;
    private int at;
    private boolean sawNull;

    Formula(String text, Map<String, Object> operands, boolean whole) {
      this.text = text;
      this.operands = operands;
      this.whole = whole;
    }

    /** The value (Long or Double), or null when an operand is. */
    Object value() {
      Number v = sum();
      skip();
      assertThat(at).as("formula %s parsed to its end", text).isEqualTo(text.length());
      return sawNull ? null : v;
    }

    private Number sum() {
      Number v = product();
      while (true) {
        skip();
        if (eat('+')) {
          v = op('+', v, product());
        } else if (eat('-')) {
          v = op('-', v, product());
        } else {
          return v;
        }
      }
    }

    private Number product() {
      Number v = unary();
      while (true) {
        skip();
        if (eat('*')) {
          v = op('*', v, unary());
        } else if (eat('/')) {
          v = op('/', v, unary());
        } else {
          return v;
        }
      }
    }

    private Number unary() {
      skip();
      if (eat('-')) {
        Number v = unary();
        return whole ? (Number) Math.negateExact(v.longValue()) : (Number) (-v.doubleValue());
      }
      return atom();
    }

    private Number atom() {
      skip();
      if (eat('(')) {
        Number v = sum();
        skip();
        expect(')');
        return v;
      }
      char c = text.charAt(at);
      if (Character.isDigit(c) || c == '.') {
        int start = at;
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
          at++;
        }
        String number = text.substring(start, at);
        return whole ? (Number) Long.parseLong(number) : (Number) Double.parseDouble(number);
      }
      String name;
      if (eat('`')) {
        int end = text.indexOf('`', at);
        name = text.substring(at, end);
        at = end + 1;
      } else {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
          at++;
        }
        name = text.substring(start, at);
      }
      skip();
      if (eat('(')) { // abs, min, max
        List<Number> args = new ArrayList<>();
        do {
          args.add(sum());
          skip();
        } while (eat(','));
        expect(')');
        Number v = args.get(0);
        switch (name) {
          case "abs":
            return whole ? (Number) Math.absExact(v.longValue()) : (Number) Math.abs(v.doubleValue());
          case "min":
          case "max":
            // The left operand stays unless the right one is strictly smaller (min) or larger (max).
            for (Number a : args.subList(1, args.size())) {
              int cmp = whole ? Long.compare(a.longValue(), v.longValue()) : Double.compare(a.doubleValue(), v.doubleValue());
              if (name.equals("min") ? cmp < 0 : cmp > 0) {
                v = a;
              }
            }
            return v;
          default:
            throw new AssertionError("unknown function " + name + " in " + text);
        }
      }
      assertThat(operands).as("operand %s of %s", name, text).containsKey(name);
      Object o = operands.get(name);
      if (o == null) {
        sawNull = true;
        return whole ? (Number) 0L : (Number) 0.0;
      }
      return whole ? (Number) ((Number) o).longValue() : (Number) ((Number) o).doubleValue();
    }

    private Number op(char op, Number a, Number b) {
      if (whole) {
        long x = a.longValue();
        long y = b.longValue();
        switch (op) {
          case '+':
            return Math.addExact(x, y);
          case '-':
            return Math.subtractExact(x, y);
          case '*':
            return Math.multiplyExact(x, y);
          default:
            throw new AssertionError("a whole formula has no " + op + ": " + text);
        }
      }
      double x = a.doubleValue();
      double y = b.doubleValue();
      switch (op) {
        case '+':
          return x + y;
        case '-':
          return x - y;
        case '*':
          return x * y;
        default:
          return x / y;
      }
    }

    private void skip() {
      while (at < text.length() && text.charAt(at) == ' ') {
        at++;
      }
    }

    private boolean eat(char c) {
      if (at < text.length() && text.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      assertThat(eat(c)).as("'%s' at %s of %s", c, at, text).isTrue();
    }
  }

  /**
   * Avro: a nested record's fields by name, an array's items (GenericData.Array), a map's entries by
   * key text, the rest as decoded.
   */
  private static Object avroValue(JsonNode f, Object v) {
    if (v == null) {
      return null;
    }
    switch (f.get("type").asText()) {
      case "struct": {
        assertThat(v).isInstanceOf(GenericRecord.class);
        GenericRecord r = (GenericRecord) v;
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode c : f.get("fields")) {
          assertThat(r.getSchema().getField(c.get("identifier").asText())).as("%s in %s", c, r.getSchema()).isNotNull();
          out.put(c.get("name").asText(), avroValue(c, r.get(c.get("identifier").asText())));
        }
        assertThat(r.getSchema().getFields()).hasSameSizeAs(out.keySet());
        return out;
      }
      case "array": {
        assertThat(v).isInstanceOf(GenericData.Array.class);
        List<Object> out = new ArrayList<>();
        ((List<?>) v).forEach(item -> out.add(avroValue(f.get("items"), item)));
        return out;
      }
      case "map": {
        // A java.util.Map with Utf8 keys (a HashMap: Avro's reader keeps no entry order).
        assertThat(v).isInstanceOf(Map.class);
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) v).forEach((key, value) -> {
          assertThat(key).isInstanceOf(org.apache.avro.util.Utf8.class);
          out.put(key.toString(), avroValue(f.get("values"), value));
        });
        return out;
      }
      default:
        return v;
    }
  }

  /**
   * Protobuf: a nested message's fields by name (an absent optional child: null), a repeated field's
   * items, a map's entries by key, an enum value as its symbol, the rest as decoded.
   */
  private static Object protoValue(JsonNode f, Object v) {
    switch (f.get("type").asText()) {
      case "struct": {
        assertThat(v).isInstanceOf(DynamicMessage.class);
        DynamicMessage m = (DynamicMessage) v;
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode c : f.get("fields")) {
          Descriptors.FieldDescriptor fd = m.getDescriptorForType().findFieldByName(c.get("identifier").asText());
          assertThat(fd).as("%s in %s", c, m.getDescriptorForType().getFullName()).isNotNull();
          assertThat(fd.hasPresence()).as("%s is optional", c).isEqualTo(protoPresence(c));
          out.put(c.get("name").asText(), fd.hasPresence() && !m.hasField(fd) ? null : protoValue(c, m.getField(fd)));
        }
        assertThat(m.getDescriptorForType().getFields()).hasSameSizeAs(out.keySet());
        return out;
      }
      case "array": {
        assertThat(v).isInstanceOf(List.class);
        List<Object> out = new ArrayList<>();
        ((List<?>) v).forEach(item -> out.add(protoValue(f.get("items"), item)));
        return out;
      }
      case "map": {
        // A repeated field of map-entry messages with the fields key and value, in payload order.
        assertThat(v).isInstanceOf(List.class);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object item : (List<?>) v) {
          assertThat(item).isInstanceOf(DynamicMessage.class);
          DynamicMessage entry = (DynamicMessage) item;
          Descriptors.Descriptor d = entry.getDescriptorForType();
          assertThat(d.getOptions().getMapEntry()).as("%s is a map entry", d.getFullName()).isTrue();
          Object key = entry.getField(d.findFieldByName("key"));
          assertThat(key).isInstanceOf(String.class);
          assertThat(out.put((String) key, protoValue(f.get("values"), entry.getField(d.findFieldByName("value")))))
              .as("key %s once", key).isNull();
        }
        return out;
      }
      default:
        if (v instanceof Descriptors.EnumValueDescriptor) {
          // <FIELD>_<SYMBOL>, upper-cased: back to the symbol as the YAML spells it (the longest that fits).
          String name = ((Descriptors.EnumValueDescriptor) v).getName();
          return stream(f.get("values"))
              .filter(s -> name.endsWith("_" + s.toUpperCase(java.util.Locale.ROOT)))
              .max(java.util.Comparator.comparingInt(String::length))
              .orElse("?" + name);
        }
        return v;
    }
  }

  /** Whether protobuf tracks the field's presence: a nullable one (optional, but not repeated nor a map), and a message. */
  private static boolean protoPresence(JsonNode f) {
    String kind = f.get("type").asText();
    return kind.equals("struct") || (nullable(f) && !kind.equals("array") && !kind.equals("map"));
  }

  /** JSON: an object's members by name (a struct's or a map's), an array's items; text, boolean, whole or decimal number. */
  private static Object jsonValue(JsonNode f, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    switch (f.get("type").asText()) {
      case "struct": {
        assertThat(v.isObject()).as("%s is an object", v).isTrue();
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode c : f.get("fields")) {
          String name = c.get("name").asText();
          assertThat(v.has(name)).as("%s in %s", name, v).isTrue();
          out.put(name, jsonValue(c, v.get(name)));
        }
        assertThat(v.size()).as("members of %s", v).isEqualTo(out.size());
        return out;
      }
      case "array": {
        assertThat(v.isArray()).as("%s is an array", v).isTrue();
        List<Object> out = new ArrayList<>();
        v.forEach(item -> out.add(jsonValue(f.get("items"), item)));
        return out;
      }
      case "map": {
        assertThat(v.isObject()).as("%s is an object", v).isTrue();
        Map<String, Object> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> out.put(e.getKey(), jsonValue(f.get("values"), e.getValue())));
        return out;
      }
      default:
        return v.isTextual() ? v.asText()
            : v.isBoolean() ? (Object) v.booleanValue()
            : v.isIntegralNumber() ? (Object) v.longValue()
            : v.decimalValue();
    }
  }

  /**
   * The reference decoder's type of a manifest field, spelled as streamgen-compiler's
   * GeneratedCodeTest.binaryType spells it: a struct's, array's or map's spelled out, an expr as its result,
   * {@code ?} when nullable.
   */
  private static String binaryType(JsonNode field) {
    String type;
    switch (field.get("type").asText()) {
      case "struct": {
        List<String> children = new ArrayList<>();
        field.get("fields").forEach(c -> children.add(binaryType(c)));
        type = "struct<" + String.join(",", children) + ">";
        break;
      }
      case "array":
        type = "array<" + binaryType(field.get("items")) + ">";
        break;
      case "map":
        type = "map<" + binaryType(field.get("values")) + ">"; // keys are always strings
        break;
      case "expr":
        type = field.get("result").asText(); // laid out as its result type
        break;
      default:
        type = field.get("type").asText();
    }
    return type + (nullable(field) ? "?" : "");
  }

  /** Binary: a struct's values (a List in field order) by name, an array's items, a map's entries. */
  private static Object binaryValue(JsonNode f, Object v) {
    if (v == null) {
      return null;
    }
    switch (f.get("type").asText()) {
      case "struct": {
        assertThat(v).isInstanceOf(List.class);
        List<?> values = (List<?>) v;
        assertThat(values).hasSize(f.get("fields").size());
        Map<String, Object> out = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode c : f.get("fields")) {
          out.put(c.get("name").asText(), binaryValue(c, values.get(i++)));
        }
        return out;
      }
      case "array": {
        assertThat(v).isInstanceOf(List.class);
        List<Object> out = new ArrayList<>();
        ((List<?>) v).forEach(item -> out.add(binaryValue(f.get("items"), item)));
        return out;
      }
      case "map": {
        assertThat(v).isInstanceOf(Map.class); // the decoder's, in payload order
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) v).forEach((key, value) -> out.put((String) key, binaryValue(f.get("values"), value)));
        return out;
      }
      default:
        return v;
    }
  }

  private static byte[] bytes(Object raw) {
    if (raw instanceof byte[]) {
      return (byte[]) raw;
    }
    if (raw instanceof ByteString) {
      return ((ByteString) raw).toByteArray();
    }
    if (raw instanceof ByteBuffer) {
      ByteBuffer b = ((ByteBuffer) raw).duplicate();
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    }
    throw new AssertionError("not bytes: " + raw.getClass().getName() + " " + raw);
  }

  /** A regular expression matching every text the template can make. */
  private static String templatePattern(String template) {
    Matcher m = Pattern.compile("\\{\\{(.*?)\\}\\}").matcher(template);
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (m.find()) {
      out.append(Pattern.quote(template.substring(at, m.start())));
      String p = m.group(1);
      if (p.equals("uuid")) {
        out.append("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      } else if (p.startsWith("int:")) {
        out.append("-?[0-9]+");
      } else if (p.startsWith("enum:")) {
        out.append(Arrays.stream(p.substring(5).split("\\|", -1)).map(Pattern::quote)
            .collect(Collectors.joining("|", "(?:", ")")));
      } else {
        throw new AssertionError("unknown template placeholder " + p);
      }
      at = m.end();
    }
    return out.append(Pattern.quote(template.substring(at))).toString();
  }

  private static String text(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof byte[]) {
      return Base64.getEncoder().encodeToString((byte[]) v);
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    }
    if (v instanceof Map) {
      return ((Map<?, ?>) v).entrySet().stream().map(e -> e.getKey() + "=" + text(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    if (v instanceof List) {
      return ((List<?>) v).stream().map(EveryKindEndToEndTest::text).collect(Collectors.joining(",", "[", "]"));
    }
    return v.toString();
  }

  private static boolean nullable(JsonNode f) {
    return f.has("nullable") && f.get("nullable").asBoolean();
  }

  private static JsonNode field(EventType t, String name) {
    return t.fields.stream().filter(f -> f.get("name").asText().equals(name)).findFirst().orElseThrow();
  }

  private static java.util.stream.Stream<String> stream(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out.stream();
  }

  private static Schema parseAvro(Path file) {
    try {
      return new Schema.Parser().parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Descriptors of the generated .proto, built by protoc itself (fetched by the build from Maven Central). */
  private static Descriptors.FileDescriptor protoc() throws Exception {
    File protoc = new File(System.getProperty("streamgen.protoc", "target/protoc/protoc.exe"));
    assertThat(protoc).exists();
    protoc.setExecutable(true);
    Path protoDir = schemas.resolve("proto");
    String file;
    try (java.util.stream.Stream<Path> files = Files.list(protoDir)) {
      file = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".proto")).findFirst().orElseThrow();
    }
    Path descriptorSet = Files.createTempFile("every-kind", ".pb");
    Process p =
        new ProcessBuilder(protoc.getAbsolutePath(), "--descriptor_set_out=" + descriptorSet, "-I", protoDir.toString(), file)
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("protoc: %s", output).isZero();
    DescriptorProtos.FileDescriptorSet set = DescriptorProtos.FileDescriptorSet.parseFrom(Files.readAllBytes(descriptorSet));
    return Descriptors.FileDescriptor.buildFrom(set.getFile(0), new Descriptors.FileDescriptor[0]);
  }
}
