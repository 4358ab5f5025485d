package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.validate.DidYouMean;
import dev.streamgen.runtime.kinds.SessionMachine;
import java.util.List;
import java.util.Optional;

/**
 * {@code gap:} of a session machine or of one of its transitions: the seconds between two events of
 * a session, {@code {range: [min, max], distribution: ...}} with the distribution syntax of a {@code
 * double} field (uniform without one; a sample is clipped to the range). Drawn by {@link
 * SessionMachine.Gap}.
 *
 * @param distribution null for uniform
 */
public record SessionGap(double min, double max, DistributionSpec distribution) {
  public static final String KEY = "gap";
  static final List<String> KEYS = List.of("range", DistributionSpec.KEY);
  /** The longest gap: a year. */
  public static final double MAX_SECONDS = 365 * 86400.0;

  /** The gap {@code node} defines, or null after reporting its problems (messages start with {@code scope}'s element). */
  public static SessionGap parse(Node node, FieldScope scope) {
    if (!(node instanceof MapNode m)) {
      scope.error(node, "gap must be a mapping with range: [min, max] (seconds) and optionally distribution, got " + FieldScope.shape(node));
      return null;
    }
    for (MapNode.Entry e : m.entries()) {
      if (!KEYS.contains(e.name())) {
        scope.error(e.key(), "gap: unknown key '" + e.name() + "'" + DidYouMean.hint(e.name(), KEYS));
        return null;
      }
    }
    FieldScope.Range range = scope.range(m, "gap");
    if (range == null) {
      return null;
    }
    double min = range.min().number().doubleValue();
    double max = range.max().number().doubleValue();
    if (!(min >= 0) || !(max <= MAX_SECONDS) || Double.isNaN(max)) {
      scope.error(range.node(), "gap range " + range.text() + " must hold seconds from 0 to " + FieldScope.format(MAX_SECONDS));
      return null;
    }
    if (min > max) {
      scope.error(range.node(), "gap range " + range.text() + " is empty (min > max)");
      return null;
    }
    Optional<DistributionSpec> d = DistributionSpec.parse(m, scope, min, max, false);
    if (d == null) {
      return null;
    }
    return new SessionGap(min, max, d.orElse(null));
  }

  /** Expression: {@code new SessionMachine.Gap(...)}. */
  public CodeBlock newInstance() {
    return CodeBlock.of("new $T($L, $L, $L)", SessionMachine.Gap.class, Kinds.literal(min), Kinds.literal(max),
        distribution == null ? "null" : distribution.newInstance());
  }

  /** Literals of {@link #newInstance}. */
  public int literalCount() {
    return 2 + (distribution == null ? 0 : distribution.literalCount());
  }
}
