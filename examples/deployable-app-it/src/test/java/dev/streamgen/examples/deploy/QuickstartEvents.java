package dev.streamgen.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What examples/deployable-app/src/main/streamgen/events.yaml (the seed's Quick Start) declares,
 * written out by hand from the YAML: the fields of each type, in order, and the values each may hold.
 */
final class QuickstartEvents {
  static final List<String> TYPES = Arrays.asList("user.purchase", "user.session.end", "user.session.start");

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Predicate<Object> USER_ID = v -> v instanceof Integer && (Integer) v >= 1 && (Integer) v <= 1_000_000;
  private static final Predicate<Object> IS_UUID = v -> v != null && UUID.matcher(v.toString()).matches();
  private static final Map<String, Map<String, Predicate<Object>>> FIELDS = new LinkedHashMap<>();

  static {
    Map<String, Predicate<Object>> start = new LinkedHashMap<>();
    start.put("user_id", USER_ID);
    start.put("session_id", IS_UUID);
    start.put("device_type", v -> v != null && Arrays.asList("iOS", "Android", "Web").contains(v.toString()));
    FIELDS.put("user.session.start", start);
    Map<String, Predicate<Object>> purchase = new LinkedHashMap<>();
    purchase.put("user_id", USER_ID);
    purchase.put("transaction_id", IS_UUID);
    purchase.put("amount", v -> v instanceof Number
        && ((Number) v).doubleValue() >= 0.99 && ((Number) v).doubleValue() <= 999.99);
    FIELDS.put("user.purchase", purchase);
    Map<String, Predicate<Object>> end = new LinkedHashMap<>();
    end.put("user_id", USER_ID);
    end.put("session_duration_sec", v -> v instanceof Integer && (Integer) v >= 60 && (Integer) v <= 7200);
    FIELDS.put("user.session.end", end);
  }

  private QuickstartEvents() {}

  /** The event has exactly the declared fields, in order, each holding an allowed value. */
  static void assertValid(String type, Function<String, Object> value, List<String> fieldNames) {
    Map<String, Predicate<Object>> fields = FIELDS.get(type);
    assertThat(fields).as("event type '%s' is declared in events.yaml", type).isNotNull();
    assertThat(fieldNames).as("%s fields", type).containsExactlyElementsOf(fields.keySet());
    fields.forEach((name, allowed) -> assertThat(allowed.test(value.apply(name)))
        .as("%s.%s = %s", type, name, value.apply(name)).isTrue());
  }
}
