package dev.streamgen.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.it.quickstart.EventsCatalog;
import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.settings.ConfigKeys;
import dev.streamgen.runtime.settings.RunSettings;
import dev.streamgen.runtime.settings.SecretResolver;
import dev.streamgen.runtime.settings.SettingKey;
import dev.streamgen.runtime.source.SourceOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Every example in docs/runtime.md runs, and its tables list exactly what the code knows. */
class RuntimeDocsTest {
  private static final Path DOC = Paths.get("..", "docs", "runtime.md");

  private static String doc() throws IOException {
    return new String(Files.readAllBytes(DOC), StandardCharsets.UTF_8);
  }

  private static List<String> blocks(String language) throws IOException {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(doc());
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The Main arguments of a documented command line, or null when the line is no Main command. */
  private static List<String> mainArguments(String line) {
    List<String> tokens = Arrays.asList(line.trim().split("\\s+"));
    int at = -1;
    if (tokens.size() > 3 && tokens.get(0).equals("java")) {
      at = tokens.indexOf("dev.streamgen.runtime.Main");
    } else if (tokens.get(0).equals("spark-submit")) {
      at = tokens.indexOf("app.jar");
    }
    return at < 0 ? null : new ArrayList<>(tokens.subList(at + 1, tokens.size()));
  }

  @Test
  void everyDocumentedCommandPassesADryRun() throws IOException {
    int commands = 0;
    for (String block : blocks("sh")) {
      for (String line : block.split("\n")) {
        List<String> args = mainArguments(line);
        if (args == null) {
          continue;
        }
        if (!args.contains("--dry-run")) {
          args.add("--dry-run");
        }
        ItJob run = ItJob.run(args.toArray(new String[0]));
        assertThat(run.status).as(line + "\n" + run.err).isZero();
        assertThat(run.out).contains("nothing was run");
        commands++;
      }
    }
    assertThat(commands).isEqualTo(4);
  }

  @Test
  void java17FlagsAreTheOnesTheBuildGivesSpark() throws IOException {
    String pom = new String(Files.readAllBytes(Paths.get("..", "pom.xml")), StandardCharsets.UTF_8);
    Matcher property = Pattern.compile("<spark\\.add\\.opens>(.*?)</spark\\.add\\.opens>").matcher(pom);
    assertThat(property.find()).isTrue();
    assertThat(blocks("text add-opens")).containsExactly(property.group(1).trim() + "\n");
  }

  @Test
  void quotedMessagesAreTheRealOnes() throws IOException {
    String doc = doc();
    assertThat(doc).contains(ItJob.run("--set", "streaming_config.total_rows_per_secnd=5000").err.trim());

    Path dir = Files.createTempDirectory("streamgen-docs");
    Path config = dir.resolve("run.yaml");
    Files.write(config, "streaming_config:\n  total_rows_per_second: fast\n".getBytes(StandardCharsets.UTF_8));
    String err = ItJob.run("--config", config.toString()).err.trim();
    assertThat(doc).contains(err.replace(dir + "/", ""));

    // The jar's compiled Quick Start settings reference secrets this environment does not have.
    ItJob secrets = ItJob.run("--dry-run");
    assertThat(secrets.status).isEqualTo(2);
    assertThat(doc).contains(secrets.err.split("\n")[0]);
  }

  @Test
  void secretsFileExampleResolves() throws IOException {
    String properties = blocks("properties").get(0);
    Path file = Files.createTempFile("streamgen-secrets", ".properties");
    Files.write(file, properties.getBytes(StandardCharsets.UTF_8));
    SecretResolver resolver = SecretResolver.forRun(file.toString());
    assertThat(resolver.resolve("sink_config.aws_access_key_id", "{{secrets/my-scope/aws-key}}"))
        .isEqualTo("AKIAIOSFODNN7EXAMPLE");
    assertThat(resolver.resolve("sink_config.aws_secret_access_key", "{{secrets/my-scope/aws-secret}}"))
        .isEqualTo("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  }

  /** The rows of the Markdown table whose header starts with {@code header}: first cell -> second. */
  private static Map<String, String> table(String header) throws IOException {
    String doc = doc();
    int start = doc.indexOf(header);
    assertThat(start).as(header).isNotNegative();
    int end = doc.indexOf("\n\n", start);
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^\\| `([^`]+)` \\| ([^|]*) \\|").matcher(doc.substring(start, end));
    while (m.find()) {
      rows.put(m.group(1), m.group(2).trim());
    }
    return rows;
  }

  @Test
  void generalSettingsTableIsComplete() throws IOException {
    Map<String, String> documented = table("| key | default | meaning |\n|---|---|---|\n| `generation_mode`");
    Set<String> keys = new LinkedHashSet<>();
    for (SettingKey k : ConfigKeys.general()) {
      keys.add(k.path());
      String d = documented.get(k.path());
      if (k.defaultValue() != null) {
        assertThat(d).as(k.path()).isEqualTo("`" + k.defaultValue() + "`");
      } else {
        assertThat(d).as(k.path()).doesNotStartWith("`");
      }
    }
    assertThat(documented.keySet()).isEqualTo(keys);
  }

  @Test
  void sourceOptionsTableIsComplete() throws IOException {
    Map<String, String> documented = table("| option | default | meaning |");
    assertThat(new ArrayList<>(documented.keySet())).isEqualTo(SourceOptions.names());
    SourceOptions defaults = SourceOptions.builder().build();
    assertThat(documented.get("rowsPerSecond")).isEqualTo("`" + defaults.rowsPerSecond() + "`");
    assertThat(documented.get("seed")).isEqualTo("`" + defaults.seed() + "`");
    assertThat(documented.get("format")).isEqualTo("`" + defaults.format().configName() + "`");
    assertThat(documented.get("emitIntervalMillis")).isEqualTo("`" + defaults.emitIntervalMillis() + "`");
  }

  @Test
  void javaExamplesAreThisTestsCode() throws IOException {
    String source =
        new String(
            Files.readAllBytes(Paths.get("src/test/java/dev/streamgen/runtime/it/RuntimeDocsTest.java")),
            StandardCharsets.UTF_8);
    List<String> java = blocks("java");
    assertThat(java).hasSize(3);
    assertThat(java.get(0)).isEqualTo(snippet(source, "faults"));
    assertThat(java.get(1)).isEqualTo(snippet(source, "source"));
    assertThat(java.get(2)).isEqualTo(snippet(source, "api"));
  }

  /** The code between "// docs:NAME begin" and "// docs:NAME end" in this file, unindented. */
  private static String snippet(String source, String name) {
    int begin = source.indexOf("// docs:" + name + " begin\n");
    int end = source.indexOf("// docs:" + name + " end", begin);
    String body = source.substring(source.indexOf('\n', begin) + 1, source.lastIndexOf('\n', end) + 1);
    StringBuilder sb = new StringBuilder();
    for (String line : body.split("\n", -1)) {
      sb.append(line.length() >= 4 ? line.substring(4) : line.trim()).append('\n');
    }
    return sb.substring(0, sb.length() - 1);
  }

  @Test
  void javaExamplesRun() {
    SparkSession spark = ItSpark.session();
    // docs:source begin
    Dataset<Row> events = spark.read().format("streamgen")
        .option("catalog", EventsCatalog.class.getName())
        .option("rows", 1_000_000)
        .option("seed", 7)
        .load();
    // docs:source end
    assertThat(events.limit(5).collectAsList()).hasSize(5);
    // docs:faults begin
    Dataset<Row> faulty = spark.read().format("streamgen")
        .option("catalog", EventsCatalog.class.getName())
        .option("rows", 1_000_000)
        .option("faults", "late_share=0.05,late_max_seconds=600,drop_share=0.01,ground_truth=true")
        .load(); // the unified columns, then row_index and is_duplicate
    // docs:faults end
    assertThat(faulty.columns()).endsWith("row_index", "is_duplicate");
    assertThat(faulty.limit(5).collectAsList()).hasSize(5);
    // docs:api begin
    // Settings compiled into the catalog, with overrides by YAML path.
    RunSettings settings = StreamGen.settings(EventsCatalog.class, "seed=7", "generation_mode=batch", "batch_config.total_rows=1000");

    // The unified stream as a batch or a streaming Dataset<Row>.
    Dataset<Row> batch = StreamGen.batch(spark, EventsCatalog.class, settings);
    Dataset<Row> stream = StreamGen.stream(spark, EventsCatalog.class, settings);

    // One event type as a typed DataFrame (columns from the generated Spark Column code).
    Dataset<Row> purchases = StreamGen.typed(spark, EventsCatalog.class, "user.purchase", 1000, 7);
    // docs:api end
    assertThat(batch.count()).isEqualTo(1000);
    assertThat(stream.isStreaming()).isTrue();
    assertThat(purchases.count()).isEqualTo(1000);
  }

  @Test
  void outputExampleHasTheShapeOfARealRun() throws IOException {
    String text = blocks("text").get(0);
    String path = ItSpark.tempDir("docs-output") + "/events";
    ItSpark.session();
    ItJob run = ItJob.run("--rows", "100000", "--set", "sink_config.type=delta", "--set", "sink_config.path=" + path,
        "--set", "batch_config.partitions=8", "--set", "seed=0");
    assertThat(run.status).as(run.err).isZero();
    Set<String> documented = new LinkedHashSet<>();
    for (String line : text.split("\n")) {
      documented.add(shape(line));
    }
    for (String line : run.out.replace(path, "/tmp/events").split("\n")) {
      assertThat(documented).as("documented lines").contains(shape(line));
    }
  }

  /**
   * A line with its numbers, durations and Spark master replaced: what stays the same from run to run.
   * A duration prints as "8.4 s" under a minute and "0:01:02" above (a loaded machine takes longer).
   */
  private static String shape(String line) {
    return line.replaceAll("local\\[[^\\]]*\\]", "local[N]")
        .replaceAll("\\b[0-9]+:[0-9]{2}:[0-9]{2}\\b|\\b[0-9]+\\.[0-9] s\\b", "DURATION")
        .replaceAll("[0-9][0-9,.]*", "N");
  }
}
