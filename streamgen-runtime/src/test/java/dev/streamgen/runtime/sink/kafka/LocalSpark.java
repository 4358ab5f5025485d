package dev.streamgen.runtime.sink.kafka;

import org.apache.spark.sql.SparkSession;

/** One small local Spark session for this module's tests (2 cores shared by many builds). */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession get() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("streamgen-kafka-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
  }
}
