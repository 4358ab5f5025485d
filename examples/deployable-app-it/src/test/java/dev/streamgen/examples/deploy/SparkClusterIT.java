package dev.streamgen.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * spark-submits the deployable app jar to a real standalone cluster (master + worker + executor
 * JVMs on loopback, Spark and Delta from SPARK_HOME/jars only) and checks what the job wrote. The
 * job's classes reach the executor only through the submitted jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkClusterIT {
  /** Hang guard for one submitted job; nothing is timed against it. */
  private static final Duration JOB_HANG_GUARD = Duration.ofMinutes(10);

  private final Path itDir = Path.of(System.getProperty("streamgen.it.dir")).resolve("cluster");
  private final Path appJar = Path.of(System.getProperty("streamgen.app.jar"));
  private SparkStandaloneCluster cluster;
  private KafkaBroker kafka;

  @BeforeAll
  void startCluster() throws Exception {
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
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void probeJobLoadsTheAppJarOnTheExecutorAndWritesDelta() throws Exception {
    Path probeJar = jarOf(Path.of("target/test-classes"), "dev/streamgen/examples/deploy/probe/",
        itDir.resolve("probe.jar"));
    Path table = itDir.resolve("probe-delta");
    long rows = 100_000;
    long stream = 1234567L;
    runJob("submit-probe", submitArgs(
        Arrays.asList("--class", "dev.streamgen.examples.deploy.probe.ProbeJob", "--jars",
            appJar.toString()),
        probeJar, Arrays.asList(table.toString(), String.valueOf(rows), String.valueOf(stream),
            kafka.bootstrapServers(), "probe")));

    try (SparkSession spark = localSpark()) {
      assertThat(spark.read().format("delta").load(table.toString()).count()).isEqualTo(rows);
      // Spark's own xxhash64 recomputes what the executor computed with the app jar's Rng.
      long mismatches = spark.read().format("delta").load(table.toString())
          .where("h <> xxhash64(id, cast(" + stream + " as bigint))").count();
      assertThat(mismatches).isZero();
    }
    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll("probe");
    assertThat(records).hasSize((int) rows);
    Set<Long> ids = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      long id = Long.parseLong(new String(r.key(), StandardCharsets.UTF_8));
      long h = Long.parseLong(new String(r.value(), StandardCharsets.UTF_8));
      assertThat(h).as("hash of row %d", id).isEqualTo(XXH64.hashLong(stream, XXH64.hashLong(id, 42L)));
      ids.add(id);
    }
    assertThat(ids).hasSize((int) rows);
    assertExecutorRanTasksFrom(appJar.getFileName().toString());
  }

  /** spark-submit options shared by every job: one small executor, quiet UI. */
  private List<String> submitArgs(List<String> options, Path primaryJar, List<String> appArgs) {
    List<String> args = new ArrayList<>(Arrays.asList(
        "--conf", "spark.executor.memory=1g",
        "--conf", "spark.executor.cores=2",
        "--conf", "spark.cores.max=2",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.sql.shuffle.partitions=2",
        "--conf", "spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension",
        "--conf", "spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog"));
    args.addAll(options);
    args.add(primaryJar.toString());
    args.addAll(appArgs);
    return args;
  }

  private String runJob(String name, List<String> args) throws Exception {
    long t0 = System.nanoTime();
    JvmProcess submit = cluster.submit(name, args);
    int exit = submit.awaitExit(JOB_HANG_GUARD);
    System.out.printf("%s exited %d after %.1f s%n", name, exit, (System.nanoTime() - t0) / 1e9);
    if (exit != 0) {
      throw new AssertionError(name + " failed with exit code " + exit + "\n" + cluster.diagnostics());
    }
    return submit.readLog();
  }

  /** The tasks ran in an executor the worker launched, with the app jar on its class loader. */
  private void assertExecutorRanTasksFrom(String jarName) {
    List<Path> logs = cluster.executorLogs();
    assertThat(logs).as("executor logs under %s", cluster.workerDir()).isNotEmpty();
    String all = logs.stream().map(SparkStandaloneCluster::read).collect(Collectors.joining("\n"));
    assertThat(all).contains("Finished task");
    assertThat(all).containsPattern("Adding file:\\S*" + java.util.regex.Pattern.quote(jarName)
        + " to class loader");
  }

  private static SparkSession localSpark() {
    return SparkSession.builder()
        .master("local[1]")
        .appName("deploy-it-verify")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .getOrCreate();
  }

  /** Packs the classes under {@code prefix} of {@code classes} into a jar. */
  private static Path jarOf(Path classes, String prefix, Path jar) throws IOException {
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes.resolve(prefix))) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        zip.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        zip.write(Files.readAllBytes(f));
        zip.closeEntry();
      }
    }
    return jar;
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
