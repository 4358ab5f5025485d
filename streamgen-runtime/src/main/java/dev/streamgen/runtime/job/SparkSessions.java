package dev.streamgen.runtime.job;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Finds the Spark session a run uses: the one already running (a Databricks JAR task, a notebook,
 * a test), else one for the master spark-submit configured, else an embedded {@code local[*]} one.
 */
final class SparkSessions {
  /** Log configuration for embedded runs: warnings only, so progress lines stay readable. */
  static final String LOCAL_LOG_CONFIG = "dev/streamgen/runtime/job/local-log4j2.properties";

  private final SparkSession session;
  private final boolean created;
  private final boolean embedded;

  private SparkSessions(SparkSession session, boolean created, boolean embedded) {
    this.session = session;
    this.created = created;
    this.embedded = embedded;
  }

  static SparkSessions obtain() {
    Option<SparkSession> active = SparkSession.getActiveSession();
    if (active.isEmpty()) {
      active = SparkSession.getDefaultSession();
    }
    if (active.isDefined()) {
      return new SparkSessions(active.get(), false, false);
    }
    SparkConf conf = new SparkConf();
    boolean embedded = !conf.contains("spark.master");
    SparkSession.Builder b = SparkSession.builder().appName("streamgen");
    if (embedded) {
      b.master("local[*]")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.showConsoleProgress", "false");
    }
    if (!conf.contains("spark.sql.extensions") && deltaOnClasspath()) {
      b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    }
    return new SparkSessions(b.getOrCreate(), true, embedded);
  }

  /**
   * Before anything logs: an embedded run without its own log4j2 configuration logs warnings only
   * (Spark's default is every INFO line of startup).
   */
  static void quietEmbeddedLogging() {
    if (System.getProperty("spark.master") == null
        && System.getProperty("log4j2.configurationFile") == null
        && System.getProperty("log4j.configurationFile") == null
        && SparkSessions.class.getClassLoader().getResource("log4j2.properties") == null
        && SparkSessions.class.getClassLoader().getResource(LOCAL_LOG_CONFIG) != null) {
      System.setProperty("log4j2.configurationFile", "classpath:" + LOCAL_LOG_CONFIG);
    }
  }

  private static boolean deltaOnClasspath() {
    try {
      Class.forName("io.delta.sql.DeltaSparkSessionExtension", false, SparkSessions.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  SparkSession session() {
    return session;
  }

  /** True when this run started Spark (and so stops it). */
  boolean created() {
    return created;
  }

  /** True for the embedded local[*] session. */
  boolean embedded() {
    return embedded;
  }
}
