package dev.streamgen.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.it.quickstart.EventsCatalog;
import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.settings.RunSettings;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What docs/sinks.md and docs/formats.md tell consumers, done on payloads this build generates: each
 * {@code protoc --decode} command shown runs (protoc itself, fetched by the build) on the payload it
 * is shown for, and the stated relation between the {@code schema_fingerprint} header and the
 * manifest's {@code avro_fingerprint} holds for the generated schemas.
 */
class SinkDocsDecodingTest {
  private static final Pattern PROTOC = Pattern.compile("protoc --decode=([^`\\s]+)");
  /** The package the docs' examples assume (the compiler's default) and this module's. */
  private static final String DOCS_JAVA_PACKAGE = "streamgen.generated";
  private static final String TEST_JAVA_PACKAGE = "dev.streamgen.it.quickstart";
  private static final String TYPE = "user.purchase";

  private static Path protoDir;
  private static String protoPackage;
  private static Map<String, JsonNode> manifest;

  @BeforeAll
  static void readTheManifest() throws IOException {
    JsonNode root = new ObjectMapper().readTree(ItSpark.schemas().resolve("manifest.json").toFile());
    manifest = new LinkedHashMap<>();
    root.get("sources").get(0).get("event_types").forEach(t -> manifest.put(t.get("event_type_id").asText(), t));
    String message = manifest.get(TYPE).get("protobuf_message").asText();
    protoPackage = message.substring(0, message.lastIndexOf('.'));
    protoDir = ItSpark.schemas().resolve("proto");
    assertThat(protoDir.resolve("events.proto")).exists();
  }

  private static String doc(String name) throws IOException {
    return Files.readString(Paths.get("..", "docs", name));
  }

  @Test
  void everyProtocCommandShownDecodesWhatTheSinkWrites() throws Exception {
    List<String> commands = new ArrayList<>();
    for (String name : Arrays.asList("sinks.md", "formats.md")) {
      Matcher m = PROTOC.matcher(doc(name));
      while (m.find()) {
        commands.add(name + ": " + m.group(1));
      }
    }
    // Kafka and Event Hubs (the type's own message), Kinesis and formats.md (the envelope).
    assertThat(commands).hasSize(4);
    for (String command : commands) {
      String documented = command.substring(command.indexOf(": ") + 2);
      String type = documented
          .replace("<package>", protoPackage)
          .replace(DOCS_JAVA_PACKAGE + ".", TEST_JAVA_PACKAGE + ".");
      boolean envelope = type.endsWith(".StreamgenEnvelope") || type.equals("StreamgenEnvelope");
      byte[] payload = protobufPayload(envelope);
      ProtocRun run = protocDecode(type, payload);
      assertThat(run.status).as("%s: protoc says %s", command, run.output).isZero();
      if (envelope) {
        assertThat(run.output).as(command).contains("event_type_id: \"" + TYPE + "\"").contains("payload: \"");
      } else {
        assertThat(run.output).as(command).contains("transaction_id: \"").contains("amount: ");
      }
    }
  }

  @Test
  void theFingerprintHeaderIsTheManifestsFingerprintInReverseByteOrder() throws Exception {
    String sinks = doc("sinks.md");
    // The two conversions the doc gives, verbatim, and its example pair (formats.md's worked example).
    String kafka = "String.format(\"%016x\", ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong())";
    String eventHubs = "String.format(\"%016x\", Long.reverseBytes(Long.parseUnsignedLong(fp, 16)))";
    assertThat(sinks).contains("`" + kafka + "` is the\nmanifest's `avro_fingerprint`");
    assertThat(sinks).contains("`" + eventHubs + "` equals it");
    assertThat(sinks).contains("header `89 2c 9d 62 25 c0 d8 2f` and `avro_fingerprint`\n`2fd8c025629d2c89`");
    assertThat(sinks).contains("(property `892c9d6225c0d82f`, manifest `2fd8c025629d2c89`)");
    assertThat(doc("formats.md")).contains("`c3 01 89 2c 9d 62 25 c0 d8 2f`").contains("\"avro_fingerprint\": \"2fd8c025629d2c89\"");

    RunSettings settings = StreamGen.settings(
        EventsCatalog.class, "seed=3", "generation_mode=batch", "batch_config.total_rows=300",
        "serialization_format=avro");
    Map<String, byte[]> headers = new LinkedHashMap<>();
    for (Row r : StreamGen.batch(ItSpark.session(), EventsCatalog.class, settings).collectAsList()) {
      byte[] data = r.getAs("serialized_payload");
      // What the Kafka sink puts in the header, and the Event Hubs sink (as hex) in the property.
      headers.putIfAbsent(r.getAs("event_type_id"), Arrays.copyOfRange(data, 2, 10));
    }
    assertThat(headers.keySet()).containsExactlyInAnyOrderElementsOf(manifest.keySet());
    for (Map.Entry<String, byte[]> e : headers.entrySet()) {
      JsonNode type = manifest.get(e.getKey());
      String avroFingerprint = type.get("avro_fingerprint").asText();
      byte[] header = e.getValue();
      String fp = HexFormat.of().formatHex(header);
      assertThat(String.format("%016x", ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong()))
          .as("Kafka header of %s", e.getKey()).isEqualTo(avroFingerprint);
      assertThat(String.format("%016x", Long.reverseBytes(Long.parseUnsignedLong(fp, 16))))
          .as("Event Hubs property of %s", e.getKey()).isEqualTo(avroFingerprint);
      // And the manifest's is Avro's own fingerprint of the generated schema, as the doc says.
      Schema schema = new Schema.Parser().parse(ItSpark.schemas().resolve(type.get("avro_schema").asText()).toFile());
      assertThat(String.format("%016x", SchemaNormalization.parsingFingerprint64(schema))).isEqualTo(avroFingerprint);
      assertThat(fp).as("the header is not already in the manifest's order").isNotEqualTo(avroFingerprint);
    }
  }

  /** One generated user.purchase payload in protobuf, wrapped in StreamgenEnvelope as Kinesis writes it. */
  private static byte[] protobufPayload(boolean envelope) {
    RunSettings settings = StreamGen.settings(
        EventsCatalog.class, "seed=5", "generation_mode=batch", "batch_config.total_rows=50",
        "serialization_format=protobuf");
    Row row =
        StreamGen.batch(
                ItSpark.session(),
                StreamGen.sourceOptions(EventsCatalog.class.getName(), settings).envelope(envelope).build())
            .where("event_type_id = '" + TYPE + "'")
            .first();
    return row.getAs("serialized_payload");
  }

  private static ProtocRun protocDecode(String type, byte[] payload) throws Exception {
    File protoc = new File(System.getProperty("streamgen.protoc", "target/protoc/protoc.exe"));
    assertThat(protoc).exists();
    protoc.setExecutable(true);
    Path input = Files.createTempFile("protoc-input", ".bin");
    Files.write(input, payload);
    // As the docs write it: protoc --decode=<type> events.proto < data.bin, run in the .proto's directory.
    Process p =
        new ProcessBuilder(protoc.getAbsolutePath(), "--decode=" + type, "events.proto")
            .directory(protoDir.toFile())
            .redirectInput(input.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new ProtocRun(p.waitFor(), output);
  }

  private static final class ProtocRun {
    final int status;
    final String output;

    ProtocRun(int status, String output) {
      this.status = status;
      this.output = output;
    }
  }
}
