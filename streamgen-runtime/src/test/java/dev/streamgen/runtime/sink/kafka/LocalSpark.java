package dev.streamgen.runtime.sink.kafka;

import dev.streamgen.runtime.testing.SharedSpark;
import org.apache.spark.sql.SparkSession;

/** The module's one shared local Spark session (see {@link SharedSpark}). */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession get() {
    return SharedSpark.session();
  }
}
