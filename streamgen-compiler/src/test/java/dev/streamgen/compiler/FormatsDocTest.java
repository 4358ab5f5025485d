package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/formats.md: the hex of each format is what a standard library writes
 * for the example event's values (never computed by our encoders), and what the kernel writes.
 */
class FormatsDocTest {
  static final Path DOC = Path.of("../docs/formats.md");
  static final long SEED = 0;
  static final long ROW = 0;
  static final long EVENT_TIME = 1_795_000_000_123_456L;
  private static final Pattern HEX_BLOCK = Pattern.compile("```hex (\\w+)\\n(.*?)```", Pattern.DOTALL);
  private static final DateTimeFormatter ISO_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void workedExampleHexIsWhatStandardLibrariesAndTheKernelWrite() throws Exception {
    String doc = Files.readString(DOC);
    CompileRequest request = compileWorkedExample(doc);
    try (URLClassLoader loader = GeneratedSources.compileAndLoad(request, dir.resolve("classes"))) {
      Catalog catalog = (Catalog) loader.loadClass("streamgen.generated.ExampleCatalog").getConstructor().newInstance();
      EventKernel kernel = catalog.kernel(0);
      Class<?> type = loader.loadClass("streamgen.generated.Example");
      Object event = type.getMethod("generate", long.class, long.class, long.class).invoke(null, SEED, ROW, EVENT_TIME);
      UUID id = (UUID) type.getField("id").get(event);
      int n = type.getField("n").getInt(event);
      double amount = type.getField("amount").getDouble(event);
      String device = (String) type.getField("device").get(event);
      long at = type.getField("at").getLong(event);

      Map<String, byte[]> standard = new LinkedHashMap<>();
      // JSON: Jackson, with java.time's ISO formatting of the timestamp.
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", id.toString());
      json.put("n", n);
      json.put("amount", amount);
      json.put("device", device);
      json.put("at", ISO_MICROS.format(Instant.EPOCH.plusNanos(at * 1000)));
      standard.put("json", new ObjectMapper().writeValueAsBytes(json));
      // Avro: single-object encoding by Apache Avro with the generated schema.
      Schema schema = new Schema.Parser().parse(request.schemaOutputDirectory().resolve("avro/example.avsc").toFile());
      GenericRecord record = new GenericData.Record(schema);
      record.put("id", id.toString());
      record.put("n", n);
      record.put("amount", amount);
      record.put("device", device);
      record.put("at", at);
      ByteBuffer avro = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
      standard.put("avro", bytes(avro));
      // Protobuf: protobuf-java over descriptors protoc built from the generated .proto.
      Descriptors.Descriptor message =
          GeneratedCodeTest.protoc(request.schemaOutputDirectory().resolve("proto"), "example.proto", dir).findMessageTypeByName("Example");
      standard.put(
          "protobuf",
          DynamicMessage.newBuilder(message)
              .setField(message.findFieldByName("id"), id.toString())
              .setField(message.findFieldByName("n"), n)
              .setField(message.findFieldByName("amount"), amount)
              .setField(message.findFieldByName("device"), device)
              .setField(message.findFieldByName("at"), at)
              .build()
              .toByteArray());
      // Binary: the documented layout written with java.nio.ByteBuffer.
      byte[] deviceUtf8 = device.getBytes(StandardCharsets.UTF_8);
      assertThat(deviceUtf8.length).as("one-byte LEB128 length").isLessThan(128);
      ByteBuffer binary = ByteBuffer.allocate(4 + 8 + 1 + deviceUtf8.length + 8 + 16);
      binary.order(ByteOrder.BIG_ENDIAN).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
      binary.order(ByteOrder.LITTLE_ENDIAN).putInt(n).putDouble(amount).put((byte) deviceUtf8.length).put(deviceUtf8).putLong(at);
      standard.put("binary", binary.array());

      Matcher hex = HEX_BLOCK.matcher(doc);
      Map<String, String> documented = new LinkedHashMap<>();
      while (hex.find()) {
        documented.put(hex.group(1), hex.group(2).replaceAll("\\s+", ""));
      }
      StringBuilder report = new StringBuilder();
      for (Map.Entry<String, byte[]> e : standard.entrySet()) {
        report.append("```hex ").append(e.getKey()).append('\n').append(dump(e.getValue())).append("```\n\n");
      }
      String values = new String(standard.get("json"), StandardCharsets.UTF_8);
      assertThat(doc).as("documented event; expected:%n%s", values).contains("```text\n" + values + "\n```");
      for (Map.Entry<String, byte[]> e : standard.entrySet()) {
        assertThat(documented.get(e.getKey()))
            .as("docs/formats.md %s; standard libraries give:%n%s", e.getKey(), report)
            .isEqualTo(HexFormat.of().formatHex(e.getValue()));
        ByteWriter out = new ByteWriter();
        kernel.write(SEED, ROW, EVENT_TIME, Format.valueOf(e.getKey().toUpperCase()), out);
        assertThat(out.toByteArray()).as("kernel %s", e.getKey()).isEqualTo(e.getValue());
      }
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.get(b);
    return b;
  }

  /** 16 bytes per line, space-separated. */
  static String dump(byte[] bytes) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < bytes.length; i++) {
      b.append(String.format("%02x", bytes[i])).append(i % 16 == 15 || i == bytes.length - 1 ? "\n" : " ");
    }
    return b.toString();
  }

  /**
   * The fingerprint paragraph: avro-tools prints {@code SchemaNormalization.parsingFingerprint}'s
   * bytes as hex (the header's order), the manifest the 64-bit number; both as the doc shows them.
   */
  @Test
  void avroToolsAndTheManifestSpellTheFingerprintAsTheDocSays() throws Exception {
    String doc = Files.readString(DOC);
    CompileRequest request = compileWorkedExample(doc);
    Schema schema = new Schema.Parser().parse(request.schemaOutputDirectory().resolve("avro/example.avsc").toFile());
    String avroTools = HexFormat.of().formatHex(SchemaNormalization.parsingFingerprint("CRC-64-AVRO", schema));
    String manifest =
        new ObjectMapper()
            .readTree(request.schemaOutputDirectory().resolve("manifest.json").toFile())
            .findValue("avro_fingerprint")
            .asText();
    assertThat(doc).contains("\n" + avroTools + " schemas/avro/example.avsc\n");
    assertThat(doc).contains("`\"avro_fingerprint\": \"" + manifest + "\"`");
    assertThat(Long.reverseBytes(Long.parseUnsignedLong(manifest, 16))).isEqualTo(Long.parseUnsignedLong(avroTools, 16));
  }

  /** Compiles the doc's worked example (its first YAML block) into the test's directory. */
  private CompileRequest compileWorkedExample(String doc) throws Exception {
    Matcher yaml = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(yaml.find()).isTrue();
    Path file = dir.resolve("example.yaml");
    Files.writeString(file, yaml.group(1));
    CompileRequest request = GeneratedSources.request(file, dir.resolve("out"));
    assertThat(Compiler.compile(request).errors()).isEmpty();
    return request;
  }
}
