package dev.streamgen.examples.deploy.probe;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.streamgen.runtime.api.Rng;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * A stand-in job for the harness until {@code dev.streamgen.runtime.Main} lands: it computes
 * {@link Rng#hash} in a UDF, so executors must load the runtime from the submitted app jar, and
 * writes the result as a Delta table and to a Kafka topic (through the connector bundled in the app
 * jar), which the test checks against Spark's own xxhash64.
 * Args: delta path, rows, stream, Kafka bootstrap servers, topic.
 */
public final class ProbeJob {
  private ProbeJob() {}

  public static void main(String[] args) {
    String path = args[0];
    long rows = Long.parseLong(args[1]);
    long stream = Long.parseLong(args[2]);
    SparkSession spark = SparkSession.builder().appName("streamgen-deploy-probe").getOrCreate();
    spark.udf().register("rng_hash", (UDF2<Long, Long, Long>) Rng::hash, DataTypes.LongType);
    Dataset<Row> hashes =
        spark.range(0, rows, 1, 4).withColumn("h", callUDF("rng_hash", col("id"), lit(stream)));
    hashes.write().format("delta").mode("overwrite").save(path);
    hashes.selectExpr("CAST(id AS STRING) AS key", "CAST(h AS STRING) AS value")
        .write().format("kafka")
        .option("kafka.bootstrap.servers", args[3])
        .option("topic", args[4])
        .save();
    System.out.println("probe wrote " + rows + " rows to " + path + " and topic " + args[4]);
    spark.stop();
  }
}
