package dev.streamgen.compiler.model;

import dev.streamgen.compiler.config.Location;
import java.util.regex.Pattern;

/**
 * One run-time setting as written in the YAML ({@code sink_config.stream_name: my-stream}). A
 * {@code {{secrets/scope/key}}} value stays a reference: the runtime resolves it, the compiler never.
 */
public record Setting(String path, String value, Location location) {
  /** {@code {{secrets/<scope>/<key>}}}, as Databricks secret scopes name them. */
  public static final Pattern SECRET_REFERENCE =
      Pattern.compile("\\{\\{\\s*secrets/[^/{}\\s]+/[^/{}\\s]+\\s*}}");

  public boolean isSecretReference() {
    return SECRET_REFERENCE.matcher(value).matches();
  }
}
