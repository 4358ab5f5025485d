package dev.streamgen.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamgen.runtime.api.Format;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSettingsTest {
  /** The seed README's Quick Start settings (event definitions included, as compiled into a jar). */
  static final String QUICKSTART =
      String.join(
          "\n",
          "common_fields:",
          "  user_id:",
          "    type: \"int\"",
          "    range: [1, 1000000]",
          "event_types:",
          "  - event_type_id: \"user.purchase\"",
          "    weight: 1.0",
          "    fields:",
          "      amount:",
          "        type: \"float\"",
          "        range: [0.99, 999.99]",
          "generation_mode: \"streaming\"",
          "streaming_config:",
          "  total_rows_per_second: 1000",
          "serialization_format: \"json\"",
          "sink_config:",
          "  type: \"kinesis\"",
          "  stream_name: \"my-events-stream\"",
          "  region: \"us-east-1\"",
          "  partition_key_field: \"user_id\"",
          "  auto_shard_calculation: true",
          "  aws_access_key_id: \"{{secrets/my-scope/aws-key}}\"",
          "  aws_secret_access_key: \"{{secrets/my-scope/aws-secret}}\"",
          "");

  private static RunSettings settings(String yaml, String... sets) {
    return RunSettings.of(
        Arrays.asList(SettingSource.yaml("events.yaml", yaml), SettingSource.overrides(Arrays.asList(sets))));
  }

  @Test
  void rateShapeAndBoundsComeFromYamlOrSet() {
    RunSettings plain = settings(QUICKSTART);
    assertThat(plain.rate()).isEqualTo(RateShape.constant(1000));
    assertThat(plain.maxEvents()).isZero();
    RunSettings shaped =
        settings(QUICKSTART, "streaming_config.rate=bursts 1000 peak 5000 for 30s every 10m", "streaming_config.max_events=5000");
    assertThat(shaped.rate().text()).isEqualTo("bursts 1000 peak 5000 for 30s every 10m");
    assertThat(shaped.rate().peakRowsPerSecond()).isEqualTo(5000.0);
    assertThat(shaped.maxEvents()).isEqualTo(5000);
  }

  @Test
  void malformedRateShapeIsLocated() {
    assertThatThrownBy(() -> settings(QUICKSTART, "streaming_config.rate=daily 1 2 3"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining(
            "--set streaming_config.rate: 'daily 1 2 3' is not valid for streaming_config.rate: daily takes 24 rates,"
                + " one per hour of the day (UTC) from 00:00, got 3");
  }

  @Test
  void readsTheSeedQuickStartSettings() {
    RunSettings s = settings(QUICKSTART);
    assertThat(s.isBatch()).isFalse();
    assertThat(s.rowsPerSecond()).isEqualTo(1000);
    assertThat(s.format()).isEqualTo(Format.JSON);
    assertThat(s.sinkType()).isEqualTo("kinesis");
    assertThat(s.partitionKeyField()).isEqualTo("user_id");
    assertThat(s.sinkConfig())
        .containsEntry("stream_name", "my-events-stream")
        .containsEntry("aws_access_key_id", "{{secrets/my-scope/aws-key}}")
        .containsEntry("auto_shard_calculation", "true");
    assertThat(s.origin("streaming_config.total_rows_per_second")).isEqualTo("events.yaml:14:26");
  }

  @Test
  void overridesWinOverTheYaml() {
    RunSettings s =
        settings(QUICKSTART, "streaming_config.total_rows_per_second=5000", "serialization_format=protobuf");
    assertThat(s.rowsPerSecond()).isEqualTo(5000);
    assertThat(s.format()).isEqualTo(Format.PROTOBUF);
    assertThat(s.origin("streaming_config.total_rows_per_second"))
        .isEqualTo("--set streaming_config.total_rows_per_second");
  }

  @Test
  void layersApplyInOrder() {
    RunSettings s =
        RunSettings.of(
            Arrays.asList(
                SettingSource.yaml("events.yaml", "seed: 1\nbatch_config:\n  total_rows: 10\n"),
                SettingSource.yaml("run.yaml", "seed: 2\n"),
                SettingSource.overrides(Collections.singletonList("seed=3")),
                SettingSource.of("--rows", Collections.singletonMap("batch_config.total_rows", "99"))));
    assertThat(s.seed()).isEqualTo(3);
    assertThat(s.batchRows()).isEqualTo(99);
    assertThat(s.origin("batch_config.total_rows")).isEqualTo("--rows");
  }

  @Test
  void defaultsComeFromConfigKeys() {
    RunSettings s = settings("");
    assertThat(s.isBatch()).isFalse();
    assertThat(s.batchRows()).isEqualTo(1_000_000);
    assertThat(s.batchPartitions()).isEqualTo(8);
    assertThat(s.sinkType()).isEqualTo("console");
    assertThat(s.partitionKeyField()).isNull();
    assertThat(s.checkpointLocation()).isNull();
  }

  @Test
  void switchingTheSinkDropsTheOldSinksKeys() {
    RunSettings s = settings(QUICKSTART, "sink_config.type=delta", "sink_config.path=/tmp/events");
    assertThat(s.sinkType()).isEqualTo("delta");
    assertThat(s.sinkConfig())
        .containsOnly(org.assertj.core.api.Assertions.entry("path", "/tmp/events"));
    assertThat(s.partitionKeyField()).isEqualTo("user_id");
  }

  @Test
  void misspeltOverrideSuggestsTheKey() {
    assertThatThrownBy(() -> settings(QUICKSTART, "streaming_config.total_rows_per_secnd=5000"))
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "--set streaming_config.total_rows_per_secnd: unknown setting 'streaming_config.total_rows_per_secnd';"
                + " did you mean 'streaming_config.total_rows_per_second'?");
  }

  @Test
  void wrongTypeNamesKeyAndValue() {
    assertThatThrownBy(() -> settings(QUICKSTART, "streaming_config.total_rows_per_second=fast"))
        .hasMessage(
            "--set streaming_config.total_rows_per_second: 'fast' is not valid for"
                + " streaming_config.total_rows_per_second: expected a whole number greater than 0");
  }

  @Test
  void yamlErrorsAreLocated() {
    assertThatThrownBy(() -> settings("streaming_config:\n  total_rows_per_second: -5\ngeneration_mode: strem\n"))
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "events.yaml:2:26: '-5' is not valid for streaming_config.total_rows_per_second: expected a whole"
                + " number greater than 0\n"
                + "events.yaml:3:18: 'strem' is not valid for generation_mode: expected one of streaming, batch");
  }

  @Test
  void keyOfAnotherSinkIsExplained() {
    assertThatThrownBy(() -> settings("sink_config:\n  type: delta\n  stream_name: x\n  path: /tmp/t\n"))
        .hasMessage(
            "events.yaml:3:16: key 'stream_name' does not apply to sink type 'delta' (it is for kinesis)");
  }

  @Test
  void anExplicitShardCountReplacesTheYamlsAutoSharding() {
    // The seed's YAML says auto_shard_calculation: true; a later layer's shard_count wins, and the
    // reverse holds too.
    RunSettings fixed = settings(QUICKSTART, "sink_config.shard_count=8");
    assertThat(fixed.sinkConfig()).containsEntry("shard_count", "8").doesNotContainKey("auto_shard_calculation");
    RunSettings auto =
        settings(QUICKSTART.replace("auto_shard_calculation: true", "shard_count: 2"),
            "sink_config.auto_shard_calculation=true");
    assertThat(auto.sinkConfig()).containsEntry("auto_shard_calculation", "true").doesNotContainKey("shard_count");
  }

  @Test
  void tableRangesModesAndGroupsApplyToLayers() {
    assertThatThrownBy(() -> settings(QUICKSTART, "sink_config.max_in_flight_requests=65"))
        .hasMessage(
            "--set sink_config.max_in_flight_requests: '65' is not valid for sink_config.max_in_flight_requests:"
                + " expected a whole number from 1 to 64");
    assertThatThrownBy(
            () -> settings("sink_config:\n  type: eventhubs\n  protocol: kafka\n  connection_string: x\n"
                + "  transport: amqp_websockets\n"))
        .hasMessage(
            "events.yaml:5:14: sink_config.transport applies only with protocol: amqp (sink_config.protocol is"
                + " kafka); remove it");
    assertThatThrownBy(() -> settings("sink_config:\n  type: kafka\n  bootstrap_servers: b:9092\n", "sink_config.topic=a",
            "sink_config.topic_pattern=e.{event_type_id}"))
        .hasMessage(
            "--set sink_config.topic_pattern: sink_config.topic and sink_config.topic_pattern are both set for sink"
                + " type 'kafka': set only one");
  }

  @Test
  void unknownSinkTypeSuggests() {
    assertThatThrownBy(() -> settings("", "sink_config.type=deltaa"))
        .hasMessage(
            "--set sink_config.type: 'deltaa' is not valid for sink_config.type: expected one of kinesis, delta,"
                + " kafka, eventhubs, console, noop, files; did you mean 'delta'?");
  }

  @Test
  void eventDefinitionsCannotBeOverridden() {
    assertThatThrownBy(() -> settings("", "event_types.0.weight=0.5"))
        .hasMessage(
            "--set event_types.0.weight: event definitions are compiled into the jar and cannot be changed at"
                + " run time; edit the YAML and rebuild with streamgen-maven-plugin");
  }

  @Test
  void overrideWithoutEqualsSign() {
    assertThatThrownBy(() -> settings("", "seed"))
        .hasMessage("--set seed: expected key.path=value, e.g. --set streaming_config.total_rows_per_second=5000");
  }

  @Test
  void listWhereAValueBelongs() {
    assertThatThrownBy(() -> settings("seed: [1, 2]\n"))
        .hasMessage("events.yaml:1:7: seed is a list; expected a single value");
  }

  @Test
  void yamlSyntaxErrorIsLocated() {
    assertThatThrownBy(() -> settings("seed: 1\n  bad: [\n"))
        .hasMessageStartingWith("events.yaml:2:")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void secretValuesAreMaskedInErrorsAndToString() {
    assertThatThrownBy(() -> settings("sink_config:\n  type: kinesis\n  stream_name: s\n  aws_secret_access_key: [x]\n"))
        .hasMessage("events.yaml:4:26: sink_config.aws_secret_access_key is a list; expected a single value");
    RunSettings s = settings(QUICKSTART, "sink_config.aws_secret_access_key=hunter2");
    assertThat(s.toString()).contains("sink_config.aws_secret_access_key=<secret>").doesNotContain("hunter2");
    assertThat(s.toString()).contains("sink_config.aws_access_key_id={{secrets/my-scope/aws-key}}");
  }

  @Test
  void passthroughKeysAreAccepted() {
    RunSettings s =
        settings(
            "sink_config:\n  type: kafka\n  bootstrap_servers: localhost:9092\n  topic: t\n  kafka.acks: all\n");
    assertThat(s.sinkConfig()).containsEntry("kafka.acks", "all");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    List<String> problems =
        Arrays.asList("--set seed: 'x' is not valid for seed: expected a whole number", "--set foo: unknown setting 'foo'");
    assertThatThrownBy(() -> settings("", "seed=x", "foo=1"))
        .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).isEqualTo(problems));
  }
}
