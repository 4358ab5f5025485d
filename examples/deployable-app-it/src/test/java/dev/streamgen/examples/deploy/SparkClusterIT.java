package dev.streamgen.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.testkit.KafkaBroker;
import dev.streamgen.testkit.eventhubs.EventHubsTestServer;
import dev.streamgen.testkit.eventhubs.RecordedEvent;
import dev.streamgen.testkit.kinesis.KinesisEmulator;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * spark-submits the deployable app jar ({@code dev.streamgen.runtime.Main}) to a real standalone
 * cluster: master, worker and executor JVMs on loopback, Spark and Delta from SPARK_HOME/jars only,
 * so the streamgen source, the Kafka connector and the generated event classes reach driver and
 * executor only through the submitted jar. Then reads back what the executor wrote and decodes it
 * with the generated schemas (the app's {@code schemas} artifact) and standard libraries only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkClusterIT {
  /** Hang guard for one submitted job; nothing is timed against it. */
  private static final Duration JOB_HANG_GUARD = Duration.ofMinutes(10);
  private static final Pattern APP_ID = Pattern.compile("Connected to Spark cluster with app ID (app-\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = 7;

  private final Path itDir = Path.of(System.getProperty("streamgen.it.dir")).resolve("cluster");
  private final Path appJar = Path.of(System.getProperty("streamgen.app.jar"));
  private SparkStandaloneCluster cluster;
  private KafkaBroker kafka;
  private final GeneratedSchemas schemas =
      GeneratedSchemas.open(Path.of(System.getProperty("streamgen.app.schemas")));

  @BeforeAll
  void start() throws Exception {
    deleteRecursively(itDir);
    long k0 = System.nanoTime();
    kafka = KafkaBroker.builder().directory(itDir.resolve("kafka")).build().start();
    System.out.printf("kafka broker up in %.1f s at %s%n", (System.nanoTime() - k0) / 1e9,
        kafka.bootstrapServers());
    SparkHome home = SparkHome.create(itDir.resolve("spark-home"),
        Path.of(System.getProperty("streamgen.spark.classpath")),
        System.getProperty("streamgen.spark.add.opens"));
    long t0 = System.nanoTime();
    cluster = SparkStandaloneCluster.start(home, itDir, 2, "2g");
    System.out.printf("cluster up (master + worker ALIVE) in %.1f s at %s%n",
        (System.nanoTime() - t0) / 1e9, cluster.masterUrl());
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void batchToDeltaOnTheCluster() throws Exception {
    Path table = itDir.resolve("events-delta");
    long rows = 100_000;
    String appId = runMain("submit-delta",
        "--rows", String.valueOf(rows),
        "--set", "generation_mode=batch",
        "--set", "batch_config.partitions=4",
        "--set", "serialization_format=avro",
        "--set", "sink_config.type=delta",
        "--set", "sink_config.path=" + table,
        "--set", "sink_config.mode=overwrite");

    List<Row> events;
    try (SparkSession spark = localSpark()) {
      events = spark.read().format("delta").load(table.toString())
          .select("event_type_id", "partition_key", "serialized_payload").collectAsList();
    }
    assertThat(events).hasSize((int) rows);
    Map<String, Integer> perType = new TreeMap<>();
    for (Row r : events) {
      String type = r.getString(0);
      GenericRecord event = schemas.decodeAvro(type, (byte[]) r.get(2));
      QuickstartEvents.assertValid(type, event::get, event.getSchema().getFields().stream()
          .map(Schema.Field::name).collect(Collectors.toList()));
      // partition_key_field: user_id in events.yaml.
      assertThat(r.getString(1)).isEqualTo(event.get("user_id").toString());
      perType.merge(type, 1, Integer::sum);
    }
    assertThat(perType).containsOnlyKeys(QuickstartEvents.TYPES);
    assertExecutorLoadedTheJarsAndRanTasks(appId);
  }

  @Test
  void batchToKafkaOnTheCluster() throws Exception {
    long rows = 20_000;
    String appId = runMain("submit-kafka",
        "--rows", String.valueOf(rows),
        "--set", "generation_mode=batch",
        "--set", "batch_config.partitions=2",
        "--set", "serialization_format=json",
        "--set", "sink_config.type=kafka",
        "--set", "sink_config.bootstrap_servers=" + kafka.bootstrapServers(),
        "--set", "sink_config.topic=events");

    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll("events");
    assertThat(records).hasSize((int) rows);
    Map<String, Integer> perType = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      Header header = r.headers().lastHeader("event_type_id");
      assertThat(header).as("event_type_id header").isNotNull();
      String type = new String(header.value(), StandardCharsets.UTF_8);
      JsonNode event = JSON.readTree(r.value());
      List<String> names = new ArrayList<>();
      event.fieldNames().forEachRemaining(names::add);
      assertThat(names).as("%s fields, in the order of its generated schema", type)
          .isEqualTo(schemas.fieldNames(type));
      QuickstartEvents.assertValid(type, name -> jsonValue(event.get(name)), names);
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(event.get("user_id").asText());
      perType.merge(type, 1, Integer::sum);
    }
    assertThat(perType).containsOnlyKeys(QuickstartEvents.TYPES);
    assertExecutorLoadedTheJarsAndRanTasks(appId);
  }

  /**
   * The Event Hubs sink from the shaded jar, whose Azure SDK runs on relocated Reactor and Proton-J,
   * sends from the executor to the AMQP endpoint in this JVM.
   */
  @Test
  void batchToEventHubsOnTheCluster() throws Exception {
    long rows = 5_000;
    try (EventHubsTestServer hub = EventHubsTestServer.start()) {
      String appId = runMain("submit-eventhubs",
          "--rows", String.valueOf(rows),
          "--set", "generation_mode=batch",
          "--set", "batch_config.partitions=2",
          "--set", "serialization_format=json",
          "--set", "sink_config.type=eventhubs",
          "--set", "sink_config.connection_string=" + hub.connectionString());

      List<RecordedEvent> events = hub.events();
      assertThat(events).hasSize((int) rows);
      Map<String, Integer> perType = new TreeMap<>();
      for (RecordedEvent e : events) {
        String type = String.valueOf(e.property("event_type_id"));
        JsonNode event = JSON.readTree(e.body());
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        QuickstartEvents.assertValid(type, name -> jsonValue(event.get(name)), names);
        // partition_key_field: user_id in events.yaml.
        assertThat(e.partitionKey()).isEqualTo(event.get("user_id").asText());
        perType.merge(type, 1, Integer::sum);
      }
      assertThat(perType).containsOnlyKeys(QuickstartEvents.TYPES);
      assertExecutorLoadedTheJarsAndRanTasks(appId);
    }
  }

  /**
   * The Kinesis sink from the shaded jar on a cluster that ships an older AWS SDK v2 of its own
   * (Databricks runtimes and hadoop-aws clusters do): that SDK is in SPARK_HOME/jars, ahead of the
   * app jar in driver and executor (userClassPathFirst false, Spark's and Databricks' default). The
   * driver provisions the stream, the executor writes it; the test reads every record back with the
   * cluster's SDK. Without the relocation the app's SDK classes resolve to the cluster's older ones
   * (checked: with 2.36.2 on the cluster that mix still writes, announcing itself as 2.36.2), so the
   * test asserts which SDK the sink's requests came from, not only that the records arrived.
   */
  @Test
  void batchToKinesisOnAClusterThatShipsAnotherAwsSdk() throws Exception {
    String clusterSdk = VersionInfo.SDK_VERSION;
    assertThat(sparkClasspath()).as("the cluster's class path holds AWS SDK %s", clusterSdk)
        .anyMatch(jar -> jar.endsWith("sdk-core-" + clusterSdk + ".jar"));
    String appSdk = appJarAwsSdkVersion();
    assertThat(appSdk).as("the app's AWS SDK differs from the cluster's").isNotEqualTo(clusterSdk);
    long rows = 5_000;
    String stream = "events";
    try (KinesisEmulator kinesis = KinesisEmulator.start();
        SdkVersionTap tap = SdkVersionTap.start(kinesis.endpoint())) {
      String appId = runMain("submit-kinesis",
          Arrays.asList(
              "--conf", "spark.driver.userClassPathFirst=false",
              "--conf", "spark.executor.userClassPathFirst=false"),
          "--rows", String.valueOf(rows),
          "--set", "generation_mode=batch",
          "--set", "batch_config.partitions=2",
          "--set", "serialization_format=json",
          "--set", "sink_config.type=kinesis",
          "--set", "sink_config.stream_name=" + stream,
          "--set", "sink_config.auto_shard_calculation=false",
          "--set", "sink_config.shard_count=2",
          "--set", "sink_config.endpoint_url=" + tap.endpoint(),
          "--set", "sink_config.region=" + KinesisEmulator.REGION,
          "--set", "sink_config.aws_access_key_id=" + KinesisEmulator.ACCESS_KEY_ID,
          "--set", "sink_config.aws_secret_access_key=" + KinesisEmulator.SECRET_ACCESS_KEY);

      // Driver (stream provisioning) and executor (PutRecords) both spoke through the tap: with the
      // app's SDK, not the cluster's, whose classes come first on their class paths.
      assertThat(tap.sdkVersions()).as("AWS SDK versions in the sink's User-Agent headers")
          .containsExactly(appSdk);
      List<Record> records = kinesis.readAll(stream);
      assertThat(records).hasSize((int) rows);
      Map<String, Integer> perType = new TreeMap<>();
      for (Record r : records) {
        JsonNode event = JSON.readTree(r.data().asByteArray());
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        // Kinesis records carry no type: each type's generated schema has its own field list.
        String type = schemas.typeWithFields(names);
        QuickstartEvents.assertValid(type, name -> jsonValue(event.get(name)), names);
        // partition_key_field: user_id in events.yaml.
        assertThat(r.partitionKey()).isEqualTo(event.get("user_id").asText());
        perType.merge(type, 1, Integer::sum);
      }
      assertThat(perType).containsOnlyKeys(QuickstartEvents.TYPES);
      assertExecutorLoadedTheJarsAndRanTasks(appId);
    }
  }

  /** The cluster's jars (SPARK_HOME/jars), as the build resolved them. */
  private static List<String> sparkClasspath() throws IOException {
    String classpath = new String(Files.readAllBytes(Path.of(System.getProperty("streamgen.spark.classpath"))),
        StandardCharsets.UTF_8).trim();
    return Arrays.asList(classpath.split(File.pathSeparator));
  }

  /** The AWS SDK version the app jar bundles, from the Maven metadata shade keeps. */
  private String appJarAwsSdkVersion() throws IOException {
    try (ZipFile jar = new ZipFile(appJar.toFile())) {
      ZipEntry e = jar.getEntry("META-INF/maven/software.amazon.awssdk/sdk-core/pom.properties");
      assertThat(e).as("sdk-core's pom.properties in %s", appJar).isNotNull();
      Properties p = new Properties();
      try (InputStream in = jar.getInputStream(e)) {
        p.load(in);
      }
      return p.getProperty("version");
    }
  }

  private static Object jsonValue(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isInt()) {
      return node.intValue();
    }
    return node.isNumber() ? (Object) node.doubleValue() : node.asText();
  }

  /** Submits Main with the app jar and the given arguments; returns the Spark app id. */
  private String runMain(String name, String... mainArgs) throws Exception {
    return runMain(name, List.of(), mainArgs);
  }

  /** As above, with extra spark-submit options before the class and jar. */
  private String runMain(String name, List<String> submitOptions, String... mainArgs) throws Exception {
    List<String> args = new ArrayList<>(submitOptions);
    args.addAll(Arrays.asList(
        "--conf", "spark.executor.memory=1g",
        "--conf", "spark.executor.cores=2",
        "--conf", "spark.cores.max=2",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.sql.shuffle.partitions=2",
        "--class", "dev.streamgen.runtime.Main",
        appJar.toString(),
        "--seed", String.valueOf(SEED)));
    args.addAll(Arrays.asList(mainArgs));
    long t0 = System.nanoTime();
    JvmProcess submit = cluster.submit(name, args);
    int exit = submit.awaitExit(JOB_HANG_GUARD);
    String log = submit.readLog();
    System.out.printf("%s exited %d after %.1f s%n", name, exit, (System.nanoTime() - t0) / 1e9);
    log.lines().filter(l -> l.startsWith("[streamgen]")).forEach(l -> System.out.println("  " + l));
    if (exit != 0) {
      throw new AssertionError(name + " failed with exit code " + exit + "\n" + cluster.diagnostics());
    }
    Matcher m = APP_ID.matcher(log);
    assertThat(m.find()).as("%s ran on the cluster (app id in its log)", name).isTrue();
    return m.group(1);
  }

  /**
   * The tasks ran in an executor the worker launched for {@code appId}, which fetched the app jar
   * from the driver and put it on its class loader: the classes did not come from SPARK_HOME.
   */
  private void assertExecutorLoadedTheJarsAndRanTasks(String appId) {
    List<Path> logs = cluster.executorLogs().stream()
        .filter(p -> p.startsWith(cluster.workerDir().resolve(appId))).collect(Collectors.toList());
    assertThat(logs).as("executor logs of %s under %s", appId, cluster.workerDir()).isNotEmpty();
    String all = logs.stream().map(SparkStandaloneCluster::read).collect(Collectors.joining("\n"));
    assertThat(all).contains("Finished task");
    assertThat(all).containsPattern(
        "Adding file:\\S*" + Pattern.quote(appJar.getFileName().toString()) + " to class loader");
  }

  private static SparkSession localSpark() {
    return SparkSession.builder()
        .master("local[1]")
        .appName("deploy-it-verify")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .getOrCreate();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.delete(p);
      }
    }
  }
}
