package dev.streamgen.runtime.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.testing.SharedSpark;
import java.util.Collections;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ui.SQLExecutionUIData;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/**
 * The redaction pattern quotes every secret, and it is a session config: the SQL tab lists each
 * query's modified configs, so the pattern itself must be hidden there (found by the reliability
 * secrets test; a secret free of words like "key" or "password" showed verbatim).
 */
class SecretRedactionSqlTabTest {

  @Test
  void aBareSecretValueStaysOutOfTheSqlTabsModifiedConfigs() {
    SparkSession spark = SharedSpark.session();
    String bare = "Qx7pT2vLm9Rk4bWz";
    SecretRedaction.protect(spark, Collections.singletonList(bare));
    long before = spark.sharedState().statusStore().executionsCount();

    spark.range(3).selectExpr("id", "'" + bare + "' AS v").collectAsList();

    StringBuilder sqlTab = new StringBuilder();
    for (SQLExecutionUIData e : JavaConverters.seqAsJavaList(spark.sharedState().statusStore().executionsList())) {
      if (e.executionId() >= before) {
        sqlTab.append(e.physicalPlanDescription()).append('\n').append(e.modifiedConfigs()).append('\n');
      }
    }
    assertThat(sqlTab.toString())
        .contains("spark.sql.redaction.string.regex -> *********(redacted)")
        .contains("*********(redacted) AS v")
        .doesNotContain(bare);
  }
}
