package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.sink.SinkOptions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.settings.RunSettings;
import dev.streamgen.runtime.settings.SettingSource;
import dev.streamgen.runtime.testing.RepositoryFiles;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.junit.jupiter.api.Test;

/** The Kinesis section of docs/sinks.md says what the sink does: its examples and tables run here. */
class KinesisSinkDocsTest {
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

  private static String section() throws Exception {
    String doc =
        new String(Files.readAllBytes(RepositoryFiles.docs("sinks.md")), StandardCharsets.UTF_8);
    int start = doc.indexOf("\n## Kinesis\n");
    assertThat(start).as("section Kinesis in docs/sinks.md").isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  private static List<KinesisSinkOptions> examples() throws Exception {
    Matcher m = YAML_BLOCK.matcher(section());
    List<KinesisSinkOptions> out = new ArrayList<>();
    while (m.find()) {
      RunSettings settings =
          RunSettings.of(Arrays.asList(SettingSource.yaml("docs/sinks.md", m.group(1))));
      assertThat(settings.sinkType()).isEqualTo("kinesis");
      out.add(KinesisSinkOptions.from(new SinkOptions("kinesis", settings.sinkConfig())));
    }
    return out;
  }

  @Test
  void theYamlExamplesAreValidKinesisConfigs() throws Exception {
    List<KinesisSinkOptions> examples = examples();
    assertThat(examples).hasSize(2);

    KinesisSinkOptions seed = examples.get(0);
    assertThat(seed.streamName()).isEqualTo("my-events-stream");
    assertThat(seed.autoShardCalculation()).isTrue();
    assertThat(seed.hasStaticCredentials()).isTrue();

    KinesisSinkOptions fixed = examples.get(1);
    assertThat(fixed.shardCount()).isEqualTo(8);
    assertThat(fixed.maxRequestBytes()).isEqualTo(10_485_760);
    assertThat(fixed.retryTimeoutSeconds()).isEqualTo(300);
    assertThat(fixed.region()).isEqualTo("eu-west-1");
    assertThat(fixed.endpointUrl())
        .isEqualTo(URI.create("https://vpce-0a1b2c3d-kinesis.eu-west-1.vpce.amazonaws.com"));
  }

  @Test
  void theAutoShardingTableIsWhatTheFormulaGives() throws Exception {
    String s = section();
    String table = s.substring(s.indexOf("| events/s | average bytes | shards |"), s.indexOf("Before the query starts"));
    Matcher row = Pattern.compile("^\\| ([0-9,]+) \\| ([0-9,]+) \\| ([0-9,]+) \\|$", Pattern.MULTILINE).matcher(table);
    int rows = 0;
    while (row.find()) {
      double rate = Double.parseDouble(row.group(1).replace(",", ""));
      double bytes = Double.parseDouble(row.group(2).replace(",", ""));
      int shards = Integer.parseInt(row.group(3).replace(",", ""));
      assertThat(ShardMath.requiredShards(rate, bytes)).as(row.group()).isEqualTo(shards);
      rows++;
    }
    assertThat(rows).isEqualTo(5);
    assertThat(ShardMath.resizeSteps(3, 7)).as("the 3 → 6 → 7 example").containsExactly(6, 7);
  }

  @Test
  void theSummaryLineNamesTheMetricsInTheirOrder() throws Exception {
    String s = section();
    Matcher line = Pattern.compile("\\[streamgen\\] sink counts: (.*)\n").matcher(s);
    assertThat(line.find()).as("the summary example").isTrue();
    List<String> names = new ArrayList<>();
    for (String count : line.group(1).split(", ")) {
      names.add(count.substring(0, count.indexOf(' ')));
    }
    List<String> declared = new ArrayList<>();
    for (CustomMetric m : KinesisCustomMetrics.supported()) {
      declared.add(m.name());
    }
    // The job prints the sink's metrics in the order the sink declares them.
    assertThat(names).isEqualTo(declared);
  }

  @Test
  void theBatchAutoShardingTableIsWhatTheFormulaGives() throws Exception {
    String s = section();
    String table = s.substring(s.indexOf("| batch rows |"), s.indexOf("Before the query starts"));
    Matcher row = Pattern.compile("^\\| ([0-9,]+) \\| ([0-9,]+) \\| ([0-9,]+) \\| ([0-9,]+) \\|$", Pattern.MULTILINE)
        .matcher(table);
    int rows = 0;
    while (row.find()) {
      long total = Long.parseLong(row.group(1).replace(",", ""));
      double bytes = Double.parseDouble(row.group(2).replace(",", ""));
      long seconds = Long.parseLong(row.group(3).replace(",", ""));
      int shards = Integer.parseInt(row.group(4).replace(",", ""));
      assertThat(ShardMath.batchShards(total, bytes, seconds)).as(row.group()).isEqualTo(shards);
      rows++;
    }
    assertThat(rows).isEqualTo(4);
    assertThat(s).contains("at most " + ShardMath.BATCH_SHARD_LIMIT + " shards");
    assertThat(s).contains("`batch_target_seconds` (default " + dev.streamgen.runtime.settings.KinesisKeys.BATCH_TARGET_SECONDS.defaultValue() + ")");
  }

  @Test
  void theDeadlineMessageIsTheOneUsersGet() throws Exception {
    String s = section();
    int start = s.indexOf("```\nkinesis stream 'events'");
    String documented = s.substring(start + 4, s.indexOf("\n```", start + 4)).replace('\n', ' ');
    String actual =
        KinesisErrors.notDelivered(
                "events",
                KinesisErrors.deadlineReason(
                    1,
                    "ProvisionedThroughputExceededException: Rate exceeded for shard"
                        + " shardId-000000000000 in stream events under account 000000000000."),
                100,
                new KinesisWriteMetrics(0, 1153, 100, 1253, 0, 0))
            .getMessage();
    assertThat(documented).isEqualTo(actual);
  }

  @Test
  void theMetricTableNamesTheReportedMetrics() throws Exception {
    String s = section();
    String table = s.substring(s.indexOf("### Metrics"), s.indexOf("### Auto-sharding"));
    List<String> documented = new ArrayList<>();
    Matcher row = Pattern.compile("^\\| `([a-zA-Z]+)` \\|", Pattern.MULTILINE).matcher(table);
    while (row.find()) {
      documented.add(row.group(1));
    }
    List<String> reported = new ArrayList<>();
    for (CustomMetric m : KinesisCustomMetrics.supported()) {
      reported.add(m.name());
    }
    assertThat(documented).containsExactlyElementsOf(reported);
  }
}
