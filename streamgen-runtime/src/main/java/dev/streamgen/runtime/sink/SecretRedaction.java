package dev.streamgen.runtime.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps resolved secrets out of what Spark shows: plans in {@code explain} and the UI's SQL tab,
 * and data source options. Sinks should pass credentials to their own writers through {@link
 * SinkOptions}; where a Spark writer must receive one as a DataFrame option, this redaction hides it.
 */
public final class SecretRedaction {
  /** Option keys whose values Spark redacts in plans, in addition to Spark's default (url). */
  static final String OPTION_KEYS =
      "(?i)url|secret|password|token|access[._]?key|connection[._]?string|jaas|sasl|credential";

  /**
   * An alternative that never matches (an empty negative lookahead) but whose text holds "secret":
   * Spark hides a config whose value matches its redaction patterns wherever it lists configs, so this
   * keeps the string pattern below, which quotes every secret, out of the SQL tab's per-query
   * "modified configs" and event logs. Without it a secret free of words like "key" or "password"
   * (an AWS secret key) was shown there verbatim.
   */
  static final String SELF_REDACTING = "(?!)secret";

  private SecretRedaction() {}

  /**
   * Adds {@code secretValues} (literal) to {@code spark.sql.redaction.string.regex} and the credential
   * key names to {@code spark.sql.redaction.options.regex}, keeping what the session had.
   */
  public static void protect(SparkSession spark, Collection<String> secretValues) {
    List<String> parts = new ArrayList<>();
    for (String v : secretValues) {
      if (v != null && !v.isEmpty()) {
        parts.add(Pattern.quote(v));
      }
    }
    String stringKey = "spark.sql.redaction.string.regex";
    if (!parts.isEmpty()) {
      String existing = spark.conf().getOption(stringKey).isDefined() ? spark.conf().get(stringKey) : null;
      String values = String.join("|", parts);
      String pattern = existing == null || existing.isEmpty() ? values : existing + "|" + values;
      if (!pattern.contains(SELF_REDACTING)) {
        pattern = pattern + "|" + SELF_REDACTING;
      }
      spark.conf().set(stringKey, pattern);
    }
    String optionsKey = "spark.sql.redaction.options.regex";
    String existingOptions = spark.conf().get(optionsKey, "(?i)url");
    if (!existingOptions.contains(OPTION_KEYS)) {
      spark.conf().set(optionsKey, existingOptions + "|" + OPTION_KEYS);
    }
  }
}
