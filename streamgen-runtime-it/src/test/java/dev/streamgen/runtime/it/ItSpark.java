package dev.streamgen.runtime.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;

/** The one small Spark session this module's tests share (local[2], no UI, Delta enabled). */
final class ItSpark {
  private static SparkSession session;

  private ItSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("streamgen-runtime-it")
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

  static String tempDir(String prefix) {
    try {
      return Files.createTempDirectory("streamgen-it-" + prefix).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schemas the compiler generated in this build (target/streamgen-schemas). */
  static Path schemas() {
    return Paths.get(System.getProperty("streamgen.schemas", "target/streamgen-schemas"));
  }
}
