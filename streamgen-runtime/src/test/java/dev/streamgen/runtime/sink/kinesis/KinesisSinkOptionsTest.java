package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.sink.SinkOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KinesisSinkOptionsTest {

  private static Map<String, String> options(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static Map<String, String> withStream(String... keyValues) {
    Map<String, String> m = options(keyValues);
    m.put("stream_name", "events");
    return m;
  }

  private static KinesisSinkOptions parse(Map<String, String> keys) {
    return KinesisSinkOptions.from(SinkOptions.fromDataSource("kinesis", keys));
  }

  @Test
  void defaultsFollowKinesisLimits() {
    KinesisSinkOptions o = parse(options("stream_name", "events"));
    assertThat(o.streamName()).isEqualTo("events");
    assertThat(o.region()).isEqualTo("us-east-1");
    assertThat(o.endpointUrl()).isNull();
    assertThat(o.hasStaticCredentials()).isFalse();
    assertThat(o.autoShardCalculation()).isFalse();
    assertThat(o.shardCount()).isZero();
    assertThat(o.maxRequestBytes()).isEqualTo(5 * 1024 * 1024);
    assertThat(o.maxRecordBytes()).isEqualTo(1024 * 1024);
    assertThat(o.retryTimeoutSeconds()).isEqualTo(120);
    assertThat(o.maxInFlightRequests()).isEqualTo(4);
    assertThat(o.streamReadyTimeoutSeconds()).isEqualTo(300);
  }

  @Test
  void readsKeysCaseInsensitivelyAndTrimsValues() {
    KinesisSinkOptions o =
        parse(
            options(
                "STREAM_NAME", " events ", "Region", "eu-west-1", "Max_Request_Bytes", "10485760",
                "AUTO_SHARD_CALCULATION", "TRUE"));
    assertThat(o.streamName()).isEqualTo("events");
    assertThat(o.region()).isEqualTo("eu-west-1");
    assertThat(o.maxRequestBytes()).isEqualTo(10 * 1024 * 1024);
    assertThat(o.autoShardCalculation()).isTrue();
  }

  @Test
  void seedYamlKeysAreAccepted() {
    // The seed's sink_config, verbatim (secrets already resolved).
    KinesisSinkOptions o =
        parse(
            options(
                "type", "kinesis", "serialization_format", "json",
                "stream_name", "my-events-stream", "region", "us-east-1",
                "partition_key_field", "user_id", "auto_shard_calculation", "true",
                "aws_access_key_id", "AKIDEXAMPLE", "aws_secret_access_key", "wJalrXUtnFEMI"));
    assertThat(o.hasStaticCredentials()).isTrue();
    assertThat(o.toString()).doesNotContain("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI");
  }

  @Test
  void rejectsUnknownKeysByNameButNotSparksOwn() {
    assertThatThrownBy(() -> parse(withStream("colour", "blue", "checkpointLocation", "/tmp/c")))
        .hasMessage("unknown key 'colour' for sink type 'kinesis'");
  }

  @Test
  void requiresStreamName() {
    assertThatThrownBy(() -> parse(options("region", "us-east-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "sink_config.stream_name is required for sink type 'kinesis'; set it to the name of the Kinesis"
                + " data stream to write to");
  }

  @Test
  void suggestsTheKeyForAMisspeltStreamName() {
    assertThatThrownBy(() -> parse(options("stream_nmae", "events")))
        .hasMessage(
            "unknown key 'stream_nmae' for sink type 'kinesis'; did you mean 'stream_name'?\n"
                + "sink_config.stream_name is required for sink type 'kinesis'; set it to the name of the Kinesis"
                + " data stream to write to");
  }

  @Test
  void rejectsAnInvalidStreamName() {
    assertThatThrownBy(() -> parse(options("stream_name", "my events")))
        .hasMessage(
            "'my events' is not valid for sink_config.stream_name: use 1 to 128 letters, digits, '_',"
                + " '-' or '.' (Kinesis stream names)");
  }

  @Test
  void rejectsANonNumericShardCount() {
    assertThatThrownBy(() -> parse(withStream("shard_count", "four")))
        .hasMessage(
            "'four' is not valid for sink_config.shard_count: expected a whole number from 1 to"
                + " 2147483647");
  }

  @Test
  void rejectsAZeroShardCount() {
    assertThatThrownBy(() -> parse(withStream("shard_count", "0")))
        .hasMessage("'0' is not valid for sink_config.shard_count: expected a whole number from 1 to 2147483647");
  }

  @Test
  void rejectsARequestLimitAboveTenMebibytes() {
    assertThatThrownBy(() -> parse(withStream("max_request_bytes", "10485761")))
        .hasMessage(
            "'10485761' is not valid for sink_config.max_request_bytes: expected a whole number from 1"
                + " to 10485760 (10 MiB, the PutRecords request limit)");
  }

  @Test
  void rejectsARecordLimitAboveTheRequestLimit() {
    assertThatThrownBy(
            () ->
                parse(
                    withStream("max_record_bytes", "2000000", "max_request_bytes", "1000000")))
        .hasMessage(
            "sink_config.max_record_bytes (2000000) is larger than sink_config.max_request_bytes"
                + " (1000000); a record must fit in one PutRecords request, so raise"
                + " max_request_bytes or lower max_record_bytes");
  }

  @Test
  void rejectsANegativeRetryTimeout() {
    assertThatThrownBy(() -> parse(withStream("retry_timeout_seconds", "-5")))
        .hasMessage("'-5' is not valid for sink_config.retry_timeout_seconds: expected a whole number from 1 to 2147483");
  }

  @Test
  void rejectsANonBooleanAutoShard() {
    assertThatThrownBy(() -> parse(withStream("auto_shard_calculation", "yes")))
        .hasMessage("'yes' is not valid for sink_config.auto_shard_calculation: expected true or false");
  }

  @Test
  void rejectsBothWaysOfSettingTheShardCount() {
    assertThatThrownBy(
            () ->
                parse(
                    withStream("auto_shard_calculation", "true", "shard_count", "4")))
        .hasMessage(
            "sink_config.shard_count (4) and sink_config.auto_shard_calculation (true) both set the"
                + " shard count; keep only one of them (on the command line, --set"
                + " sink_config.shard_count=4 alone replaces the YAML's auto_shard_calculation)");
  }

  @Test
  void rejectsAnEndpointThatIsNotAnHttpUrl() {
    assertThatThrownBy(() -> parse(withStream("endpoint_url", "localhost:4568")))
        .hasMessage(
            "'localhost:4568' is not valid for sink_config.endpoint_url: expected an http(s) URL such as"
                + " http://127.0.0.1:4568");
  }

  @Test
  void rejectsAMalformedRegion() {
    assertThatThrownBy(() -> parse(withStream("region", "US East")))
        .hasMessage(
            "'US East' is not valid for sink_config.region: write an AWS region name such as us-east-1");
  }

  @Test
  void requiresKeyAndSecretTogetherWithoutShowingThem() {
    assertThatThrownBy(
            () -> parse(withStream("aws_secret_access_key", "s3cr3t-value")))
        .hasMessage(
            "sink_config.aws_access_key_id is required when sink_config.aws_secret_access_key is"
                + " set; set both, or neither to use the AWS default credentials chain")
        .message()
        .doesNotContain("s3cr3t-value");
    assertThatThrownBy(
            () -> parse(withStream("aws_access_key_id", "AKIDEXAMPLE")))
        .hasMessage(
            "sink_config.aws_secret_access_key is required when sink_config.aws_access_key_id is"
                + " set; set both, or neither to use the AWS default credentials chain");
  }

  @Test
  void requiresKeysForASessionToken() {
    assertThatThrownBy(() -> parse(withStream("aws_session_token", "tok")))
        .hasMessage(
            "sink_config.aws_session_token needs sink_config.aws_access_key_id and"
                + " sink_config.aws_secret_access_key; set them too, or remove the token to use the"
                + " AWS default credentials chain");
  }
}
