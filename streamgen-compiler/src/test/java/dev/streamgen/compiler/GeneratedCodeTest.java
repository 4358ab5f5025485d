package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.kinds.BinaryDecoder;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import dev.streamgen.runtime.kinds.FieldGenerator;
import dev.streamgen.runtime.kinds.NullableField;
import dev.streamgen.runtime.kinds.StringField;
import dev.streamgen.runtime.encode.ByteWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the generated code of a config using every field kind, runs its kernels, and decodes
 * what they write with standard tools only: Jackson (JSON), Apache Avro's single-object decoder
 * with the generated .avsc, protobuf-java's DynamicMessage over descriptors protoc built from the
 * generated .proto, and the binary reference decoder driven by the manifest.
 */
class GeneratedCodeTest {
  static final Path CONFIG = Path.of("src/test/resources/configs/all_kinds.yaml");
  static final long SEED = 7;
  static final long BASE_MICROS = 1_795_000_000_123_456L;
  static final int ROWS = 2_000;
  static final ObjectMapper JSON = new ObjectMapper();
  /** Keeps a JSON number's decimals as written (12.30 stays 12.30): how decimals are checked. */
  static final ObjectMapper EXACT_JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  @TempDir static Path dir;
  static CompileRequest request;
  static URLClassLoader loader;
  static Catalog catalog;
  static JsonNode manifest;

  @BeforeAll
  static void compileAndLoad() throws Exception {
    request = GeneratedSources.request(CONFIG, dir.resolve("out"));
    CompileResult result = Compiler.compile(request);
    assertThat(result.errors()).isEmpty();
    loader = GeneratedSources.compileAndLoad(request, dir.resolve("classes"));
    List<String> catalogs = new ArrayList<>();
    for (URL url : Collections.list(loader.getResources(Catalog.INDEX_RESOURCE))) {
      try (InputStream in = url.openStream()) {
        new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(catalogs::add);
      }
    }
    assertThat(catalogs).containsExactly("streamgen.generated.AllKindsCatalog");
    catalog = (Catalog) loader.loadClass(catalogs.get(0)).getConstructor().newInstance();
    manifest = JSON.readTree(request.schemaOutputDirectory().resolve("manifest.json").toFile());
  }

  @AfterAll
  static void close() throws IOException {
    loader.close();
  }

