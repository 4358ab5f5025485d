package dev.streamgen.runtime.settings;

import static dev.streamgen.runtime.settings.SinkKey.key;

/** The rows of the settings table for sinks that stay on the cluster: delta, console, noop, files. */
public final class LocalSinkKeys {
  public static final SettingKey DELTA_PATH = key("path", ValueType.STRING).description("table location").build();
  public static final SettingKey DELTA_TABLE_NAME =
      key("table_name", ValueType.STRING).description("catalog table, instead of path").build();
  public static final SettingKey DELTA_MODE =
      key("mode", ValueType.CHOICE).allowed("append", "overwrite").defaultValue("append").build();

  public static final SettingKey CONSOLE_NUM_ROWS =
      key("num_rows", ValueType.POSITIVE_LONG).defaultValue("20").range(1, Integer.MAX_VALUE).build();
  public static final SettingKey CONSOLE_TRUNCATE = key("truncate", ValueType.BOOLEAN).defaultValue("true").build();

  public static final SettingKey FILES_PATH = key("path", ValueType.STRING).build();
  public static final SettingKey FILES_FORMAT =
      key("file_format", ValueType.CHOICE).allowed("parquet", "json", "orc").defaultValue("parquet").build();

  public static final SinkSpec DELTA =
      SinkSpec.builder("delta")
          .keys(DELTA_PATH, DELTA_TABLE_NAME, DELTA_MODE)
          .required(DELTA_PATH, DELTA_TABLE_NAME)
          .exclusive(DELTA_PATH, DELTA_TABLE_NAME)
          .build();
  public static final SinkSpec CONSOLE = SinkSpec.builder("console").keys(CONSOLE_NUM_ROWS, CONSOLE_TRUNCATE).build();
  public static final SinkSpec NOOP = SinkSpec.builder("noop").build();
  public static final SinkSpec FILES =
      SinkSpec.builder("files").keys(FILES_PATH, FILES_FORMAT).required(FILES_PATH).build();

  private LocalSinkKeys() {}
}
