package dev.streamgen.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.streamgen.it.quickstart.EventsCatalog;
import dev.streamgen.runtime.job.Job;
import dev.streamgen.testkit.KafkaBroker;
import dev.streamgen.testkit.SchemaRegistryServer;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, Confluent framing: the quick-start catalog run by the job to a real Kafka broker with its
 * schemas registered in a real registry (Apicurio's Confluent API), read back and decoded by readers
 * that know nothing of streamgen but the registry: Apicurio's own Avro serde (as-confluent), and for
 * Protobuf and JSON the schema fetched by id over the Confluent API, compiled by protoc /
 * checked by a JSON Schema validator. Each format uses another subject strategy.
 */
class ConfluentRegistryKafkaTest {
  private static final int ROWS = 3_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TYPES = Arrays.asList("user.purchase", "user.session.end", "user.session.start");

  private static KafkaBroker broker;
  private static SchemaRegistryServer registry;

  @BeforeAll
  static void start() {
    broker = KafkaBroker.builder().build().start();
    registry = SchemaRegistryServer.start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void avroRecordsDecodeWithApicuriosSerdeFromTheSchemaTheIdNames() throws Exception {
    ItJob job = ItJob.succeed(args("avro", "registry-avro", "record"));
    assertThat(job.out).contains("registered 3 schemas with the Confluent schema registry at " + registry.confluentUrl());
    List<ConsumerRecord<byte[], byte[]>> framed = broker.readAll("registry-avro");
    assertThat(framed).hasSize(ROWS);

    Map<String, Object> config = new HashMap<>();
    config.put("apicurio.registry.url", registry.confluentUrl().replace("/apis/ccompat/v7", "/apis/registry/v2"));
    config.put("apicurio.registry.as-confluent", "true");
    config.put("apicurio.registry.use-id", "contentId");
    config.put("apicurio.registry.headers.enabled", "false");
    List<String> decoded = new ArrayList<>();
    Map<String, Integer> idOfType = new TreeMap<>();
    try (AvroKafkaDeserializer<GenericRecord> deserializer = new AvroKafkaDeserializer<>()) {
      deserializer.configure(config, false);
      for (ConsumerRecord<byte[], byte[]> r : framed) {
        String type = header(r, "event_type_id");
        assertThat(r.value()[0]).as("magic byte").isZero();
        assertThat(r.headers().lastHeader("schema_fingerprint")).as("no single-object header to describe").isNull();
        Integer previous = idOfType.put(type, ByteBuffer.wrap(r.value(), 1, 4).getInt());
        assertThat(previous == null || previous == idOfType.get(type)).as("one schema id per type").isTrue();
        GenericRecord event = deserializer.deserialize("registry-avro", r.value());
        assertThat(event.getSchema().getFullName()).isEqualTo(avroSchema(type).getFullName());
        decoded.add(event.toString());
      }
    }
    assertThat(idOfType.keySet()).containsExactlyElementsOf(TYPES);
    assertThat(subjects()).contains(
        "dev.streamgen.it.quickstart.UserPurchase", "dev.streamgen.it.quickstart.UserSessionEnd",
        "dev.streamgen.it.quickstart.UserSessionStart");
    for (String type : TYPES) {
      assertThat(versions(avroSchema(type).getFullName())).as("registered once").isEqualTo("[1]");
    }

    // The same run without a registry, decoded by Avro's own single-object decoder: the same events.
    ItJob.succeed(plainArgs("avro", "plain-avro"));
    List<String> plain = new ArrayList<>();
    Map<String, BinaryMessageDecoder<GenericRecord>> decoders = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : broker.readAll("plain-avro")) {
      String type = header(r, "event_type_id");
      plain.add(decoders.computeIfAbsent(type, t -> new BinaryMessageDecoder<>(GenericData.get(), avroSchema(t)))
          .decode(r.value()).toString());
    }
    Collections.sort(decoded);
    Collections.sort(plain);
    assertThat(decoded).isEqualTo(plain);
  }

  @Test
  void protobufRecordsParseWithTheMessageTheIdAndIndexesName() throws Exception {
    ItJob.succeed(args("protobuf", "registry-protobuf", "topic_record"));
    Map<Integer, Descriptors.FileDescriptor> files = new HashMap<>();
    Map<String, Integer> perType = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : broker.readAll("registry-protobuf")) {
      String type = header(r, "event_type_id");
      ByteBuffer in = ByteBuffer.wrap(r.value());
      assertThat(in.get()).as("magic byte").isZero();
      int id = in.getInt();
      int count = zigZagVarint(in);
      List<Integer> indexes = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        indexes.add(zigZagVarint(in));
      }
      // [0] is the single byte 00: a count of 0 stands for it.
      int index = count == 0 ? 0 : indexes.get(0);
      assertThat(count).isLessThanOrEqualTo(1);
      JsonNode schema = JSON.readTree(registry.get("/schemas/ids/" + id));
      assertThat(schema.get("schemaType").asText()).isEqualTo("PROTOBUF");
      Descriptors.FileDescriptor file = files.computeIfAbsent(id, i -> protoc(schema.get("schema").asText()));
      Descriptors.Descriptor message = file.getMessageTypes().get(index);
      assertThat(message.getFullName()).isEqualTo(manifestType(type).get("protobuf_message").asText());
      byte[] body = Arrays.copyOfRange(r.value(), in.position(), r.value().length);
      DynamicMessage event = DynamicMessage.parseFrom(message, body);
      assertThat(event.getUnknownFields().asMap()).isEmpty();
      assertThat(new String(r.key(), StandardCharsets.UTF_8))
          .isEqualTo(event.getField(message.findFieldByName("user_id")).toString());
      perType.merge(type, 1, Integer::sum);
    }
    assertThat(perType.keySet()).containsExactlyElementsOf(TYPES);
    assertThat(perType.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ROWS);
    for (String type : TYPES) {
      String subject = "registry-protobuf-" + manifestType(type).get("protobuf_message").asText();
      assertThat(versions(subject)).as(subject).isEqualTo("[1]");
    }
  }

  @Test
  void jsonRecordsValidateAgainstTheSchemaTheIdNamesOneTopicPerType() throws Exception {
    ItJob.succeed(args("json", null, "topic"));
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    int total = 0;
    for (String type : TYPES) {
      String topic = "registry-json-" + type;
      assertThat(versions(topic + "-value")).isEqualTo("[1]");
      for (ConsumerRecord<byte[], byte[]> r : broker.readAll(topic)) {
        assertThat(header(r, "event_type_id")).isEqualTo(type);
        assertThat(r.value()[0]).isZero();
        JsonNode schema = JSON.readTree(registry.get("/schemas/ids/" + ByteBuffer.wrap(r.value(), 1, 4).getInt()));
        assertThat(schema.get("schemaType").asText()).isEqualTo("JSON");
        JsonNode event = JSON.readTree(Arrays.copyOfRange(r.value(), 5, r.value().length));
        assertThat(factory.getSchema(schema.get("schema").asText(), config).validate(event)).as("%s", event).isEmpty();
        assertThat(JSON.readTree(schema.get("schema").asText()).get("title").asText()).isEqualTo(type);
        total++;
      }
    }
    assertThat(total).isEqualTo(ROWS);
  }

  @Test
  void anIncompatibleSchemaStopsTheRunBeforeAnyRecordNamingTheSubjectAndTheRegistrysAnswer() {
    String subject = "registry-incompatible-dev.streamgen.it.quickstart.UserPurchase";
    registry.put("/config", "{\"compatibility\":\"BACKWARD\"}");
    // An older user.purchase whose user_id was a string: our int cannot read it.
    String older = "{\"type\":\"record\",\"name\":\"UserPurchase\",\"namespace\":\"dev.streamgen.it.quickstart\","
        + "\"fields\":[{\"name\":\"user_id\",\"type\":\"string\"}]}";
    registry.post("/subjects/" + subject + "/versions", JSON.createObjectNode().put("schema", older).toString());
    ItJob job = ItJob.run(args("avro", "registry-incompatible", "topic_record"));
    assertThat(job.status).as(job.err).isEqualTo(Job.FAILED);
    assertThat(job.err).contains("refused subject '" + subject + "'").contains("HTTP 409").contains("nothing was written");
    assertThat(broker.topics()).doesNotContain("registry-incompatible");
  }

  @Test
  void anUnreachableRegistryStopsTheRunBeforeAnyRecord() throws Exception {
    String url;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      url = "http://127.0.0.1:" + closed.getLocalPort();
    }
    ItJob job = ItJob.run(concat(args("avro", "registry-down", "record"), "--set", "serialization_config.registry.url=" + url));
    assertThat(job.status).as(job.err).isEqualTo(Job.FAILED);
    assertThat(job.err).contains("schema registry " + url + " did not answer registering subject 'dev.streamgen.it.quickstart.");
    assertThat(broker.topics()).doesNotContain("registry-down");
  }

  @Test
  void oneSubjectPerTopicForThreeTypesIsRefusedNamingTheKey() {
    ItJob job = ItJob.run(args("avro", "registry-one-topic", "topic"));
    assertThat(job.status).isEqualTo(Job.BAD_INPUT);
    assertThat(job.err).contains(
        "serialization_config.registry.subject_strategy 'topic' gives event types 'user.session.start' and"
            + " 'user.purchase' the same subject 'registry-one-topic-value'");
  }

  @Test
  void aMisspeltStrategyIsRefusedNamingTheSetting() {
    ItJob job = ItJob.run(concat(args("avro", "registry-typo", "record"), "--set", "serialization_config.registry.subject_strategy=records"));
    assertThat(job.status).isEqualTo(Job.BAD_INPUT);
    assertThat(job.err).contains("serialization_config.registry.subject_strategy").contains("records");
  }

  @Test
  void aRegistryWithAnotherSinkIsRefused() {
    ItJob job = ItJob.run("--catalog", EventsCatalog.class.getName(), "--dry-run",
        "--set", "sink_config.type=delta", "--set", "sink_config.path=" + ItSpark.tempDir("registry-delta"),
        "--set", "serialization_config.registry.type=confluent", "--set", "serialization_config.registry.url=http://127.0.0.1:1");
    assertThat(job.status).isEqualTo(Job.BAD_INPUT);
    assertThat(job.err).contains("serialization_config.registry.type 'confluent' frames payloads for Kafka; sink_config.type is 'delta'");
  }

  @Test
  void aDryRunListsTheSubjectsAndRegistersNothing() {
    ItJob job = ItJob.succeed(concat(args("avro", "registry-dry", "topic_record"), "--dry-run"));
    assertThat(job.out)
        .contains("would register with the Confluent schema registry at " + registry.confluentUrl())
        .contains("subject registry-dry-dev.streamgen.it.quickstart.UserPurchase <- AVRO schema of user.purchase");
    assertThat(subjects()).noneMatch(s -> s.startsWith("registry-dry"));
  }

  private static String[] args(String format, String topic, String strategy) {
    List<String> a = new ArrayList<>(Arrays.asList(plainArgs(format, topic)));
    a.addAll(Arrays.asList(
        "--set", "serialization_config.registry.type=confluent",
        "--set", "serialization_config.registry.url=" + registry.confluentUrl(),
        "--set", "serialization_config.registry.schemas=" + ItSpark.schemas(),
        "--set", "serialization_config.registry.subject_strategy=" + strategy));
    if (topic == null) {
      a.addAll(Arrays.asList("--set", "sink_config.topic_pattern=registry-" + format + "-{event_type_id}"));
    }
    return a.toArray(new String[0]);
  }

  private static String[] plainArgs(String format, String topic) {
    List<String> a = new ArrayList<>(Arrays.asList(
        "--catalog", EventsCatalog.class.getName(),
        "--set", "generation_mode=batch",
        "--set", "batch_config.total_rows=" + ROWS,
        "--set", "batch_config.partitions=2",
        "--set", "seed=18",
        "--set", "serialization_format=" + format,
        "--set", "sink_config.type=kafka",
        "--set", "sink_config.bootstrap_servers=" + broker.bootstrapServers(),
        "--set", "sink_config.partition_key_field=user_id"));
    if (topic != null) {
      a.addAll(Arrays.asList("--set", "sink_config.topic=" + topic));
    }
    return a.toArray(new String[0]);
  }

  private static String[] concat(String[] a, String... more) {
    List<String> all = new ArrayList<>(Arrays.asList(a));
    all.addAll(Arrays.asList(more));
    return all.toArray(new String[0]);
  }

  private static List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    try {
      JSON.readTree(registry.get("/subjects")).forEach(s -> subjects.add(s.asText()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return subjects;
  }

  private static String versions(String subject) {
    return registry.get("/subjects/" + subject + "/versions").replace(" ", "");
  }

  private static JsonNode manifestType(String type) {
    try {
      JsonNode manifest = JSON.readTree(ItSpark.schemas().resolve("manifest.json").toFile());
      for (JsonNode source : manifest.get("sources")) {
        if (source.get("catalog_class").asText().equals(EventsCatalog.class.getName())) {
          for (JsonNode t : source.get("event_types")) {
            if (t.get("event_type_id").asText().equals(type)) {
              return t;
            }
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError("no manifest entry for " + type);
  }

  private static Schema avroSchema(String type) {
    try {
      return new Schema.Parser().parse(ItSpark.schemas().resolve(manifestType(type).get("avro_schema").asText()).toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  /** A zig-zag varint, as Confluent writes message indexes (read here without streamgen's code). */
  private static int zigZagVarint(ByteBuffer in) {
    int raw = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in.get();
      raw |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** The descriptors protoc builds from {@code proto}, the schema text the registry gave back. */
  private static Descriptors.FileDescriptor protoc(String proto) {
    try {
      Path dir = Files.createTempDirectory("registry-proto");
      Files.write(dir.resolve("registry.proto"), proto.getBytes(StandardCharsets.UTF_8));
      File protoc = new File(System.getProperty("streamgen.protoc", "target/protoc/protoc.exe"));
      protoc.setExecutable(true);
      Path set = dir.resolve("registry.pb");
      Process p = new ProcessBuilder(protoc.getAbsolutePath(), "--descriptor_set_out=" + set, "-I", dir.toString(), "registry.proto")
          .redirectErrorStream(true)
          .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as("protoc: %s", output).isZero();
      DescriptorProtos.FileDescriptorSet files = DescriptorProtos.FileDescriptorSet.parseFrom(Files.readAllBytes(set));
      return Descriptors.FileDescriptor.buildFrom(files.getFile(0), new Descriptors.FileDescriptor[0]);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
