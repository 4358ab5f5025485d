package dev.streamgen.compiler.validate;

import dev.streamgen.compiler.config.ListNode;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.Problems;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.compiler.model.ChangeStream;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.Field;
import dev.streamgen.compiler.model.FieldScope;
import dev.streamgen.compiler.model.RefKind;
import dev.streamgen.compiler.model.SessionSpec;
import dev.streamgen.runtime.api.WeightChange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code weight_changes} (top level): periods of event time, counted from a run's first row, in
 * which some types get other shares of the rows (an incident: {@code error} from 1% to 20% for ten
 * minutes). Checked once the types are bound, because which types a change may move depends on them:
 * a session machine's start, a change stream and a type whose emitted ids a reference reads are
 * pinned (other rows find theirs by the catalog's type pick), and a machine's other states have no
 * pick of their own. Problems are reported at the key that causes them: unknown keys and types,
 * durations that are not durations, weights out of [0, 1] or summing past what the movable types
 * hold, a pinned type, periods that overlap (a row takes its weights from one period).
 */
final class WeightChanges {
  static final String KEY = "weight_changes";
  static final List<String> KEYS = List.of("start", "duration", "every", "weights");
  private static final double TOLERANCE = 1e-6;
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
  private static final long SECOND = 1_000_000L;
  /** Ten years of event time: far beyond any run, and far from overflowing a period's arithmetic. */
  private static final long MAX_MICROS = 3650L * 24 * 3600 * SECOND;

  private final Problems problems;
  private final List<WeightChange> changes = new ArrayList<>();
  private final List<Integer> pinned = new ArrayList<>();

  WeightChanges(Problems problems) {
    this.problems = problems;
  }

  /** The valid periods, in declaration order (after {@link #check}). */
  List<WeightChange> changes() {
    return changes;
  }

  /** The types the periods may not move, ascending; empty without periods. */
  List<Integer> pinned() {
    return changes.isEmpty() ? List.of() : pinned;
  }

  /** Checks {@code weight_changes} of {@code root} against the bound types and session machines. */
  void check(MapNode root, List<EventType> types, List<SessionSpec> machines) {
    Node node = root.get(KEY).orElse(null);
    if (node == null || (node instanceof ScalarNode s && s.isNull())) {
      return;
    }
    if (!(node instanceof ListNode list) || list.items().isEmpty()) {
      problems.add(node, KEY + " must list periods, each with start, duration and weights, got " + FieldScope.shape(node));
      return;
    }
    Map<Integer, String> fixed = fixedTypes(types, machines);
    fixed.forEach((t, why) -> {
      if (types.get(t).weight() > 0) {
        pinned.add(t);
      }
    });
    pinned.sort(null);
    List<WeightChange> parsed = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      String element = KEY + " #" + (i + 1);
      WeightChange c = period(list.items().get(i), element, types, fixed);
      if (c == null) {
        continue;
      }
      for (int j = 0; j < parsed.size(); j++) {
        if (overlap(parsed.get(j), c)) {
          problems.add(((MapNode) list.items().get(i)).get("start").get(), element + " overlaps " + KEY + " #" + numbers.get(j)
              + " (" + describe(parsed.get(j)) + "): a row takes its weights from one period; move its start or shorten one of them");
        }
      }
      parsed.add(c);
      numbers.add(i + 1);
    }
    if (parsed.size() == list.items().size()) {
      changes.addAll(parsed);
    }
  }

  /**
   * The types a change cannot name, with why: pinned types (session starts, change streams, targets
   * of references to emitted ids) and a machine's other states.
   */
  private static Map<Integer, String> fixedTypes(List<EventType> types, List<SessionSpec> machines) {
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < types.size(); i++) {
      index.put(types.get(i).id(), i);
    }
    Map<Integer, String> fixed = new LinkedHashMap<>();
    for (SessionSpec m : machines) {
      fixed.put(index.get(m.states().get(0)), "starts the sessions of machine '" + m.name() + "'");
      for (String state : m.states().subList(1, m.states().size())) {
        fixed.putIfAbsent(index.get(state), "is a state of session machine '" + m.name() + "', whose sessions pick it");
      }
    }
    for (int i = 0; i < types.size(); i++) {
      if (ChangeStream.of(types.get(i).fields()).isPresent()) {
        fixed.putIfAbsent(i, "is a change stream, whose rows follow its pool's members");
      }
      for (Field f : types.get(i).fields()) {
        if (f.kind() instanceof RefKind ref && ref.resolved() != null && ref.resolved().source() instanceof RefKind.Emitted e) {
          fixed.putIfAbsent(index.get(e.typeId()), "emits the ids that field '" + f.name() + "' of event '" + types.get(i).id() + "' refers to");
        }
      }
    }
    return fixed;
  }

  private WeightChange period(Node node, String element, List<EventType> types, Map<Integer, String> fixed) {
    if (!(node instanceof MapNode m)) {
      problems.add(node, element + " must be a mapping with start, duration and weights, got " + FieldScope.shape(node));
      return null;
    }
    boolean ok = true;
    for (MapNode.Entry e : m.entries()) {
      if (!KEYS.contains(e.name())) {
        problems.add(e.key(), element + ": unknown key '" + e.name() + "'" + DidYouMean.hint(e.name(), KEYS));
        ok = false;
      }
    }
    Long start = duration(m, "start", element, "event time after the run's first row, e.g. 10m");
    Long duration = duration(m, "duration", element, "how long the period lasts, e.g. 10m");
    Long every = m.get("every").isPresent() ? duration(m, "every", element, "") : Long.valueOf(0);
    if (start == null || duration == null || every == null) {
      return null;
    }
    if (every > 0 && every < duration) {
      problems.add(m.get("every").get(), element + ": every " + ((ScalarNode) m.get("every").get()).describe() + " is shorter than duration "
          + ((ScalarNode) m.get("duration").get()).describe() + ": the period would overlap its own repeat");
      return null;
    }
    Map<Integer, Double> weights = weights(m, element, types, fixed);
    if (weights == null || !ok) {
      return null;
    }
    return new WeightChange(start, duration, every, weights.keySet().stream().mapToInt(Integer::intValue).toArray(),
        weights.values().stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** {@code key} of {@code m} as microseconds (0 only for {@code start}); null after reporting a problem. */
  private Long duration(MapNode m, String key, String element, String what) {
    Node n = m.get(key).orElse(null);
    if (n == null) {
      problems.add(m, element + ": missing key '" + key + "' (" + what + ")");
      return null;
    }
    Matcher d = n instanceof ScalarNode s && s.kind() == ScalarNode.Kind.STRING ? DURATION.matcher(s.text()) : null;
    if (d == null || !d.matches()) {
      problems.add(n, element + ": " + key + " " + (n instanceof ScalarNode s ? s.describe() : FieldScope.shape(n))
          + " is not a duration: expected a whole number with unit ms, s, m, h or d, such as 600s or 10m");
      return null;
    }
    BigInteger micros = new BigInteger(d.group(1)).multiply(BigInteger.valueOf(unitMicros(d.group(2))));
    if (micros.compareTo(BigInteger.valueOf(MAX_MICROS)) > 0) {
      problems.add(n, element + ": " + key + " '" + d.group() + "' is more than 3650d");
      return null;
    }
    if (micros.signum() == 0 && !key.equals("start")) {
      problems.add(n, element + ": " + key + " '" + d.group() + "' is empty: give it a length above 0");
      return null;
    }
    return micros.longValueExact();
  }

  private static long unitMicros(String unit) {
    switch (unit) {
      case "ms":
        return 1_000L;
      case "s":
        return SECOND;
      case "m":
        return 60 * SECOND;
      case "h":
        return 3600 * SECOND;
      case "d":
        return 24 * 3600 * SECOND;
      default:
        throw new IllegalArgumentException("unit " + unit);
    }
  }

  /** The period's {@code weights}, by type index in declaration order; null after reporting a problem. */
  private Map<Integer, Double> weights(MapNode m, String element, List<EventType> types, Map<Integer, String> fixed) {
    Node n = m.get("weights").orElse(null);
    if (n == null) {
      problems.add(m, element + ": missing key 'weights' (event type ids and their shares during the period)");
      return null;
    }
    if (!(n instanceof MapNode w)) {
      problems.add(n, element + ": weights must map event type ids to shares of all rows, got " + FieldScope.shape(n));
      return null;
    }
    if (w.entries().isEmpty()) {
      problems.add(n, element + ": weights is empty: name at least one event type and its share of all rows");
      return null;
    }
    List<String> ids = types.stream().map(EventType::id).toList();
    Map<Integer, Double> weights = new LinkedHashMap<>();
    List<String> parts = new ArrayList<>();
    boolean ok = true;
    for (MapNode.Entry e : w.entries()) {
      int type = ids.indexOf(e.name());
      if (type < 0) {
        problems.add(e.key(), element + ": weights: no event type '" + e.name() + "'" + DidYouMean.hint(e.name(), ids));
        ok = false;
        continue;
      }
      if (fixed.containsKey(type)) {
        problems.add(e.key(), element + ": weights: event '" + e.name() + "' " + fixed.get(type)
            + "; weight changes move only the other types, so it keeps its weight: remove it");
        ok = false;
        continue;
      }
      if (!(e.value() instanceof ScalarNode v) || !v.isNumber() || !(v.number().doubleValue() >= 0 && v.number().doubleValue() <= 1)) {
        problems.add(e.value(), element + ": weights: '" + e.name() + "' must be a number from 0 to 1 (its share of all rows), got "
            + FieldScope.shape(e.value()));
        ok = false;
        continue;
      }
      weights.put(type, v.number().doubleValue());
      parts.add(e.name() + " " + v.text());
    }
    if (!ok) {
      return null;
    }
    double pinnedShare = pinned.stream().mapToDouble(t -> types.get(t).weight()).sum();
    double named = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double others = 0;
    for (int t = 0; t < types.size(); t++) {
      if (!weights.containsKey(t) && !fixed.containsKey(t)) {
        others += types.get(t).weight();
      }
    }
    double movable = 1 - pinnedShare;
    if (named > movable + TOLERANCE) {
      problems.add(n, element + ": weights sum to " + FieldScope.format(named) + " (" + String.join(" + ", parts) + "), more than "
          + (pinnedShare > 0 ? FieldScope.format(movable) + ", the share of the types weight changes may move" : "1"));
      return null;
    }
    if (named < movable - TOLERANCE && others <= 0) {
      problems.add(n, element + ": weights sum to " + FieldScope.format(named) + " (" + String.join(" + ", parts) + ") and no other type"
          + " has a weight to fill the rest: make them sum to " + FieldScope.format(movable));
      return null;
    }
    return weights;
  }

  /** Whether some instant is in both periods (each repeats forever when it has an {@code every}). */
  static boolean overlap(WeightChange a, WeightChange b) {
    if (a.everyMicros() == 0 && b.everyMicros() == 0) {
      return a.startMicros() < b.startMicros() + b.durationMicros() && b.startMicros() < a.startMicros() + a.durationMicros();
    }
    if (a.everyMicros() == 0 || b.everyMicros() == 0) {
      WeightChange once = a.everyMicros() == 0 ? a : b;
      WeightChange repeated = once == a ? b : a;
      // The first occurrence of the repeated period that ends after the single one starts.
      long k = Math.max(0, Math.floorDiv(once.startMicros() - repeated.startMicros() - repeated.durationMicros(), repeated.everyMicros()) + 1);
      return repeated.startMicros() + k * repeated.everyMicros() < once.startMicros() + once.durationMicros();
    }
    // Both repeat forever: the offsets between their occurrences are b.start - a.start + g*n for every
    // whole n (g the gcd of the intervals); they overlap when one of those lies in (-b.duration, a.duration).
    long g = BigInteger.valueOf(a.everyMicros()).gcd(BigInteger.valueOf(b.everyMicros())).longValueExact();
    long r = Math.floorMod(b.startMicros() - a.startMicros(), g);
    return r < a.durationMicros() || g - r < b.durationMicros();
  }

  private static String describe(WeightChange c) {
    return "from " + time(c.startMicros()) + " for " + time(c.durationMicros()) + (c.everyMicros() > 0 ? " every " + time(c.everyMicros()) : "");
  }

  /** {@code micros} in the largest unit that writes it whole, as a duration is written. */
  private static String time(long micros) {
    if (micros == 0) {
      return "0s";
    }
    String[] units = {"d", "h", "m", "s"};
    for (String unit : units) {
      if (micros % unitMicros(unit) == 0) {
        return micros / unitMicros(unit) + unit;
      }
    }
    return micros / 1000 + "ms";
  }
}
