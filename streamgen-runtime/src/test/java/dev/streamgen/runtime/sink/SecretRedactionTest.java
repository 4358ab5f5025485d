package dev.streamgen.runtime.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.testing.PlanCapture;
import dev.streamgen.runtime.testing.SharedSpark;
import java.util.Collections;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Resolved secrets passed to a Spark writer as options stay out of the plans users can see. */
class SecretRedactionTest {

  @Test
  void secretValuesAndCredentialKeysAreRedactedInPlans() {
    SparkSession spark = SharedSpark.session();
    String dir = SharedSpark.tempDir("redaction");
    String secret = "hunter2-7f3a9c";
    String jaas = "ScramLoginModule required username=\"u\" password=\"jaas-5e1b\";";

    // Without protection the value shows in the plan: the check below can fail.
    try (PlanCapture before = PlanCapture.start(spark)) {
      spark.range(2).write().format("json").option("opt", secret).save(dir + "/before");
      assertThat(before.text()).contains(secret);
    }

    SecretRedaction.protect(spark, Collections.singletonList(secret));
    try (PlanCapture after = PlanCapture.start(spark)) {
      spark.range(2).write().format("json").option("opt", secret).save(dir + "/after");
      spark.range(2).write().format("json").option("kafka.sasl.jaas.config", jaas).save(dir + "/jaas");
      String plans = after.text();
      assertThat(plans).contains("InsertIntoHadoopFsRelationCommand").doesNotContain(secret);
      assertThat(plans).doesNotContain("jaas-5e1b");
      assertThat(spark.range(1).selectExpr("'" + secret + "' AS v").queryExecution().explainString(
          org.apache.spark.sql.execution.SimpleMode$.MODULE$)).doesNotContain(secret);
    }
  }
}
