package dev.streamgen.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.testing.LogCapture;
import dev.streamgen.runtime.testing.PlanCapture;
import dev.streamgen.runtime.testing.SharedSpark;
import dev.streamgen.testkit.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * A secret referenced in the settings, resolved from a secrets file, handed to Spark's Kafka writer
 * as a producer option (against a real broker): the run succeeds, and the secret's value appears in
 * none of the job's output, the logs (captured at INFO) or the plans Spark shows.
 */
class JobSecretsTest {
  private static final String PASSWORD = "pw-9c2e41f7";

  @Test
  void secretReachesTheWriterButNoOutputLogOrPlan() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path secrets = Files.createTempFile("streamgen-secrets", ".properties");
    Files.write(
        secrets,
        ("kafka/jaas=org.apache.kafka.common.security.plain.PlainLoginModule required username\\=\"u\" password\\=\""
                + PASSWORD
                + "\";\n")
            .getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (KafkaBroker broker = KafkaBroker.builder().build().start()) {
      broker.createTopic("secret-run", 1);
      int status;
      String logs;
      String plans;
      try (LogCapture logCapture = LogCapture.start();
          PlanCapture planCapture = PlanCapture.start(spark)) {
        status =
            new Job(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(
                    new String[] {
                      "--rows", "500",
                      "--secrets-file", secrets.toString(),
                      "--set", "sink_config.type=kafka",
                      "--set", "sink_config.bootstrap_servers=" + broker.bootstrapServers(),
                      "--set", "sink_config.topic=secret-run",
                      "--set", "sink_config.kafka.sasl.jaas.config={{secrets/kafka/jaas}}"
                    });
        plans = planCapture.text();
        logs = logCapture.text();
      }
      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(broker.readAll("secret-run")).hasSize(500);
      // The option reached Spark's writer (its key is in the plan), its value redacted.
      assertThat(plans).contains("kafka.sasl.jaas.config").doesNotContain(PASSWORD);
      assertThat(logs).isNotEmpty().doesNotContain(PASSWORD);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("[streamgen] done: 500 rows").doesNotContain(PASSWORD);
      assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(PASSWORD);
    }
  }
}