  @Test
  void catalogDescribesTheYaml() throws IOException {
    assertThat(catalog.sourceName()).isEqualTo("all_kinds.yaml");
    assertThat(catalog.sourceYaml()).isEqualTo(Files.readString(CONFIG));
    assertThat(catalog.size()).isEqualTo(11);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < catalog.size(); i++) {
      ids.add(catalog.kernel(i).eventTypeId());
    }
    assertThat(ids).containsExactly("user.session.start", "sensor.reading", "empty", "nullable.fields", "distributions", "ids.and.windows", "scalars", "order.placed", "nested", "generated.strings", "computed");
    double[] weights = new double[catalog.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = catalog.weight(i);
    }
    assertThat(weights).containsExactly(new double[] {0.45, 0.3, 0.01, 0.04, 0.04, 0.03, 0.03, 0.04, 0.01, 0.04, 0.01}, within(1e-12));
    assertThat(catalog.kernel(0).fieldNames()).containsExactly("user_id", "event_time", "session_id", "device-type");
    assertThat(catalog.kernel(2).fieldNames()).as("an identical common field keeps its place").containsExactly("user_id", "event_time");
  }

  @Test
  void generatedSourcesArePureAsciiWhateverTheYamlHolds() throws IOException {
    for (Path file : GeneratedSources.files(request.javaOutputDirectory())) {
      byte[] bytes = Files.readAllBytes(file);
      for (byte b : bytes) {
        assertThat(b & 0xFF).as("%s", file).isLessThan(0x80);
      }
    }
  }

  @Test
  void jsonPayloadsParseWithJacksonToTheEventsValues() throws Exception {
    forEveryRow((kernel, row, t, event, fields) -> {
      byte[] payload = write(kernel, row, t, Format.JSON);
      JsonNode json = JSON.readTree(payload);
      JsonNode exact = EXACT_JSON.readTree(payload);
      List<String> names = new ArrayList<>();
      json.fieldNames().forEachRemaining(names::add);
      assertThat(names).isEqualTo(kernel.fieldNames());
      for (int i = 0; i < fields.size(); i++) {
        JsonNode field = fields.get(i);
        String name = field.get("name").asText();
        JsonNode value = json.get(name);
        Object expected = event.get(i);
        checkJson(field, value, exact.get(name), expected);
        if (field.get("type").asText().equals("faker") && expected != null) {
          assertThat(pool(kernel, i)).contains((String) expected);
        }
        if (expected == null) {
          assertThat(kernel.fieldText(SEED, row, t, i)).isEqualTo("null");
          continue;
        }
        if (value.isContainerNode()) {
          // A struct's or an array's text is its JSON.
          assertThat(JSON.readTree(kernel.fieldText(SEED, row, t, i))).isEqualTo(value);
          continue;
        }
        String text = expected instanceof BigDecimal d ? d.toPlainString() : value.isTextual() ? value.textValue() : value.toString();
        if (value.isFloatingPointNumber()) {
          // Jackson prints large doubles with an exponent; the text is the number as the payload has it.
          assertThat(new BigDecimal(kernel.fieldText(SEED, row, t, i))).isEqualTo(exact.get(field.get("name").asText()).decimalValue());
        } else {
          assertThat(kernel.fieldText(SEED, row, t, i)).isEqualTo(text);
        }
      }
    });
  }

  /** Checks one JSON value (and the same value read with exact decimals) against the event's value, nested ones recursively. */
  static void checkJson(JsonNode field, JsonNode value, JsonNode exact, Object expected) {
    if (expected == null) {
      assertThat(value.isNull()).as("%s", field).isTrue();
      return;
    }
    switch (field.get("type").asText()) {
      case "int" -> assertThat(value.isInt() && value.intValue() == (Integer) expected).isTrue();
      case "long" -> assertThat(value.isIntegralNumber() && value.canConvertToLong() && value.longValue() == (Long) expected).as("%s", value).isTrue();
      case "float", "double" -> assertThat(value.isNumber() && value.doubleValue() == (Double) expected).as("%s", value).isTrue();
      case "boolean" -> assertThat(value.isBoolean() && value.booleanValue() == (Boolean) expected).as("%s", value).isTrue();
      case "date" -> {
        assertThat(LocalDate.parse(value.textValue())).isEqualTo(expected);
        assertThat(value.textValue()).matches("\\d{4}-\\d\\d-\\d\\d");
      }
      case "string", "sequence", "template", "faker" -> assertThat(value.textValue()).isEqualTo(expected);
      case "regex" -> {
        assertThat(value.textValue()).isEqualTo(expected);
        assertThat((String) expected).matches(java.util.regex.Pattern.compile(field.get("regex").asText()));
      }
      case "uuid" -> assertThat(UUID.fromString(value.textValue())).isEqualTo(expected);
      case "timestamp" -> {
        switch (field.has("format") ? field.get("format").asText() : "iso8601") {
          case "epoch_millis" -> assertThat(value.isIntegralNumber() && value.longValue() == Math.floorDiv((Long) expected, 1_000L)).as("%s", value).isTrue();
          case "epoch_micros" -> assertThat(value.isIntegralNumber() && value.longValue() == (Long) expected).as("%s", value).isTrue();
          default -> {
            Instant instant = Instant.parse(value.textValue());
            assertThat(ChronoUnit.MICROS.between(Instant.EPOCH, instant)).isEqualTo(expected);
            assertThat(value.textValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
          }
        }
      }
      // equals compares the scale too: the JSON number has exactly `scale` decimals.
      case "decimal" -> assertThat(exact.decimalValue()).isEqualTo(expected);
      case "bytes" -> assertThat(Base64.getDecoder().decode(value.textValue())).isEqualTo((byte[]) expected);
      case "enum" -> assertThat(value.textValue()).isEqualTo(expected);
      case "expr" -> assertThat(switch (field.get("result").asText()) {
        case "int" -> value.isInt() && value.intValue() == (Integer) expected;
        case "long" -> value.isIntegralNumber() && value.canConvertToLong() && value.longValue() == (Long) expected;
        default -> value.isNumber() && value.doubleValue() == (Double) expected;
      }).as("%s", value).isTrue();
      case "struct" -> {
        List<String> names = new ArrayList<>();
        value.fieldNames().forEachRemaining(names::add);
        List<String> declared = new ArrayList<>();
        field.get("fields").forEach(c -> declared.add(c.get("name").asText()));
        assertThat(names).isEqualTo(declared);
        for (JsonNode child : field.get("fields")) {
          String name = child.get("name").asText();
          checkJson(child, value.get(name), exact.get(name), member(expected, child));
        }
      }
      case "array" -> {
        List<?> items = (List<?>) expected;
        assertThat(value.isArray() && value.size() == items.size()).as("%s", value).isTrue();
        for (int k = 0; k < items.size(); k++) {
          checkJson(field.get("items"), value.get(k), exact.get(k), items.get(k));
        }
      }
      case "map" -> {
        Map<?, ?> entries = (Map<?, ?>) expected;
        List<String> names = new ArrayList<>();
        value.fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(new ArrayList<>(entries.keySet()));
        for (Map.Entry<?, ?> e : entries.entrySet()) {
          String key = (String) e.getKey();
          checkJson(field.get("values"), value.get(key), exact.get(key), e.getValue());
        }
      }
      default -> throw new AssertionError(field);
    }
  }

  /**
   * A reference's manifest field ({@code type: ref}, {@code target_type} and the target's parameters)
   * as its target's field: a reference is encoded, typed and laid out as its target is.
   */
  static JsonNode refTarget(JsonNode field) {
    assertThat(field.get("type").asText()).isEqualTo("ref");
    ObjectNode target = field.deepCopy();
    target.put("type", field.get("target_type").asText());
    return target;
  }

  /** The value of a struct's field {@code child} in the struct's typed object. */
  static Object member(Object struct, JsonNode child) {
    try {
      return struct.getClass().getField(child.get("identifier").asText()).get(struct);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(child.toString(), e);
    }
  }

  @Test
  void avroPayloadsDecodeWithApacheAvroSingleObjectDecoder() throws Exception {
    Map<String, BinaryMessageDecoder<GenericRecord>> decoders = new HashMap<>();
    // Avro's own conversion of logicalType date, so a date field decodes to the LocalDate the event holds.
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new TimeConversions.DateConversion());
    forEveryRow((kernel, row, t, event, fields) -> {
      Schema schema = new Schema.Parser().parse(request.schemaOutputDirectory().resolve("avro/" + kernel.eventTypeId() + ".avsc").toFile());
      assertThat(kernel.avroFingerprint()).isEqualTo(SchemaNormalization.parsingFingerprint64(schema));
      byte[] bytes = write(kernel, row, t, Format.AVRO);
      assertThat(bytes[0]).isEqualTo((byte) 0xC3);
      assertThat(bytes[1]).isEqualTo((byte) 0x01);
      assertThat(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(kernel.avroFingerprint());
      GenericRecord record =
          decoders.computeIfAbsent(kernel.eventTypeId(), id -> new BinaryMessageDecoder<>(model, schema)).decode(bytes);
      for (int i = 0; i < fields.size(); i++) {
        String identifier = fields.get(i).get("identifier").asText();
        checkAvro(fields.get(i), schema.getField(identifier).schema(), record.get(identifier), event.get(i));
      }
    });
  }

  /** Checks one value Avro decoded (with the field's schema) against the event's value, nested ones recursively. */
  static void checkAvro(JsonNode field, Schema schema, Object value, Object expected) {
    Schema fieldSchema = valueSchema(schema);
    if (expected instanceof BigDecimal decimal) {
      // Avro's own conversion reads the value back and writes exactly the bytes the kernel wrote.
      Conversions.DecimalConversion conversion = new Conversions.DecimalConversion();
      assertThat(conversion.fromBytes(((ByteBuffer) value).duplicate(), fieldSchema, fieldSchema.getLogicalType())).isEqualTo(decimal);
      assertThat(value).isEqualTo(conversion.toBytes(decimal, fieldSchema, fieldSchema.getLogicalType()));
    } else if (expected instanceof byte[] raw) {
      assertThat(value).isEqualTo(ByteBuffer.wrap(raw));
    } else if (expected instanceof UUID || expected instanceof String) {
      assertThat(fieldSchema.getType()).isEqualTo(field.get("type").asText().equals("enum") ? Schema.Type.ENUM : Schema.Type.STRING);
      assertThat(value.toString()).isEqualTo(expected.toString());
    } else if (expected != null && field.get("type").asText().equals("struct")) {
      assertThat(fieldSchema.getType()).isEqualTo(Schema.Type.RECORD);
      GenericRecord record = (GenericRecord) value;
      for (JsonNode child : field.get("fields")) {
        String identifier = child.get("identifier").asText();
        checkAvro(child, fieldSchema.getField(identifier).schema(), record.get(identifier), member(expected, child));
      }
    } else if (expected instanceof Map<?, ?> entries) {
      assertThat(fieldSchema.getType()).isEqualTo(Schema.Type.MAP);
      Map<String, Object> decoded = new HashMap<>();
      ((Map<?, ?>) value).forEach((k, v) -> decoded.put(k.toString(), v));
      assertThat(decoded.keySet()).isEqualTo(entries.keySet());
      for (Map.Entry<?, ?> e : entries.entrySet()) {
        checkAvro(field.get("values"), fieldSchema.getValueType(), decoded.get((String) e.getKey()), e.getValue());
      }
    } else if (expected instanceof List<?> items) {
      assertThat(fieldSchema.getType()).isEqualTo(Schema.Type.ARRAY);
      List<?> decoded = (List<?>) value;
      assertThat(decoded).hasSameSizeAs(items);
      for (int k = 0; k < items.size(); k++) {
        checkAvro(field.get("items"), fieldSchema.getElementType(), decoded.get(k), items.get(k));
      }
    } else {
      assertThat(value).isEqualTo(expected);
    }
  }

  @Test
  void protobufPayloadsParseWithDescriptorsFromProtocAndEqualProtobufJavasBytes() throws Exception {
    Descriptors.FileDescriptor file = protoc(request.schemaOutputDirectory().resolve("proto"), "all_kinds.proto", dir);
    forEveryRow((kernel, row, t, event, fields) -> {
      String message = manifestType(kernel.eventTypeId()).get("protobuf_message").asText();
      Descriptors.Descriptor descriptor = file.findMessageTypeByName(message.substring(message.lastIndexOf('.') + 1));
      byte[] bytes = write(kernel, row, t, Format.PROTOBUF);
      DynamicMessage parsed = DynamicMessage.parseFrom(descriptor, bytes);
      assertThat(parsed.getUnknownFields().asMap()).isEmpty();
      checkProtoFields(fields, descriptor, parsed, event);
      assertThat(parsed.toByteArray()).as("canonical protobuf-java encoding").isEqualTo(bytes);
    });
    assertThat(file.findMessageTypeByName("StreamgenEnvelope").getFields()).extracting(f -> f.getName()).containsExactly("event_type_id", "payload");
  }

  /** Checks a parsed message's fields (an event's, a struct's) against the values, numbered from 1 in order. */
  static void checkProtoFields(List<JsonNode> fields, Descriptors.Descriptor descriptor, DynamicMessage parsed, List<Object> values) {
    assertThat(parsed.getUnknownFields().asMap()).isEmpty();
    for (int i = 0; i < fields.size(); i++) {
      JsonNode field = fields.get(i);
      Descriptors.FieldDescriptor fd = descriptor.findFieldByName(field.get("identifier").asText());
      assertThat(fd.getNumber()).isEqualTo(i + 1);
      Object expected = values.get(i);
      if (nullable(field)) {
        if (fd.isRepeated()) {
          // A repeated field has no presence: a null list is absent, as an empty one.
          assertThat(fd.hasPresence()).isFalse();
          if (expected == null) {
            assertThat(parsed.getRepeatedFieldCount(fd)).isZero();
            continue;
          }
        } else {
          assertThat(fd.hasPresence()).as("proto3 optional").isTrue();
          assertThat(parsed.hasField(fd)).as("present exactly when not null: %s", fd).isEqualTo(expected != null);
          if (expected == null) {
            continue;
          }
        }
      }
      checkProtoValue(field, fd, parsed.getField(fd), expected);
    }
  }

  static void checkProtoValue(JsonNode field, Descriptors.FieldDescriptor fd, Object value, Object expected) {
    switch (field.get("type").asText()) {
      case "decimal" -> assertThat(value).isEqualTo(((BigDecimal) expected).toPlainString());
      case "bytes" -> assertThat(value).isEqualTo(ByteString.copyFrom((byte[]) expected));
      case "enum" -> {
        Descriptors.EnumValueDescriptor symbol = (Descriptors.EnumValueDescriptor) value;
        // The identifier of the field, or of the array or map holding it, names the enum's values.
        assertThat(symbol.getName()).isEqualTo((field.get("identifier").asText() + "_" + expected).toUpperCase(Locale.ROOT));
        assertThat(symbol.getNumber()).isEqualTo(symbolIndex(field, expected) + 1);
      }
      // int32 days since 1970-01-01
      case "date" -> assertThat(value).isEqualTo(Math.toIntExact(((LocalDate) expected).toEpochDay()));
      case "struct" -> {
        List<JsonNode> children = new ArrayList<>();
        field.get("fields").forEach(children::add);
        List<Object> members = new ArrayList<>();
        children.forEach(c -> members.add(member(expected, c)));
        checkProtoFields(children, fd.getMessageType(), (DynamicMessage) value, members);
      }
      case "array" -> {
        assertThat(fd.isRepeated()).isTrue();
        List<?> items = (List<?>) expected;
        List<?> parsed = (List<?>) value;
        assertThat(parsed).hasSameSizeAs(items);
        for (int k = 0; k < items.size(); k++) {
          checkProtoValue(field.get("items"), fd, parsed.get(k), items.get(k));
        }
      }
      case "map" -> {
        // protobuf-java reads map<string, V> as its entry messages, in payload order.
        assertThat(fd.isMapField()).isTrue();
        Map<?, ?> entries = (Map<?, ?>) expected;
        List<?> parsed = (List<?>) value;
        assertThat(parsed).hasSize(entries.size());
        Descriptors.FieldDescriptor keyField = fd.getMessageType().findFieldByName("key");
        Descriptors.FieldDescriptor valueField = fd.getMessageType().findFieldByName("value");
        int k = 0;
        for (Map.Entry<?, ?> e : entries.entrySet()) {
          DynamicMessage entry = (DynamicMessage) parsed.get(k++);
          assertThat(entry.getField(keyField)).isEqualTo(e.getKey());
          checkProtoValue(field.get("values"), valueField, entry.getField(valueField), e.getValue());
        }
      }
      default -> assertThat(expected instanceof UUID || expected instanceof String ? expected.toString() : expected).isEqualTo(value);
    }
  }

  @Test
  void binaryPayloadsDecodeWithTheReferenceDecoderAndTheManifest() throws Exception {
    forEveryRow((kernel, row, t, event, fields) -> {
      List<String> types = new ArrayList<>();
      fields.forEach(f -> types.add(binaryType(f)));
      List<Object> decoded = BinaryDecoder.decode(write(kernel, row, t, Format.BINARY), types);
      assertThat(decoded).hasSameSizeAs(event);
      for (int i = 0; i < fields.size(); i++) {
        checkBinary(fields.get(i), decoded.get(i), event.get(i));
      }
    });
  }

  /** The reference decoder's type of a manifest field: its type, a struct's or array's spelled out, {@code ?} when nullable. */
  static String binaryType(JsonNode field) {
    String type = switch (field.get("type").asText()) {
      case "struct" -> {
        List<String> children = new ArrayList<>();
        field.get("fields").forEach(c -> children.add(binaryType(c)));
        yield "struct<" + String.join(",", children) + ">";
      }
      case "array" -> "array<" + binaryType(field.get("items")) + ">";
      // An expr field is laid out as its result type.
      case "expr" -> field.get("result").asText();
      case "map" -> "map<" + binaryType(field.get("values")) + ">";
      default -> field.get("type").asText();
    };
    return type + (nullable(field) ? "?" : "");
  }

  static void checkBinary(JsonNode field, Object decoded, Object expected) {
    // The layout carries what the manifest does not: a decimal's unscaled value, a symbol's index.
    if (expected == null) {
      assertThat(decoded).isNull();
      return;
    }
    switch (field.get("type").asText()) {
      case "decimal" -> assertThat(decoded).isEqualTo(((BigDecimal) expected).unscaledValue().longValueExact());
      case "bytes" -> assertThat((byte[]) decoded).isEqualTo((byte[]) expected);
      case "enum" -> assertThat(decoded).isEqualTo(symbolIndex(field, expected));
      case "struct" -> {
        List<?> values = (List<?>) decoded;
        int j = 0;
        for (JsonNode child : field.get("fields")) {
          checkBinary(child, values.get(j++), member(expected, child));
        }
        assertThat(values).hasSize(j);
      }
      case "array" -> {
        List<?> items = (List<?>) expected;
        List<?> values = (List<?>) decoded;
        assertThat(values).hasSameSizeAs(items);
        for (int k = 0; k < items.size(); k++) {
          checkBinary(field.get("items"), values.get(k), items.get(k));
        }
      }
      case "map" -> {
        Map<?, ?> entries = (Map<?, ?>) expected;
        Map<?, ?> values = (Map<?, ?>) decoded;
        assertThat(new ArrayList<>(values.keySet())).isEqualTo(new ArrayList<>(entries.keySet()));
        for (Map.Entry<?, ?> e : entries.entrySet()) {
          checkBinary(field.get("values"), values.get(e.getKey()), e.getValue());
        }
      }
      default -> assertThat(decoded).isEqualTo(expected);
    }
  }

  @Test
  void eventObjectsSerializeToTheKernelsBytes() throws Exception {
    for (int i = 0; i < catalog.size(); i++) {
      EventKernel kernel = catalog.kernel(i);
      Class<?> type = loader.loadClass(manifestType(kernel.eventTypeId()).get("java_class").asText());
      for (long row = 0; row < 200; row++) {
        long t = BASE_MICROS + row;
        Object event = type.getMethod("generate", long.class, long.class, long.class).invoke(null, SEED, row, t);
        for (Format format : Format.values()) {
          ByteWriter out = new ByteWriter();
          String method = "write" + switch (format) {
            case JSON -> "Json";
            case AVRO -> "Avro";
            case BINARY -> "Binary";
            case PROTOBUF -> "Protobuf";
          };
          type.getMethod(method, ByteWriter.class).invoke(event, out);
          assertThat(out.toByteArray()).as("%s %s row %s", kernel.eventTypeId(), format, row).isEqualTo(write(kernel, row, t, format));
        }
        assertThat(event.toString()).isEqualTo(new String(write(kernel, row, t, Format.JSON), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void sameSeedAndRowGiveTheSameBytesAndOtherSeedsOthers() throws Exception {
    Catalog again = (Catalog) catalog.getClass().getConstructor().newInstance();
    int differing = 0;
    for (long row = 0; row < 100; row++) {
      for (Format format : Format.values()) {
        byte[] first = write(catalog.kernel(0), row, BASE_MICROS, format);
        assertThat(write(again.kernel(0), row, BASE_MICROS, format)).isEqualTo(first);
        ByteWriter other = new ByteWriter();
        catalog.kernel(0).write(SEED + 1, row, BASE_MICROS, format, other);
        differing += java.util.Arrays.equals(other.toByteArray(), first) ? 0 : 1;
      }
    }
    assertThat(differing).isEqualTo(400);
  }

  @Test
  void valuesStayInTheirRangesAndFollowTheirWeights() throws Exception {
    Map<String, Integer> devices = new HashMap<>();
    Map<Integer, Integer> deltas = new HashMap<>();
    int rows = 20_000;
    for (long row = 0; row < rows; row++) {
      JsonNode start = JSON.readTree(write(catalog.kernel(0), row, BASE_MICROS, Format.JSON));
      devices.merge(start.get("device-type").textValue(), 1, Integer::sum);
      assertThat(start.get("user_id").intValue()).isBetween(1, 1_000_000);
      JsonNode reading = JSON.readTree(write(catalog.kernel(1), row, BASE_MICROS, Format.JSON));
      deltas.merge(reading.get("delta").intValue(), 1, Integer::sum);
      assertThat(reading.get("temperature").doubleValue()).isGreaterThanOrEqualTo(-10.0).isLessThan(50.0);
      assertThat(reading.get("zero").doubleValue()).isEqualTo(0.0);
    }
    // Binomial standard deviation at 20,000 rows is at most 0.0036: 0.02 is over 5 sigma.
    assertThat(devices.get("iOS") / (double) rows).isCloseTo(0.4, within(0.02));
    assertThat(devices.get("Android") / (double) rows).isCloseTo(0.4, within(0.02));
    assertThat(devices.get("Web") / (double) rows).isCloseTo(0.2, within(0.02));
    assertThat(deltas.keySet()).containsExactlyInAnyOrder(-2, -1, 0, 1, 2);
    deltas.values().forEach(n -> assertThat(n / (double) rows).isCloseTo(0.2, within(0.02)));
  }

  @Test
  void mapsHaveUniformSizesDistinctKeysAndEquallyLikelyKeys() throws Exception {
    // Strict: a repeated key would fail to parse instead of collapsing into one entry.
    ObjectMapper strict = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    EventKernel nested = kernel("nested");
    Map<Integer, Integer> sizes = new HashMap<>();
    Map<String, Integer> keys = new HashMap<>();
    Map<Integer, Integer> uuidSizes = new HashMap<>();
    java.util.Set<String> uuids = new java.util.HashSet<>();
    int rows = 20_000;
    int uuidEntries = 0;
    for (long row = 0; row < rows; row++) {
      JsonNode event = strict.readTree(write(nested, row, BASE_MICROS, Format.JSON));
      JsonNode counts = event.get("counts");
      sizes.merge(counts.size(), 1, Integer::sum);
      counts.fieldNames().forEachRemaining(k -> keys.merge(k, 1, Integer::sum));
      counts.elements().forEachRemaining(v -> assertThat(v.intValue()).isBetween(-1, 1));
      JsonNode byId = event.get("by_id");
      uuidSizes.merge(byId.size(), 1, Integer::sum);
      byId.fieldNames().forEachRemaining(k -> assertThat(UUID.fromString(k).version()).isEqualTo(4));
      byId.fieldNames().forEachRemaining(uuids::add);
      uuidEntries += byId.size();
    }
    // Sizes uniform in [0, 4]: binomial standard deviation at 20,000 rows is 0.0028, 0.015 over 5 sigma.
    assertThat(sizes.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    sizes.values().forEach(n -> assertThat(n / (double) rows).isCloseTo(0.2, within(0.015)));
    // Each of 4 keys is in a map with probability E[size] / 4 = 0.5: standard deviation 0.0035, 0.02 over 5 sigma.
    assertThat(keys.keySet()).containsExactlyInAnyOrder("x", "", "y", "z");
    keys.values().forEach(n -> assertThat(n / (double) rows).isCloseTo(0.5, within(0.02)));
    // Uuid keys: sizes uniform in [0, 2] (standard deviation 0.0033, 0.02 over 5 sigma), never repeated across rows either.
    assertThat(uuidSizes.keySet()).containsExactlyInAnyOrder(0, 1, 2);
    uuidSizes.values().forEach(n -> assertThat(n / (double) rows).isCloseTo(1 / 3.0, within(0.02)));
    assertThat(uuids).hasSize(uuidEntries);
  }

  @Test
  void jsonPayloadsValidateAgainstTheGeneratedJsonSchema() throws Exception {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    Map<String, JsonSchema> schemas = new HashMap<>();
    forEveryRow((kernel, row, t, event, fields) -> {
      JsonSchema schema = schemas.computeIfAbsent(kernel.eventTypeId(), id -> {
        try {
          return factory.getSchema(Files.readString(request.schemaOutputDirectory().resolve("json-schema/" + id + ".schema.json")), config);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      JsonNode json = JSON.readTree(write(kernel, row, t, Format.JSON));
      assertThat(schema.validate(json)).as("%s row %s: %s", kernel.eventTypeId(), row, json).isEmpty();
    });
    // The validator does reject: a value of the wrong type, a missing key, an unknown key.
    JsonSchema start = schemas.get("user.session.start");
    ObjectNode bad = (ObjectNode) JSON.readTree(write(catalog.kernel(0), 0, BASE_MICROS, Format.JSON));
    assertThat(start.validate(bad.deepCopy().put("user_id", "1"))).isNotEmpty();
    assertThat(start.validate(bad.deepCopy().put("user_id", 0))).as("below the range").isNotEmpty();
    assertThat(start.validate(bad.deepCopy().put("extra", 1))).isNotEmpty();
    assertThat(start.validate(bad.deepCopy().without("session_id"))).isNotEmpty();
    assertThat(start.validate(bad.deepCopy().putNull("session_id"))).as("not nullable").isNotEmpty();
  }

  @Test
  void nullsFollowTheirRatiosAndNeverDependOnTheValue() throws Exception {
    EventKernel kernel = kernel("nullable.fields");
    int rows = 20_000;
    Map<String, Integer> nulls = new HashMap<>();
    Map<Integer, Integer> deltas = new HashMap<>();
    for (long row = 0; row < rows; row++) {
      JsonNode json = JSON.readTree(write(kernel, row, BASE_MICROS, Format.JSON));
      json.fields().forEachRemaining(e -> nulls.merge(e.getKey(), e.getValue().isNull() ? 1 : 0, Integer::sum));
      if (!json.get("maybe_delta").isNull()) {
        deltas.merge(json.get("maybe_delta").intValue(), 1, Integer::sum);
      }
    }
    // Binomial standard deviation at 20,000 rows is at most 0.0036: 0.02 is over 5 sigma.
    assertThat(nulls.get("maybe_delta") / (double) rows).isCloseTo(0.3, within(0.02));
    assertThat(nulls.get("maybe_zero") / (double) rows).as("default ratio").isCloseTo(0.1, within(0.02));
    assertThat(nulls.get("maybe_label") / (double) rows).isCloseTo(0.5, within(0.02));
    assertThat(nulls.get("maybe_id")).as("ratio 0").isZero();
    assertThat(nulls.get("always_null")).as("ratio 1").isEqualTo(rows);
    // The present values keep their own distribution: uniform over -1, 0, 1 (0.7 * 20,000 rows).
    int present = rows - nulls.get("maybe_delta");
    deltas.values().forEach(n -> assertThat(n / (double) present).isCloseTo(1 / 3.0, within(0.025)));
  }

  @Test
  void sequencesTemplatesAndTimestampWindowsStayInTheirRangesAndAreUniform() throws Exception {
    EventKernel kernel = kernel("ids.and.windows");
    int rows = 20_000;
    long windowStart = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli() * 1_000L;
    long windowEnd = Instant.parse("2024-06-30T00:00:00Z").toEpochMilli() * 1_000L;
    long day = 86_400_000_000L;
    java.util.Set<String> orderIds = new java.util.HashSet<>();
    int a = 0;
    int aAndLow = 0;
    long codeSum = 0;
    int windowFirstHalf = 0;
    int recentLastDay = 0;
    Map<Integer, Integer> small = new HashMap<>();
    Map<String, Integer> choices = new HashMap<>();
    for (long row = 0; row < rows; row++) {
      long t = BASE_MICROS + row * 1_001;
      JsonNode json = JSON.readTree(write(kernel, row, t, Format.JSON));
      String orderId = json.get("order_id").textValue();
      assertThat(orderId).isEqualTo("order-" + (1000 + 7 * row));
      orderIds.add(orderId);
      assertThat(json.get("countdown").textValue()).isEqualTo(Long.toString(100 - 3 * row));
      assertThat(json.get("huge").textValue())
          .isEqualTo("naïve-" + java.math.BigInteger.valueOf(Long.MAX_VALUE).multiply(java.math.BigInteger.valueOf(row + 1)));

      java.util.regex.Matcher code = java.util.regex.Pattern.compile("order-([0-9]{4})-(A|B)").matcher(json.get("code").textValue());
      assertThat(code.matches()).as(json.get("code").textValue()).isTrue();
      int n = Integer.parseInt(code.group(1));
      assertThat(n).isBetween(1000, 9999);
      codeSum += n;
      if (code.group(2).equals("A")) {
        a++;
        aAndLow += n < 5500 ? 1 : 0;
      }
      java.util.regex.Matcher mixed =
          java.util.regex.Pattern.compile("([0-9a-f-]{36})/(-?[0-9])/(x|ÿ|\"q\") é").matcher(json.get("mixed").textValue());
      assertThat(mixed.matches()).as(json.get("mixed").textValue()).isTrue();
      assertThat(UUID.fromString(mixed.group(1)).version()).isEqualTo(4);
      small.merge(Integer.parseInt(mixed.group(2)), 1, Integer::sum);
      choices.merge(mixed.group(3), 1, Integer::sum);

      long window = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(json.get("window").textValue()));
      assertThat(window).isGreaterThanOrEqualTo(windowStart).isLessThan(windowEnd);
      windowFirstHalf += window < (windowStart + windowEnd) / 2 ? 1 : 0;
      long recentMillis = json.get("recent").longValue();
      assertThat(recentMillis).isGreaterThanOrEqualTo(Math.floorDiv(t - 7 * day, 1_000L)).isLessThanOrEqualTo(Math.floorDiv(t - 1, 1_000L));
      recentLastDay += recentMillis * 1_000L >= t - day ? 1 : 0;
      long earlier = json.get("earlier").longValue();
      assertThat(earlier).isGreaterThanOrEqualTo(t - 30 * day).isLessThan(t - day);
      assertThat(json.get("sent_at").longValue()).isEqualTo(Math.floorDiv(t, 1_000L));
    }
    assertThat(orderIds).hasSize(rows);
    // 5 sigma bounds at 20,000 rows. A share p: sigma = sqrt(p(1 - p) / rows).
    assertThat(a / (double) rows).isCloseTo(0.5, within(5 * Math.sqrt(0.25 / rows)));
    // Independent draws (salt + 0 for the int, + 1 for the enum): P(A and int < 5500) = 0.25.
    assertThat(aAndLow / (double) rows).isCloseTo(0.25, within(5 * Math.sqrt(0.25 * 0.75 / rows)));
    // Mean of a uniform whole number in [1000, 9999]: sigma = 9000 / sqrt(12 rows).
    assertThat(codeSum / (double) rows).isCloseTo(5499.5, within(5 * 9000 / Math.sqrt(12.0 * rows)));
    assertThat(small.keySet()).containsExactlyInAnyOrder(-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5);
    small.values().forEach(k -> assertThat(k / (double) rows).isCloseTo(1 / 11.0, within(5 * Math.sqrt((1 / 11.0) * (10 / 11.0) / rows))));
    assertThat(choices.keySet()).containsExactlyInAnyOrder("x", "ÿ", "\"q\"");
    choices.values().forEach(k -> assertThat(k / (double) rows).isCloseTo(1 / 3.0, within(5 * Math.sqrt((2 / 9.0) / rows))));
    assertThat(windowFirstHalf / (double) rows).isCloseTo(0.5, within(5 * Math.sqrt(0.25 / rows)));
    assertThat(recentLastDay / (double) rows).isCloseTo(1 / 7.0, within(5 * Math.sqrt((1 / 7.0) * (6 / 7.0) / rows)));
  }

  @Test
  void scalarsStayInTheirRangesAndFollowTheirRatios() throws Exception {
    int rows = 20_000;
    int flags = 0;
    int rares = 0;
    double bytesSum = 0;
    Map<LocalDate, Integer> days = new HashMap<>();
    Map<Long, Integer> steps = new HashMap<>();
    for (long row = 0; row < rows; row++) {
      JsonNode s = JSON.readTree(write(kernel("scalars"), row, BASE_MICROS, Format.JSON));
      assertThat(s.get("offset").longValue()).isBetween(-4611686018427387903L, 4611686018427387903L);
      long bytes = s.get("file_size").longValue();
      assertThat(bytes).isBetween(0L, 10_000_000_000L);
      bytesSum += bytes;
      steps.merge(s.get("step").longValue(), 1, Integer::sum);
      JsonNode price = s.get("price");
      assertThat(price.doubleValue()).isBetween(0.99, 999.99);
      assertThat(new BigDecimal(price.toString()).scale()).as("%s has at most 2 decimals", price).isLessThanOrEqualTo(2);
      assertThat(s.get("ratio").doubleValue()).isGreaterThanOrEqualTo(-1.0).isLessThan(1.0);
      double whole = s.get("whole").doubleValue();
      assertThat(whole).isBetween(-5.0, 5.0).isEqualTo(Math.rint(whole));
      flags += s.get("flag").booleanValue() ? 1 : 0;
      rares += s.get("rare").booleanValue() ? 1 : 0;
      assertThat(s.get("never").booleanValue()).isFalse();
      LocalDate day = LocalDate.parse(s.get("day").textValue());
      assertThat(day.getYear()).isEqualTo(2024);
      days.merge(day, 1, Integer::sum);
      assertThat(LocalDate.parse(s.get("birthday").textValue()))
          .isBetween(LocalDate.parse("1950-01-01"), LocalDate.parse("1969-12-31"));
    }
    // Binomial standard deviation at 20,000 rows: 0.0035 for 0.5, 0.0021 for 0.1, 0.0033 for 1/3;
    // every tolerance below is over 5 sigma.
    assertThat(flags / (double) rows).isCloseTo(0.5, within(0.02));
    assertThat(rares / (double) rows).isCloseTo(0.1, within(0.011));
    assertThat(steps.keySet()).containsExactlyInAnyOrder(-1L, 0L, 1L);
    steps.values().forEach(n -> assertThat(n / (double) rows).isCloseTo(1 / 3.0, within(0.017)));
    // Mean of a uniform [0, 1e10]: standard deviation 1e10 / sqrt(12 * 20,000) = 2.04e7; 1.1e8 is over 5 sigma.
    assertThat(bytesSum / rows).isCloseTo(5e9, within(1.1e8));
    // 366 days, about 55 rows each: a day left out would be a bug, not chance (e^-55).
    assertThat(days).hasSize(366);
  }

  @Test
  void decimalBytesAndEnumValuesStayInTheirRangesAndFollowTheirWeights() throws Exception {
    Class<?> orders = loader.loadClass(manifestType("order.placed").get("java_class").asText());
    int rows = 20_000;
    BigDecimal priceSum = BigDecimal.ZERO;
    BigDecimal quantitySum = BigDecimal.ZERO;
    Map<BigDecimal, Integer> fractions = new HashMap<>();
    int[] lengths = new int[21];
    long[] byteValues = new long[256];
    long payloadBytes = 0;
    Map<String, Integer> statuses = new HashMap<>();
    for (long row = 0; row < rows; row++) {
      Object event = orders.getMethod("generate", long.class, long.class, long.class).invoke(null, SEED, row, BASE_MICROS);
      BigDecimal price = (BigDecimal) orders.getField("price").get(event);
      assertThat(price.scale()).isEqualTo(2);
      assertThat(price).isBetween(new BigDecimal("-100.50"), new BigDecimal("99999.99"));
      priceSum = priceSum.add(price);
      BigDecimal quantity = (BigDecimal) orders.getField("quantity").get(event);
      assertThat(quantity.scale()).isZero();
      assertThat(quantity.abs()).isLessThan(BigDecimal.TEN.pow(18));
      quantitySum = quantitySum.add(quantity);
      BigDecimal fraction = (BigDecimal) orders.getField("fraction").get(event);
      assertThat(fraction).isBetween(new BigDecimal("-0.999"), new BigDecimal("0.999"));
      fractions.merge(fraction, 1, Integer::sum);
      assertThat(orders.getField("nothing").get(event)).isEqualTo(new BigDecimal("0.0"));
      byte[] payload = (byte[]) orders.getField("payload").get(event);
      lengths[payload.length]++;
      for (byte b : payload) {
        byteValues[b & 0xFF]++;
      }
      payloadBytes += payload.length;
      assertThat((byte[]) orders.getField("key").get(event)).hasSize(16);
      assertThat((byte[]) orders.getField("no_bytes").get(event)).isEmpty();
      statuses.merge((String) orders.getField("ship_status").get(event), 1, Integer::sum);
      assertThat(orders.getField("only").get(event)).isEqualTo("ONLY");
    }
    // Means of uniform draws: standard error = (max - min) / sqrt(12 * rows); allow 5 of them.
    double priceMean = priceSum.doubleValue() / rows;
    assertThat(priceMean).isCloseTo((-100.50 + 99999.99) / 2, within(5 * (99999.99 + 100.50) / Math.sqrt(12.0 * rows)));
    double quantityMean = quantitySum.doubleValue() / rows;
    assertThat(quantityMean).isCloseTo(0.0, within(5 * 2e18 / Math.sqrt(12.0 * rows)));
    // Both ends are included: each of the 1999 values is missed with probability e^-10.
    assertThat(fractions).containsKeys(new BigDecimal("-0.999"), new BigDecimal("0.999"));
    // Lengths uniform over 0..20 and byte values over 0..255: binomial counts within 5 sigma.
    for (int length = 0; length <= 20; length++) {
      assertThat((double) lengths[length]).as("length %s", length).isCloseTo(rows / 21.0, within(fiveSigmas(rows, 1 / 21.0)));
    }
    for (int b = 0; b < 256; b++) {
      assertThat((double) byteValues[b]).as("byte %s", b).isCloseTo(payloadBytes / 256.0, within(fiveSigmas(payloadBytes, 1 / 256.0)));
    }
    Map<String, Double> weights = Map.of("PENDING", 0.5, "shipped", 0.3, "_internal", 0.1, "Done2", 0.1);
    assertThat(statuses.keySet()).isEqualTo(weights.keySet());
    weights.forEach((symbol, w) -> assertThat((double) statuses.get(symbol)).as(symbol).isCloseTo(rows * w, within(fiveSigmas(rows, w))));
  }

  @Test
  void nestedValuesStayInTheirRangesAndFollowTheirWeights() throws Exception {
    EventKernel kernel = kernel("nested");
    int rows = 20_000;
    int[] tagLengths = new int[6];
    int[] lineCounts = new int[4];
    Map<String, Integer> tags = new HashMap<>();
    int tagItems = 0;
    int pairs = 0;
    int equalPairs = 0;
    int postCodeNulls = 0;
    long qtySum = 0;
    int lines = 0;
    Map<Integer, Integer> scores = new HashMap<>();
    int scoreItems = 0;
    for (long row = 0; row < rows; row++) {
      JsonNode json = EXACT_JSON.readTree(write(kernel, row, BASE_MICROS, Format.JSON));
      JsonNode address = json.get("address");
      assertThat(address.get("zip").intValue()).isBetween(0, 99_999);
      assertThat(address.get("geo").get("lat").doubleValue()).isBetween(-90.0, 90.0);
      assertThat(address.get("geo").get("lon").doubleValue()).isBetween(-180.0, 180.0);
      postCodeNulls += address.get("post-code").isNull() ? 1 : 0;
      JsonNode tagList = json.get("tags");
      tagLengths[tagList.size()]++;
      for (JsonNode tag : tagList) {
        tags.merge(tag.textValue(), 1, Integer::sum);
        tagItems++;
      }
      if (tagList.size() >= 2) {
        pairs++;
        equalPairs += tagList.get(0).equals(tagList.get(1)) ? 1 : 0;
      }
      for (JsonNode score : json.get("scores")) {
        scores.merge(score.intValue(), 1, Integer::sum);
        scoreItems++;
      }
      assertThat(json.get("levels").size()).isBetween(1, 3);
      assertThat(json.get("nothing").size()).isZero();
      JsonNode lineList = json.get("lines");
      lineCounts[lineList.size()]++;
      for (JsonNode line : lineList) {
        int qty = line.get("qty").intValue();
        assertThat(qty).isBetween(1, 10);
        qtySum += qty;
        lines++;
        assertThat(line.get("prices").size()).isBetween(0, 2);
        for (JsonNode price : line.get("prices")) {
          assertThat(price.decimalValue().scale()).isEqualTo(2);
          assertThat(price.decimalValue()).isBetween(BigDecimal.ZERO, new BigDecimal("100.00"));
        }
      }
    }
    assertThat(lineCounts[0]).as("length [1, 3]").isZero();
    // Lengths are uniform over their ranges, item values over theirs: binomial counts within 5 sigma.
    for (int n = 0; n <= 5; n++) {
      assertThat((double) tagLengths[n]).as("tags of length %s", n).isCloseTo(rows / 6.0, within(fiveSigmas(rows, 1 / 6.0)));
    }
    for (int n = 1; n <= 3; n++) {
      assertThat((double) lineCounts[n]).as("lines %s", n).isCloseTo(rows / 3.0, within(fiveSigmas(rows, 1 / 3.0)));
    }
    assertThat(tags.keySet()).containsExactlyInAnyOrder("a", "b", "");
    for (int count : tags.values()) {
      assertThat((double) count).isCloseTo(tagItems / 3.0, within(fiveSigmas(tagItems, 1 / 3.0)));
    }
    assertThat(scores.keySet()).containsExactlyInAnyOrder(-3, -2, -1, 0, 1, 2, 3);
    for (int count : scores.values()) {
      assertThat((double) count).isCloseTo(scoreItems / 7.0, within(fiveSigmas(scoreItems, 1 / 7.0)));
    }
    // Items draw from streams of their own: two items of a row are equal as often as chance says (1/3).
    assertThat((double) equalPairs).isCloseTo(pairs / 3.0, within(fiveSigmas(pairs, 1 / 3.0)));
    assertThat((double) postCodeNulls).isCloseTo(rows * 0.5, within(fiveSigmas(rows, 0.5)));
    // Mean of a uniform whole number in [1, 10]: variance (10^2 - 1) / 12.
    assertThat(qtySum / (double) lines).isCloseTo(5.5, within(5 * Math.sqrt(99 / 12.0 / lines)));
  }

  @Test
  void regexAndFakerValuesMatchAndAreUniform() throws Exception {
    EventKernel kernel = kernel("generated.strings");
    int rows = 20_000;
    int[] firstLetters = new int[26];
    int[] lastDigits = new int[10];
    Map<String, Integer> picks = new HashMap<>();
    int fives = 0;
    long[] anyChars = new long[128];
    long anyCharCount = 0;
    Map<String, Integer> cities = new HashMap<>();
    java.util.Set<String> firstNames = new java.util.HashSet<>();
    List<String> cityPool = List.of(pool(kernel, 8));
    List<String> firstNamePool = List.of(pool(kernel, 6));
    for (long row = 0; row < rows; row++) {
      JsonNode json = JSON.readTree(write(kernel, row, BASE_MICROS, Format.JSON));
      String plate = json.get("plate").textValue();
      assertThat(plate).matches("[A-Z]{3}-[0-9]{4}");
      firstLetters[plate.charAt(0) - 'A']++;
      lastDigits[plate.charAt(7) - '0']++;
      picks.merge(json.get("pick").textValue(), 1, Integer::sum);
      assertThat(json.get("mixed").textValue()).matches("(?:ab|c[^a-z]|\\d{2,3})+\\.?[-_\\w]*é\\s\\S{0,2}");
      String any = json.get("any").textValue();
      assertThat(any).matches(".{5}|\\W\\D");
      if (any.length() == 5) {
        fives++;
        for (char c : any.toCharArray()) {
          anyChars[c]++;
          anyCharCount++;
        }
      }
      String city = json.get("city").textValue();
      assertThat(cityPool).contains(city);
      cities.merge(city, 1, Integer::sum);
      String firstName = json.get("first_name").textValue();
      assertThat(firstNamePool).contains(firstName);
      firstNames.add(firstName);
      assertThat(json.get("full_name").textValue()).matches("\\S+( \\S+)+ \\([a-z]{3}\\)");
    }
    // Class members, alternatives and pool entries are equally likely: binomial counts within 5 sigma.
    for (int i = 0; i < 26; i++) {
      assertThat((double) firstLetters[i]).as("letter %s", (char) ('A' + i)).isCloseTo(rows / 26.0, within(fiveSigmas(rows, 1 / 26.0)));
    }
    for (int i = 0; i < 10; i++) {
      assertThat((double) lastDigits[i]).as("digit %s", i).isCloseTo(rows / 10.0, within(fiveSigmas(rows, 0.1)));
    }
    assertThat(picks.keySet()).containsExactlyInAnyOrder("x", "yy", "zzz");
    picks.forEach((p, n) -> assertThat((double) n).as(p).isCloseTo(rows / 3.0, within(fiveSigmas(rows, 1 / 3.0))));
    assertThat((double) fives).isCloseTo(rows / 2.0, within(fiveSigmas(rows, 0.5)));
    // '.' draws from the 95 printable ASCII characters.
    for (char c = ' '; c <= '~'; c++) {
      assertThat((double) anyChars[c]).as("'%s'", c).isCloseTo(anyCharCount / 95.0, within(fiveSigmas(anyCharCount, 1 / 95.0)));
    }
    // A city repeated in the pool is drawn as often as its copies say.
    cities.forEach((city, n) -> {
      double p = java.util.Collections.frequency(cityPool, city) / 20.0;
      assertThat((double) n).as(city).isCloseTo(rows * p, within(fiveSigmas(rows, p)));
    });
    assertThat(cities.keySet()).containsExactlyInAnyOrderElementsOf(new java.util.HashSet<>(cityPool));
    // 20,000 draws from 1,000 entries miss a given one with probability e^-20.
    assertThat(firstNames).isEqualTo(new java.util.HashSet<>(firstNamePool));
  }

  /** The pool of the faker field {@code field} of a type: the values its generator draws from. */
  static String[] pool(EventKernel kernel, int field) {
    FieldGenerator generator = ((EventTypeKernel) kernel).field(field);
    if (generator instanceof NullableField nullable) {
      generator = nullable.field();
    }
    return ((StringField) generator).values();
  }

  @Test
  void exprValuesEqualTheirFormulaOnTheDecodedOperandsInJsonAndAvro() throws Exception {
    EventKernel kernel = kernel("computed");
    Schema schema = new Schema.Parser().parse(request.schemaOutputDirectory().resolve("avro/computed.avsc").toFile());
    BinaryMessageDecoder<GenericRecord> avro = new BinaryMessageDecoder<>(new GenericData(), schema);
    int rows = 20_000;
    int smallNulls = 0;
    int scaledNulls = 0;
    for (long row = 0; row < rows; row++) {
      JsonNode json = JSON.readTree(write(kernel, row, BASE_MICROS, Format.JSON));
      GenericRecord record = avro.decode(write(kernel, row, BASE_MICROS, Format.AVRO));
      double unitPrice = json.get("unit_price").doubleValue();
      long quantity = json.get("quantity").longValue();
      double discount = json.get("discount").doubleValue();
      long big = json.get("big").longValue();
      long skewed = json.get("skewed").longValue();
      // The operations in the formula's order, in doubles; then DoubleField's rounding to 2 decimals.
      double total = (long) Math.floor(unitPrice * quantity * (1 - discount) * 100 + 0.5) / 100.0;
      assertThat(json.get("total").doubleValue()).isEqualTo(total).isEqualTo(record.get("total"));
      assertThat(json.get("items").isIntegralNumber()).isTrue();
      long items = quantity * 3 - json.get("user_id").longValue();
      assertThat(json.get("items").longValue()).isEqualTo(items).isEqualTo(record.get("items"));
      double ratio = -(double) big / quantity + skewed / 7.0;
      assertThat(json.get("ratio").doubleValue()).isEqualTo(ratio).isEqualTo(record.get("ratio"));
      JsonNode extra = json.get("maybe-extra");
      if (extra.isNull()) {
        assertThat(json.get("small").isNull()).as("null with its operand").isTrue();
        assertThat(record.get("small")).isNull();
        smallNulls++;
      } else {
        int small = (int) (Math.min(quantity, 10) - Math.abs(extra.longValue()) * 2);
        assertThat(json.get("small").isInt() && json.get("small").intValue() == small).isTrue();
        assertThat(record.get("small")).isEqualTo(small);
      }
      if (json.get("scaled").isNull()) {
        scaledNulls++;
      } else {
        long scaled = Math.max(Math.max(big * 1000, -5), skewed) + 1;
        assertThat(json.get("scaled").longValue()).isEqualTo(scaled).isEqualTo(record.get("scaled"));
      }
    }
    // Null shares: 0.25 (the operand's ratio) and 0.1 (the field's own), within 5 sigma.
    assertThat((double) smallNulls).isCloseTo(rows * 0.25, within(fiveSigmas(rows, 0.25)));
    assertThat((double) scaledNulls).isCloseTo(rows * 0.1, within(fiveSigmas(rows, 0.1)));
    // Null when its nullable operand is, or by its own draw (0.2): 1 - 0.7 * 0.8 = 0.44 in all.
    EventKernel nullable = kernel("nullable.fields");
    int productNulls = 0;
    for (long row = 0; row < rows; row++) {
      JsonNode json = JSON.readTree(write(nullable, row, BASE_MICROS, Format.JSON));
      JsonNode product = json.get("maybe_product");
      if (json.get("maybe_delta").isNull()) {
        assertThat(product.isNull()).isTrue();
      } else if (!product.isNull()) {
        assertThat(product.intValue()).isEqualTo(json.get("maybe_delta").intValue() * 7);
      }
      productNulls += product.isNull() ? 1 : 0;
    }
    assertThat((double) productNulls).isCloseTo(rows * 0.44, within(fiveSigmas(rows, 0.44)));
  }

  @Test
  void weightsByPicksWithTheRowOfTheReferencedFieldsValue() throws Exception {
    EventKernel kernel = kernel("computed");
    int rows = 40_000;
    Map<String, Map<String, Integer>> statuses = new HashMap<>();
    Map<String, Map<String, Integer>> priorities = new HashMap<>();
    for (long row = 0; row < rows; row++) {
      JsonNode json = JSON.readTree(write(kernel, row, BASE_MICROS, Format.JSON));
      statuses.computeIfAbsent(json.get("tier").textValue(), k -> new HashMap<>()).merge(json.get("status").textValue(), 1, Integer::sum);
      if (!json.get("priority").isNull()) {
        String level = json.get("maybe_level").isNull() ? "null" : json.get("maybe_level").textValue();
        priorities.computeIfAbsent(level, k -> new HashMap<>()).merge(json.get("priority").textValue(), 1, Integer::sum);
      }
    }
    List<String> status = List.of("ok", "late", "lost");
    checkRows(statuses, status, Map.of("gold", List.of(0.9, 0.09, 0.01), "basic", List.of(0.6, 0.3, 0.1), "silver", List.of(1 / 3.0, 1 / 3.0, 1 / 3.0)));
    // LOW has no row and null selects none: both keep priority's own weights.
    List<Double> own = List.of(0.1, 0.3, 0.6);
    checkRows(priorities, List.of("P1", "P2", "P3"), Map.of("HIGH", List.of(0.7, 0.2, 0.1), "LOW", own, "null", own));
  }

  /** Per referenced value, the picked values' counts within 5 sigma of their row of weights. */
  private static void checkRows(Map<String, Map<String, Integer>> counts, List<String> values, Map<String, List<Double>> weights) {
    assertThat(counts.keySet()).isEqualTo(weights.keySet());
    weights.forEach((key, row) -> {
      Map<String, Integer> picked = counts.get(key);
      int n = picked.values().stream().mapToInt(Integer::intValue).sum();
      for (int i = 0; i < values.size(); i++) {
        double p = row.get(i);
        assertThat((double) picked.getOrDefault(values.get(i), 0)).as("%s -> %s", key, values.get(i)).isCloseTo(n * p, within(fiveSigmas(n, p)));
      }
    });
  }

  /** Five standard deviations of a binomial count of n trials with probability p. */
  private static double fiveSigmas(long n, double p) {
    return 5 * Math.sqrt(n * p * (1 - p));
  }

  // ---- helpers ----

  static EventKernel kernel(String eventTypeId) {
    for (int i = 0; i < catalog.size(); i++) {
      if (catalog.kernel(i).eventTypeId().equals(eventTypeId)) {
        return catalog.kernel(i);
      }
    }
    throw new AssertionError(eventTypeId);
  }

  static boolean nullable(JsonNode manifestField) {
    return manifestField.path("nullable").asBoolean(false);
  }

  /** A field's schema, or its non-null branch when the field is nullable (a union with null). */
  static Schema valueSchema(Schema field) {
    return field.getType() == Schema.Type.UNION ? field.getTypes().get(1) : field;
  }

  /** The index of an enum field's symbol among the manifest's values. */
  static int symbolIndex(JsonNode field, Object symbol) {
    List<String> values = new ArrayList<>();
    field.get("values").forEach(v -> values.add(v.asText()));
    assertThat(values).contains((String) symbol);
    return values.indexOf(symbol);
  }

  interface RowCheck {
    void check(EventKernel kernel, long row, long eventTimeMicros, List<Object> event, List<JsonNode> fields) throws Exception;
  }

  /** Runs a check for ROWS rows of every type, with the event's values from the generated class. */
  static void forEveryRow(RowCheck check) throws Exception {
    for (int i = 0; i < catalog.size(); i++) {
      EventKernel kernel = catalog.kernel(i);
      JsonNode type = manifestType(kernel.eventTypeId());
      List<JsonNode> fields = new ArrayList<>();
      type.get("fields").forEach(fields::add);
      Class<?> eventClass = loader.loadClass(type.get("java_class").asText());
      for (long row = 0; row < ROWS; row++) {
        long t = BASE_MICROS + row * 1_001;
        Object event = eventClass.getMethod("generate", long.class, long.class, long.class).invoke(null, SEED, row, t);
        List<Object> values = new ArrayList<>();
        for (JsonNode f : fields) {
          values.add(eventClass.getField(f.get("identifier").asText()).get(event));
        }
        check.check(kernel, row, t, values, fields);
      }
    }
  }

  static JsonNode manifestType(String id) {
    for (JsonNode t : manifest.get("sources").get(0).get("event_types")) {
      if (t.get("event_type_id").asText().equals(id)) {
        return t;
      }
    }
    throw new AssertionError(id);
  }

  static byte[] write(EventKernel kernel, long row, long t, Format format) {
    ByteWriter out = new ByteWriter();
    kernel.write(SEED, row, t, format, out);
    return out.toByteArray();
  }

  /** Descriptors of a .proto built by protoc itself (fetched by the build from Maven Central). */
  static Descriptors.FileDescriptor protoc(Path protoDir, String file, Path work) throws Exception {
    File protoc = new File(System.getProperty("streamgen.protoc", "target/protoc/protoc.exe"));
    assertThat(protoc).exists();
    protoc.setExecutable(true);
    Path descriptorSet = work.resolve(file + ".pb");
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
