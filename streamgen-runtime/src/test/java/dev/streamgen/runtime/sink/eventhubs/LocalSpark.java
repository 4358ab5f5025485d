package dev.streamgen.runtime.sink.eventhubs;

import org.apache.spark.sql.SparkSession;

/** One small local Spark session for the Event Hubs tests (2 cores are shared by the whole build). */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("streamgen-eventhubs-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.driver.host", "127.0.0.1")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
