package dev.streamgen.runtime.settings;

import static dev.streamgen.runtime.settings.SinkKey.key;

/** The Kinesis sink's row of the settings table ({@code sink_config.type: kinesis}). */
public final class KinesisKeys {
  public static final int MIB = 1024 * 1024;
  /** The longest wait a Kinesis timeout may name: its milliseconds must fit an int. */
  private static final long MAX_SECONDS = Integer.MAX_VALUE / 1000;

  public static final SettingKey STREAM_NAME =
      key("stream_name", ValueType.STRING)
          .pattern("[a-zA-Z0-9_.-]{1,128}", "use 1 to 128 letters, digits, '_', '-' or '.' (Kinesis stream names)")
          .description("the Kinesis data stream")
          .build();
  public static final SettingKey REGION =
      key("region", ValueType.STRING)
          .defaultValue("us-east-1")
          .pattern("[a-z0-9]+(-[a-z0-9]+)+", "write an AWS region name such as us-east-1")
          .description("AWS region")
          .build();
  public static final SettingKey ENDPOINT_URL =
      key("endpoint_url", ValueType.HTTP_URL)
          .description("endpoint override for emulators and VPC endpoints")
          .build();
  public static final SettingKey AWS_ACCESS_KEY_ID = key("aws_access_key_id", ValueType.STRING).secret().build();
  public static final SettingKey AWS_SECRET_ACCESS_KEY =
      key("aws_secret_access_key", ValueType.STRING).secret().build();
  public static final SettingKey AWS_SESSION_TOKEN = key("aws_session_token", ValueType.STRING).secret().build();
  public static final SettingKey AUTO_SHARD_CALCULATION =
      key("auto_shard_calculation", ValueType.BOOLEAN)
          .defaultValue("false")
          .replaces("shard_count")
          .description("size the stream for the run's rate (a batch: its rows over batch_target_seconds)")
          .build();
  public static final SettingKey SHARD_COUNT =
      key("shard_count", ValueType.POSITIVE_LONG)
          .range(1, Integer.MAX_VALUE)
          .replaces("auto_shard_calculation")
          .description("make the stream have exactly this many open shards")
          .build();
  public static final SettingKey MAX_REQUEST_BYTES =
      key("max_request_bytes", ValueType.POSITIVE_LONG)
          .defaultValue(String.valueOf(5 * MIB))
          .range(1, 10 * MIB, "10 MiB, the PutRecords request limit")
          .build();
  public static final SettingKey MAX_RECORD_BYTES =
      key("max_record_bytes", ValueType.POSITIVE_LONG)
          .defaultValue(String.valueOf(MIB))
          .range(1, 10 * MIB, "10 MiB, the largest record Kinesis accepts")
          .build();
  public static final SettingKey RETRY_TIMEOUT_SECONDS =
      key("retry_timeout_seconds", ValueType.POSITIVE_LONG).defaultValue("120").range(1, MAX_SECONDS).build();
  public static final SettingKey MAX_IN_FLIGHT_REQUESTS =
      key("max_in_flight_requests", ValueType.POSITIVE_LONG).defaultValue("4").range(1, 64).build();
  public static final SettingKey STREAM_READY_TIMEOUT_SECONDS =
      key("stream_ready_timeout_seconds", ValueType.POSITIVE_LONG).defaultValue("300").range(1, MAX_SECONDS).build();

  public static final SettingKey BATCH_TARGET_SECONDS =
      key("batch_target_seconds", ValueType.POSITIVE_LONG)
          .defaultValue("60")
          .range(1, Integer.MAX_VALUE)
          .description("the time auto_shard_calculation sizes a batch run's stream for")
          .build();

  public static final SinkSpec SPEC =
      SinkSpec.builder("kinesis")
          .keys(
              STREAM_NAME,
              REGION,
              ENDPOINT_URL,
              AWS_ACCESS_KEY_ID,
              AWS_SECRET_ACCESS_KEY,
              AWS_SESSION_TOKEN,
              AUTO_SHARD_CALCULATION,
              SHARD_COUNT,
              MAX_REQUEST_BYTES,
              MAX_RECORD_BYTES,
              RETRY_TIMEOUT_SECONDS,
              MAX_IN_FLIGHT_REQUESTS,
              STREAM_READY_TIMEOUT_SECONDS,
              BATCH_TARGET_SECONDS)
          .required("set it to the name of the Kinesis data stream to write to", STREAM_NAME)
          .build();

  private KinesisKeys() {}
}
