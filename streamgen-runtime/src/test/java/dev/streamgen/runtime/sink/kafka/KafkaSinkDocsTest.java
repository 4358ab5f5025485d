package dev.streamgen.runtime.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.streamgen.runtime.settings.RunSettings;
import dev.streamgen.runtime.settings.SettingSource;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.testing.RepositoryFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Kafka section of docs/sinks.md says what the sink does: its examples and tables are run here. */
class KafkaSinkDocsTest {
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([^`]*)` \\| `([^`]*)` \\|$", Pattern.MULTILINE);

  private static String section(String heading) throws Exception {
    String doc = new String(Files.readAllBytes(RepositoryFiles.docs("sinks.md")), StandardCharsets.UTF_8);
    int start = doc.indexOf("\n## " + heading + "\n");
    assertThat(start).as("section %s in docs/sinks.md", heading).isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  @Test
  void everyYamlExampleIsAValidKafkaSinkConfig() throws Exception {
    Matcher m = YAML_BLOCK.matcher(section("Kafka"));
    int examples = 0;
    while (m.find()) {
      RunSettings settings = RunSettings.of(Arrays.asList(SettingSource.yaml("docs/sinks.md", m.group(1))));
      assertThat(settings.sinkType()).isEqualTo("kafka");
      KafkaSinkOptions o = KafkaSinkOptions.from(new SinkOptions(settings.sinkType(), settings.sinkConfig()));
      assertThat(o.sparkWriterOptions()).containsKey("kafka.bootstrap.servers");
      examples++;
    }
    assertThat(examples).isEqualTo(3); // one topic, per-type topics, the schema registry
  }

  @Test
  void theSecondExamplePassesProducerSettingsThrough() throws Exception {
    Matcher m = YAML_BLOCK.matcher(section("Kafka"));
    m.find();
    m.find();
    RunSettings settings = RunSettings.of(Arrays.asList(SettingSource.yaml("docs/sinks.md", m.group(1))));
    KafkaSinkOptions o = KafkaSinkOptions.from(new SinkOptions("kafka", settings.sinkConfig()));
    assertThat(o.topicPattern().pattern()).isEqualTo("events.{event_type_id}");
    assertThat(o.producerSettings())
        .containsEntry("kafka.acks", "all")
        .containsEntry("kafka.compression.type", "zstd")
        .containsEntry("kafka.linger.ms", "20")
        .containsEntry("kafka.enable.idempotence", "true")
        .containsEntry("kafka.sasl.jaas.config", "{{secrets/kafka/jaas-config}}");
  }

  @Test
  void thePerTypeTopicTableIsWhatThePatternComputes() throws Exception {
    String s = section("Kafka");
    String table = s.substring(s.indexOf("### Per-type topics"), s.indexOf("### Records"));
    TopicPattern pattern = TopicPattern.parse("events.{event_type_id}");
    Matcher row = TABLE_ROW.matcher(table);
    int rows = 0;
    while (row.find()) {
      assertThat(pattern.topicFor(row.group(1))).as(row.group(1)).isEqualTo(row.group(2));
      rows++;
    }
    assertThat(rows).isEqualTo(3);
  }

  @Test
  void theDocumentedMessagesAreTheOnesUsersGet() throws Exception {
    String s = section("Kafka");
    List<Map<String, String>> mistakes = new ArrayList<>();
    mistakes.add(options("bootstrap_servers", "b:9092"));
    mistakes.add(options("bootstrap_servers", "b:9092", "topic", "all", "topic_pattern", "e.{event_type_id}"));
    mistakes.add(options("bootstrap_servers", "b:9092", "topic_pattern", "events.{type}"));
    mistakes.add(options("bootstrap_servers", "b:9092", "topic_pattern", "events"));
    mistakes.add(options("bootstrap_servers", "b:9092", "topic", "my events"));
    mistakes.add(options("bootstrap_servers", "b:9092", "topic", "t", "kafka.bootstrap.servers", "x:1"));
    mistakes.add(options("bootstrap_servers", "b:9092", "topic", "t", "kafka.value.serializer", "x.Y"));
    mistakes.add(options("bootstrap_servers", "b:9092", "topic", "t", "kafka.acks", "1"));
    mistakes.add(options("bootstrap_servers", "b:9092", "topic", "t", "compression", "brotli"));
    for (Map<String, String> m : mistakes) {
      Throwable t = catchThrowable(() -> KafkaSinkOptions.from(new SinkOptions("kafka", m)));
      assertThat(t).isInstanceOf(IllegalArgumentException.class);
      assertThat(s).as(t.getMessage()).contains("| `" + t.getMessage() + "` |");
    }
  }

  private static Map<String, String> options(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
