package dev.streamgen.runtime.settings;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference {@code {{secrets/scope/key}}} written in a setting instead of a credential (the seed's
 * syntax, also Databricks'). Resolved at run time by {@link SecretResolver}; the reference text
 * itself is safe to show.
 */
public final class SecretReference {
  static final Pattern PATTERN = Pattern.compile("\\{\\{\\s*secrets/([^/{}\\s]+)/([^/{}\\s]+)\\s*}}");
  private static final Pattern LOOSE = Pattern.compile("\\{\\{\\s*secrets\\b[^}]*}}");

  private final String scope;
  private final String key;

  public SecretReference(String scope, String key) {
    this.scope = scope;
    this.key = key;
  }

  public String scope() {
    return scope;
  }

  public String key() {
    return key;
  }

  /** True when {@code value} holds a {@code {{secrets/...}}} reference (well-formed or not). */
  public static boolean containsReference(String value) {
    return value != null && LOOSE.matcher(value).find();
  }

  static Matcher matcher(String value) {
    return PATTERN.matcher(value);
  }

  /** A malformed reference in {@code value}, or null: e.g. {@code {{secrets/only-scope}}}. */
  static String malformed(String value) {
    Matcher loose = LOOSE.matcher(value);
    while (loose.find()) {
      if (!PATTERN.matcher(loose.group()).matches()) {
        return loose.group();
      }
    }
    return null;
  }

  /**
   * The environment variable holding this secret: {@code STREAMGEN_SECRET_<SCOPE>_<KEY>}, scope and
   * key upper-cased with every character other than A-Z and 0-9 replaced by {@code _}. E.g.
   * {@code {{secrets/my-scope/aws-key}}} is {@code STREAMGEN_SECRET_MY_SCOPE_AWS_KEY}.
   */
  public String environmentVariable() {
    return "STREAMGEN_SECRET_" + envPart(scope) + "_" + envPart(key);
  }

  /** The key in a secrets file (Java properties): {@code scope/key}. */
  public String propertiesKey() {
    return scope + "/" + key;
  }

  private static String envPart(String s) {
    return s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  @Override
  public String toString() {
    return "{{secrets/" + scope + "/" + key + "}}";
  }
}
