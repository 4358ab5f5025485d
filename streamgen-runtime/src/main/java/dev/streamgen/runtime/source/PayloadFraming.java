package dev.streamgen.runtime.source;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ConfluentFraming;
import java.io.Serializable;
import java.util.Arrays;

/**
 * How each payload starts when a schema registry frames it: the schema id of every event type, in
 * catalog order, registered by the driver before the run. Executors turn it into one prefix per
 * type once ({@link #prefixes}); no row and no task asks the registry anything. The option text is
 * {@code confluent:<id of type 0>,<id of type 1>,...}.
 *
 * <p>Immutable.
 */
public final class PayloadFraming implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String CONFLUENT = "confluent:";

  /** No registry: the format's own payloads. */
  public static final PayloadFraming NONE = new PayloadFraming(null);

  private final int[] schemaIds;

  private PayloadFraming(int[] schemaIds) {
    this.schemaIds = schemaIds;
  }

  /** Confluent framing with {@code schemaIds[i]} for type {@code i}. */
  public static PayloadFraming confluent(int[] schemaIds) {
    return new PayloadFraming(schemaIds.clone());
  }

  /** The option's text back ({@link #text}); null or empty for {@link #NONE}. */
  public static PayloadFraming parse(String option) {
    if (option == null || option.trim().isEmpty()) {
      return NONE;
    }
    if (!option.startsWith(CONFLUENT)) {
      throw invalid(option, "it starts with '" + CONFLUENT + "'");
    }
    String[] ids = option.substring(CONFLUENT.length()).split(",", -1);
    int[] parsed = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      try {
        parsed[i] = Integer.parseInt(ids[i].trim());
      } catch (NumberFormatException e) {
        throw invalid(option, "schema id " + i + " ('" + ids[i] + "') is a whole number");
      }
    }
    return new PayloadFraming(parsed);
  }

  private static IllegalArgumentException invalid(String option, String expected) {
    String shown = option.length() > 60 ? option.substring(0, 60) + "..." : option;
    return new IllegalArgumentException(
        "streamgen option '" + SourceOptions.FRAMING + "' = '" + shown + "': expected confluent:<schema id per"
            + " event type, comma-separated>, and " + expected);
  }

  public boolean isNone() {
    return schemaIds == null;
  }

  /** The option's text; empty for {@link #NONE}. */
  public String text() {
    if (schemaIds == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(CONFLUENT);
    for (int i = 0; i < schemaIds.length; i++) {
      b.append(i == 0 ? "" : ",").append(schemaIds[i]);
    }
    return b.toString();
  }

  /**
   * One prefix per type for payloads in {@code format}; null for {@link #NONE}. A catalog is one
   * YAML file, whose {@code .proto} holds one top-level message per type in catalog order: type
   * {@code i}'s message index is {@code i}.
   */
  byte[][] prefixes(Format format, int types) {
    if (schemaIds == null) {
      return null;
    }
    if (schemaIds.length != types) {
      throw new IllegalArgumentException(
          "streamgen option '" + SourceOptions.FRAMING + "' has " + schemaIds.length + " schema ids but the catalog has "
              + types + " event types");
    }
    byte[][] prefixes = new byte[types][];
    for (int t = 0; t < types; t++) {
      prefixes[t] = ConfluentFraming.prefix(format, schemaIds[t], t);
    }
    return prefixes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PayloadFraming && Arrays.equals(schemaIds, ((PayloadFraming) o).schemaIds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(schemaIds);
  }

  @Override
  public String toString() {
    return isNone() ? "none" : "confluent(" + schemaIds.length + " schema ids)";
  }
}
