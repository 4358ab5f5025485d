package dev.streamgen.examples.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Spark installation made of the Maven-resolved jars: {@code jars/} holds links to exactly the
 * Spark + Delta closure the build resolved (nothing of ours, no Kafka connector), which is what a
 * vanilla cluster has. The worker builds executor command lines from it.
 */
final class SparkHome {
  private final Path dir;
  private final Path javaHome;
  private final List<String> addOpens;

  private SparkHome(Path dir, Path javaHome, List<String> addOpens) {
    this.dir = dir;
    this.javaHome = javaHome;
    this.addOpens = addOpens;
  }

  /**
   * Lays out {@code dir/jars} as links to the jars listed in {@code classpathFile} (the output of
   * dependency:build-classpath).
   */
  static SparkHome create(Path dir, Path classpathFile, String addOpens) throws IOException {
    String classpath = new String(Files.readAllBytes(classpathFile), StandardCharsets.UTF_8).trim();
    Path jars = dir.resolve("jars");
    Files.createDirectories(jars);
    Set<String> names = new HashSet<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      String name = jar.getFileName().toString();
      if (!names.add(name)) {
        throw new IllegalStateException("two jars named " + name + " on the Spark classpath");
      }
      Path link = jars.resolve(name);
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, jar.toAbsolutePath());
    }
    if (names.stream().noneMatch(n -> n.startsWith("spark-core_"))) {
      throw new IllegalStateException("no spark-core jar in " + classpathFile);
    }
    return new SparkHome(dir, Path.of(System.getProperty("java.home")),
        Arrays.asList(addOpens.trim().split("\\s+")));
  }

  Path javaHome() {
    return javaHome;
  }

  /** Spark's --add-opens for Java 17; executors get them from the worker by themselves. */
  List<String> addOpens() {
    return addOpens;
  }

  /** How bin/spark-class builds its class path. */
  String classpath() {
    return dir.resolve("conf") + File.pathSeparator + dir.resolve("jars") + File.separator + "*";
  }

  /** The environment every Spark JVM of the cluster runs with. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_HOME", dir.toString());
    env.put("JAVA_HOME", javaHome.toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    // Without it the worker's launcher looks for build directories and executors never start.
    env.put("SPARK_SCALA_VERSION", System.getProperty("streamgen.spark.scala.version", "2.12"));
    // Shuffle and fetched-jar scratch space stays under the test's directory, not /tmp.
    env.put("SPARK_LOCAL_DIRS", dir.resolveSibling("local").toString());
    return env;
  }
}
