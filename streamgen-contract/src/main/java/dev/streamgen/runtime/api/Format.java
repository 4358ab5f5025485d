package dev.streamgen.runtime.api;

import java.util.Locale;

/** The payload serializations every generated event type supports. Byte layouts: docs/formats.md. */
public enum Format {
  JSON,
  AVRO,
  BINARY,
  PROTOBUF;

  /** The configuration spelling ({@code serialization_format}): lower case. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a configuration value, case-insensitively; the message lists what is allowed. */
  public static Format parse(String value) {
    if (value != null) {
      for (Format f : values()) {
        if (f.configName().equalsIgnoreCase(value.trim())) {
          return f;
        }
      }
    }
    throw new IllegalArgumentException(
        "serialization_format '" + value + "' is not supported; use one of json, avro, binary, protobuf");
  }
}
