package dev.streamgen.runtime.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one small SparkSession all of this module's tests share (local[2], no UI, 2 shuffle
 * partitions, Delta enabled): starting Spark costs seconds, and the machine has two cores.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  /** A fresh temporary directory (deleted when the JVM exits). */
  public static String tempDir(String prefix) {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("streamgen-" + prefix);
      dir.toFile().deleteOnExit();
      return dir.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("streamgen-runtime-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
              .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
              .config("spark.sql.warehouse.dir", tempDir("warehouse"))
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
