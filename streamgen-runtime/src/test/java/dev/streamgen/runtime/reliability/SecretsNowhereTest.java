package dev.streamgen.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.job.Job;
import dev.streamgen.runtime.testing.LogCapture;
import dev.streamgen.runtime.testing.PlanCapture;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import dev.streamgen.testkit.KafkaBroker;
import dev.streamgen.testkit.eventhubs.EventHubsTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.StreamExecution;
import org.apache.spark.sql.execution.ui.SQLExecutionUIData;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.execution.streaming.StreamingQueryWrapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * Jobs run with secrets set (a secrets file; {@link SecretsInMainProcessTest} does the environment
 * variable in a JVM of its own), batch and stream, to Kafka (a SASL JAAS config handed to Spark's
 * writer), Event Hubs (the connection string's key) and Delta (secrets present, not used). The values
 * must appear in none of: the job's output, everything logged at INFO, the plans Spark renders
 * (explain / QueryExecution), the SQL tab's data (plan description, modified configs), the streaming
 * query's progress JSON and its explain output. Each check first proves it sees the run: the sink's
 * option key or destination must be there.
 */
class SecretsNowhereTest {
  private static final String JAAS_PASSWORD = "Zq8u-6d1f0b93e2";
  private static final String EVENT_HUBS_KEY = "Mv3w-a71c55d0b8";
  private static final List<String> SECRETS = Arrays.asList(JAAS_PASSWORD, EVENT_HUBS_KEY);
  private static final List<String> REPORT = new ArrayList<>();

  @TempDir static Path tmp;
  private static Path secretsFile;
  private static KafkaBroker broker;
  private static EventHubsTestServer eventHubs;

  @BeforeAll
  static void start() throws IOException {
    SharedSpark.session();
    broker = KafkaBroker.builder().build().start();
    broker.createTopic("secrets", 1);
    eventHubs = EventHubsTestServer.start();
    secretsFile = tmp.resolve("secrets.properties");
    Files.write(
        secretsFile,
        ("kafka/jaas=org.apache.kafka.common.security.plain.PlainLoginModule required username\\=\"u\" password\\=\""
                + JAAS_PASSWORD + "\";\n"
                + "eh/conn=" + eventHubs.connectionString().replaceAll("SharedAccessKey=[^;]*", "SharedAccessKey=" + EVENT_HUBS_KEY) + "\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stop() throws IOException {
    System.out.println("secrets in output, logs, plans, SQL tab, progress JSON (run: characters scanned per place):");
    REPORT.forEach(r -> System.out.println("  " + r));
    broker.close();
    eventHubs.close();
  }

  private static final String[] KAFKA = {
    "--set", "sink_config.type=kafka", "--set", "sink_config.topic=secrets",
    "--set", "sink_config.kafka.sasl.jaas.config={{secrets/kafka/jaas}}"
  };
  private static final String[] EVENT_HUBS = {"--set", "sink_config.type=eventhubs", "--set", "sink_config.connection_string={{secrets/eh/conn}}"};

  @Test
  void kafkaBatch() throws Exception {
    Captured c = run("kafka batch", concat(KAFKA, "--set", "sink_config.bootstrap_servers=" + broker.bootstrapServers(), "--rows", "300"));
    assertThat(c.plans).contains("kafka.sasl.jaas.config");
  }

  @Test
  void kafkaStream() throws Exception {
    Captured c = run("kafka stream", concat(KAFKA, "--set", "sink_config.bootstrap_servers=" + broker.bootstrapServers(),
        "--set", "streaming_config.total_rows_per_second=200", "--duration", "5s",
        "--set", "streaming_config.checkpoint_location=" + tmp.resolve("kafka-checkpoint")));
    assertThat(c.progress).contains("KafkaTable");
    assertThat(c.streamExplain).contains("kafka.sasl.jaas.config");
  }

  @Test
  void eventHubsBatch() throws Exception {
    Captured c = run("eventhubs batch", concat(EVENT_HUBS, "--rows", "300"));
    assertThat(c.out).contains("Event Hubs 'hub1'");
  }

  @Test
  void eventHubsStream() throws Exception {
    Captured c = run("eventhubs stream", concat(EVENT_HUBS, "--set", "streaming_config.total_rows_per_second=200", "--duration", "5s",
        "--set", "streaming_config.checkpoint_location=" + tmp.resolve("eh-checkpoint")));
    assertThat(c.progress).contains("numInputRows");
  }

  @Test
  void deltaBatchAndStreamWithSecretsAround() throws Exception {
    run("delta batch", "--set", "sink_config.type=delta", "--set", "sink_config.path=" + tmp.resolve("delta-batch"), "--rows", "300");
    Captured c = run("delta stream", "--set", "sink_config.type=delta", "--set", "sink_config.path=" + tmp.resolve("delta-stream"),
        "--set", "streaming_config.total_rows_per_second=200", "--duration", "5s",
        "--set", "streaming_config.checkpoint_location=" + tmp.resolve("delta-checkpoint"));
    assertThat(c.progress).contains("DeltaSink");
  }

  /** What one run left where a user or operator could read it. */
  private static final class Captured {
    String out;
    String logs;
    String plans;
    String sqlTab;
    String progress;
    String streamExplain;
  }

  private static Captured run(String name, String... args) throws Exception {
    SparkSession spark = SharedSpark.session();
    List<String> a = new ArrayList<>(Arrays.asList("--catalog", QuickstartTestCatalog.class.getName(), "--secrets-file", secretsFile.toString()));
    a.addAll(Arrays.asList(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ProgressCapture progress = new ProgressCapture(spark);
    spark.streams().addListener(progress);
    long executionsBefore = spark.sharedState().statusStore().executionsCount();
    Captured c = new Captured();
    int status;
    try (LogCapture logs = LogCapture.start();
        PlanCapture plans = PlanCapture.start(spark)) {
      status = new Job(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
          .run(a.toArray(new String[0]));
      c.plans = plans.text();
      c.logs = logs.text();
    } finally {
      spark.streams().removeListener(progress);
    }
    c.out = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertThat(status).as("%s: %s", name, c.out).isZero();
    StringBuilder sql = new StringBuilder();
    for (SQLExecutionUIData e : JavaConverters.seqAsJavaList(spark.sharedState().statusStore().executionsList())) {
      if (e.executionId() >= executionsBefore) {
        sql.append(e.description()).append('\n').append(e.details()).append('\n').append(e.physicalPlanDescription()).append('\n')
            .append(e.modifiedConfigs()).append('\n').append(e.errorMessage()).append('\n');
      }
    }
    c.sqlTab = sql.toString();
    c.progress = progress.json();
    c.streamExplain = progress.explains();
    Map<String, String> places = new LinkedHashMap<>();
    places.put("output", c.out);
    places.put("logs", c.logs);
    places.put("plans", c.plans);
    places.put("SQL tab", c.sqlTab);
    places.put("progress JSON", c.progress);
    places.put("stream explain", c.streamExplain);
    StringBuilder line = new StringBuilder(String.format("%-16s", name + ":"));
    for (Map.Entry<String, String> p : places.entrySet()) {
      line.append(' ').append(p.getKey()).append(' ').append(p.getValue().length());
      for (String secret : SECRETS) {
        assertThat(p.getValue()).as("%s: a secret in the %s", name, p.getKey()).doesNotContain(secret);
      }
    }
    REPORT.add(line.append(": secrets found 0").toString());
    assertThat(c.logs).as("logs captured").isNotEmpty();
    assertThat(c.sqlTab).as("SQL tab data captured").isNotEmpty();
    return c;
  }

  /** Progress JSON of every micro-batch, and the query's explain output while it runs. */
  private static final class ProgressCapture extends StreamingQueryListener {
    private final SparkSession spark;
    private final StringBuilder json = new StringBuilder();
    private final StringBuilder explains = new StringBuilder();

    ProgressCapture(SparkSession spark) {
      this.spark = spark;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public synchronized void onQueryProgress(QueryProgressEvent event) {
      json.append(event.progress().json()).append('\n');
      StreamingQuery q = spark.streams().get(event.progress().id());
      if (q instanceof StreamingQueryWrapper w) {
        StreamExecution exec = w.streamingQuery();
        explains.append(exec.explainInternal(true)).append('\n');
      }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}

    synchronized String json() {
      return json.toString();
    }

    synchronized String explains() {
      return explains.toString();
    }
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(Arrays.asList(a));
    all.addAll(Arrays.asList(b));
    return all.toArray(new String[0]);
  }
}
