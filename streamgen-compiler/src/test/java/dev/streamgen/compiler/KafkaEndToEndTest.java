package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.source.SourceOptions;
import dev.streamgen.testkit.KafkaBroker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's Kafka path end to end: the seed's quick-start YAML compiled by the compiler, its
 * generated kernels run by the streamgen Spark source, written by the Kafka sink to a real broker,
 * read back with a plain KafkaConsumer and decoded with the generated schemas only (.avsc with
 * Apache Avro, .proto through protoc, JSON with Jackson), using the manifest to map
 * {@code event_type_id} headers to schemas.
 */
class KafkaEndToEndTest {
  static final long ROWS = 3_000;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static CompileRequest request;
  static URLClassLoader loader;
  static JsonNode manifest;
  static String catalogClass;
  static KafkaBroker broker;
  static SparkSession spark;

  @BeforeAll
  static void compileAndStart() throws Exception {
    request = GeneratedSources.request(GoldenFilesTest.GOLDEN.resolve("events.yaml"), dir.resolve("out"));
    assertThat(Compiler.compile(request).errors()).isEmpty();
    Path classes = dir.resolve("classes");
    loader = GeneratedSources.compileAndLoad(request, classes);
    manifest = JSON.readTree(request.schemaOutputDirectory().resolve("manifest.json").toFile());
    catalogClass = manifest.get("sources").get(0).get("catalog_class").asText();
    broker = KafkaBroker.builder().build().start();
    spark = sparkWithJar(classes, dir.resolve("generated.jar"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (broker != null) {
      broker.close();
    }
    loader.close();
  }

  @Test
  void avroRecordsDecodeWithTheGeneratedAvscAndCarryItsFingerprint() throws Exception {
    Map<String, BinaryMessageDecoder<GenericRecord>> decoders = new HashMap<>();
    Map<String, Integer> perType = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : write(Format.AVRO, "e2e-avro")) {
      String type = header(r, "event_type_id");
      Schema schema =
          new Schema.Parser().parse(request.schemaOutputDirectory().resolve(manifestType(type).get("avro_schema").asText()).toFile());
      long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
      assertThat(String.format("%016x", fingerprint)).isEqualTo(manifestType(type).get("avro_fingerprint").asText());
      assertThat(ByteBuffer.wrap(r.headers().lastHeader("schema_fingerprint").value()).order(ByteOrder.LITTLE_ENDIAN).getLong())
          .isEqualTo(fingerprint);
      // The decoder checks the payload's own fingerprint against the schema's.
      GenericRecord event =
          decoders.computeIfAbsent(type, t -> new BinaryMessageDecoder<>(GenericData.get(), schema)).decode(r.value());
      int userId = (Integer) event.get("user_id");
      assertThat(userId).isBetween(1, 1_000_000);
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(userId));
      perType.merge(type, 1, Integer::sum);
    }
    assertThat(perType).isEqualTo(sourceCounts(Format.AVRO));
  }

  @Test
  void protobufRecordsParseWithDescriptorsProtocBuiltFromTheGeneratedProto() throws Exception {
    JsonNode source = manifest.get("sources").get(0);
    Path proto = request.schemaOutputDirectory().resolve(source.get("proto_file").asText());
    Descriptors.FileDescriptor file =
        GeneratedCodeTest.protoc(proto.getParent(), proto.getFileName().toString(), dir);
    Map<String, Integer> perType = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : write(Format.PROTOBUF, "e2e-protobuf")) {
      String type = header(r, "event_type_id");
      assertThat(r.headers().lastHeader("schema_fingerprint")).isNull();
      String message = manifestType(type).get("protobuf_message").asText();
      Descriptors.Descriptor descriptor = file.findMessageTypeByName(message.substring(message.lastIndexOf('.') + 1));
      DynamicMessage event = DynamicMessage.parseFrom(descriptor, r.value());
      assertThat(event.getUnknownFields().asMap()).as("no envelope, no unknown fields").isEmpty();
      Object userId = event.getField(descriptor.findFieldByName("user_id"));
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(userId.toString());
      perType.merge(type, 1, Integer::sum);
    }
    assertThat(perType).isEqualTo(sourceCounts(Format.PROTOBUF));
  }

  @Test
  void jsonRecordsParseWithJackson() throws Exception {
    Map<String, Integer> perType = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : write(Format.JSON, "e2e-json")) {
      String type = header(r, "event_type_id");
      JsonNode event = JSON.readTree(r.value());
      List<String> expectedFields = new java.util.ArrayList<>();
      manifestType(type).get("fields").forEach(f -> expectedFields.add(f.get("name").asText()));
      List<String> names = new java.util.ArrayList<>();
      event.fieldNames().forEachRemaining(names::add);
      assertThat(names).isEqualTo(expectedFields);
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(event.get("user_id").asText());
      perType.merge(type, 1, Integer::sum);
    }
    assertThat(perType).isEqualTo(sourceCounts(Format.JSON));
  }

  private static SourceOptions options(Format format) {
    return SourceOptions.builder()
        .catalog(catalogClass)
        .seed(5)
        .format(format)
        .rows(ROWS)
        .partitions(2)
        .partitionKeyField("user_id")
        .build();
  }

  /** Writes ROWS events in {@code format} through the Kafka sink; returns every record of the topic. */
  private static List<ConsumerRecord<byte[], byte[]>> write(Format format, String topic) {
    Map<String, String> sink = new LinkedHashMap<>();
    sink.put("bootstrap_servers", broker.bootstrapServers());
    sink.put("topic", topic);
    GeneratedSources.withContextLoader(loader,
        () -> Sinks.configure(new SinkOptions("kafka", sink, format)).writeBatch(StreamGen.batch(spark, options(format))));
    List<ConsumerRecord<byte[], byte[]>> records = broker.readAll(topic);
    assertThat(records).hasSize((int) ROWS);
    return records;
  }

  /** Events per type in what the source generates (the sink's input), counted by Spark. */
  private static Map<String, Integer> sourceCounts(Format format) {
    Map<String, Integer> counts = new TreeMap<>();
    GeneratedSources.withContextLoader(loader, () -> {
      Dataset<Row> rows = StreamGen.batch(spark, options(format)).groupBy("event_type_id").count();
      for (Row r : rows.collectAsList()) {
        counts.put(r.getString(0), (int) r.getLong(1));
      }
    });
    assertThat(counts.keySet()).containsExactly("user.purchase", "user.session.end", "user.session.start");
    return counts;
  }

  private static JsonNode manifestType(String eventTypeId) {
    for (JsonNode t : manifest.get("sources").get(0).get("event_types")) {
      if (t.get("event_type_id").asText().equals(eventTypeId)) {
        return t;
      }
    }
    throw new AssertionError("no manifest entry for " + eventTypeId);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  /**
   * The shared local session, with the generated {@code classes} shipped as the jar {@code jar}:
   * Spark's tasks load the generated catalog through their own class loader, as spark-submit ships
   * a user's application jar. Each test class needs a jar name of its own: Spark ignores a second
   * jar of a name it has added, and the tasks would find the first one's catalog.
   */
  static SparkSession sparkWithJar(Path classes, Path jar) throws IOException {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .getOrCreate();
    spark.sparkContext().addJar(jar(classes, jar).toString());
    return spark;
  }

  static Path jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
    }
    return jar;
  }
}
