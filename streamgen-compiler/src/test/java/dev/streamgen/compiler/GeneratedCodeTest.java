package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.kinds.BinaryDecoder;
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
import java.time.Instant;
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
    assertThat(catalog.size()).isEqualTo(4);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < catalog.size(); i++) {
      ids.add(catalog.kernel(i).eventTypeId());
    }
    assertThat(ids).containsExactly("user.session.start", "sensor.reading", "empty", "order.placed");
    assertThat(new double[] {catalog.weight(0), catalog.weight(1), catalog.weight(2), catalog.weight(3)})
        .containsExactly(0.5, 0.3, 0.1, 0.1);
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
        JsonNode value = json.get(field.get("name").asText());
        Object expected = event.get(i);
        switch (field.get("type").asText()) {
          case "int" -> assertThat(value.isInt() && value.intValue() == (Integer) expected).isTrue();
          case "float" -> assertThat(value.isNumber() && value.doubleValue() == (Double) expected).as("%s", value).isTrue();
          case "string" -> assertThat(value.textValue()).isEqualTo(expected);
          case "uuid" -> assertThat(UUID.fromString(value.textValue())).isEqualTo(expected);
          case "timestamp" -> {
            Instant instant = Instant.parse(value.textValue());
            assertThat(ChronoUnit.MICROS.between(Instant.EPOCH, instant)).isEqualTo(expected);
            assertThat(value.textValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
          }
          // equals compares the scale too: the JSON number has exactly `scale` decimals.
          case "decimal" -> assertThat(exact.get(field.get("name").asText()).decimalValue()).isEqualTo(expected);
          case "bytes" -> assertThat(Base64.getDecoder().decode(value.textValue())).isEqualTo((byte[]) expected);
          case "enum" -> assertThat(value.textValue()).isEqualTo(expected);
          default -> throw new AssertionError(field);
        }
        String text = expected instanceof BigDecimal d ? d.toPlainString() : value.isTextual() ? value.textValue() : value.toString();
        assertThat(kernel.fieldText(SEED, row, t, i)).isEqualTo(text);
      }
    });
  }

  @Test
  void avroPayloadsDecodeWithApacheAvroSingleObjectDecoder() throws Exception {
    Map<String, BinaryMessageDecoder<GenericRecord>> decoders = new HashMap<>();
    forEveryRow((kernel, row, t, event, fields) -> {
      Schema schema = new Schema.Parser().parse(request.schemaOutputDirectory().resolve("avro/" + kernel.eventTypeId() + ".avsc").toFile());
      assertThat(kernel.avroFingerprint()).isEqualTo(SchemaNormalization.parsingFingerprint64(schema));
      byte[] bytes = write(kernel, row, t, Format.AVRO);
      assertThat(bytes[0]).isEqualTo((byte) 0xC3);
      assertThat(bytes[1]).isEqualTo((byte) 0x01);
      assertThat(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(kernel.avroFingerprint());
      GenericRecord record =
          decoders.computeIfAbsent(kernel.eventTypeId(), id -> new BinaryMessageDecoder<>(GenericData.get(), schema)).decode(bytes);
      for (int i = 0; i < fields.size(); i++) {
        String identifier = fields.get(i).get("identifier").asText();
        Object value = record.get(identifier);
        Object expected = event.get(i);
        Schema fieldSchema = schema.getField(identifier).schema();
        if (expected instanceof BigDecimal decimal) {
          // Avro's own conversion reads the value back and writes exactly the bytes the kernel wrote.
          Conversions.DecimalConversion conversion = new Conversions.DecimalConversion();
          assertThat(conversion.fromBytes(((ByteBuffer) value).duplicate(), fieldSchema, fieldSchema.getLogicalType())).isEqualTo(decimal);
          assertThat(value).isEqualTo(conversion.toBytes(decimal, fieldSchema, fieldSchema.getLogicalType()));
        } else if (expected instanceof byte[] raw) {
          assertThat(value).isEqualTo(ByteBuffer.wrap(raw));
        } else if (expected instanceof UUID || expected instanceof String) {
          assertThat(fieldSchema.getType()).isEqualTo(fields.get(i).get("type").asText().equals("enum") ? Schema.Type.ENUM : Schema.Type.STRING);
          assertThat(value.toString()).isEqualTo(expected.toString());
        } else {
          assertThat(value).isEqualTo(expected);
        }
      }
    });
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
      for (int i = 0; i < fields.size(); i++) {
        Descriptors.FieldDescriptor fd = descriptor.findFieldByName(fields.get(i).get("identifier").asText());
        assertThat(fd.getNumber()).isEqualTo(i + 1);
        Object value = parsed.getField(fd);
        Object expected = event.get(i);
        switch (fields.get(i).get("type").asText()) {
          case "decimal" -> assertThat(value).isEqualTo(((BigDecimal) expected).toPlainString());
          case "bytes" -> assertThat(value).isEqualTo(ByteString.copyFrom((byte[]) expected));
          case "enum" -> {
            Descriptors.EnumValueDescriptor symbol = (Descriptors.EnumValueDescriptor) value;
            assertThat(symbol.getName()).isEqualTo((fd.getName() + "_" + expected).toUpperCase(Locale.ROOT));
            assertThat(symbol.getNumber()).isEqualTo(symbolIndex(fields.get(i), expected) + 1);
          }
          default -> assertThat(expected instanceof UUID || expected instanceof String ? expected.toString() : expected).isEqualTo(value);
        }
      }
      assertThat(parsed.toByteArray()).as("canonical protobuf-java encoding").isEqualTo(bytes);
    });
    assertThat(file.findMessageTypeByName("StreamgenEnvelope").getFields()).extracting(f -> f.getName()).containsExactly("event_type_id", "payload");
  }

  @Test
  void binaryPayloadsDecodeWithTheReferenceDecoderAndTheManifest() throws Exception {
    forEveryRow((kernel, row, t, event, fields) -> {
      List<String> types = new ArrayList<>();
      fields.forEach(f -> types.add(f.get("type").asText()));
      List<Object> decoded = BinaryDecoder.decode(write(kernel, row, t, Format.BINARY), types);
      assertThat(decoded).hasSameSizeAs(event);
      for (int i = 0; i < fields.size(); i++) {
        Object expected = event.get(i);
        // The layout carries what the manifest does not: a decimal's unscaled value, a symbol's index.
        switch (types.get(i)) {
          case "decimal" -> assertThat(decoded.get(i)).isEqualTo(((BigDecimal) expected).unscaledValue().longValueExact());
          case "bytes" -> assertThat((byte[]) decoded.get(i)).isEqualTo((byte[]) expected);
          case "enum" -> assertThat(decoded.get(i)).isEqualTo(symbolIndex(fields.get(i), expected));
          default -> assertThat(decoded.get(i)).isEqualTo(expected);
        }
      }
    });
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

  /** Five standard deviations of a binomial count of n trials with probability p. */
  private static double fiveSigmas(long n, double p) {
    return 5 * Math.sqrt(n * p * (1 - p));
  }

  // ---- helpers ----

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
