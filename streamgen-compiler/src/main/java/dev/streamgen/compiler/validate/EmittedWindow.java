package dev.streamgen.compiler.validate;

import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.compiler.model.FieldScope;
import dev.streamgen.compiler.model.RefKind;
import dev.streamgen.runtime.kinds.EmittedRows;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The window a reference to an event type's ids looks in ({@code emitted}, {@code within}): every
 * earlier row by default; {@code later} (ids whose row arrives after the referring one:
 * late-arriving dimensions) or {@code either} need {@code within}, since a stream has no end to
 * bound "later". A window must be long enough to hold a row of the type: one that is empty with a
 * chance above e^-20 would make orphans the declared {@code match} does not account for.
 *
 * @param within rows on the window's side(s); 0 for every earlier row
 */
record EmittedWindow(EmittedRows.Window window, long within) {
  /** The chance of an empty window that {@code within} must stay below: e^-{@value}. */
  private static final double EMPTY_WINDOW_EXPONENT = 20;

  /**
   * The window of {@code definition}, whose target type {@code typeId} is a share {@code weight} of
   * rows; null after reporting a problem.
   */
  static EmittedWindow parse(MapNode definition, String typeId, double weight, FieldScope scope) {
    String written = scope.text(definition, RefKind.EMITTED, "earlier");
    if (written == null) {
      return null;
    }
    EmittedRows.Window window = Arrays.stream(EmittedRows.Window.values())
        .filter(w -> w.name().toLowerCase(Locale.ROOT).equals(written)).findFirst().orElse(null);
    if (window == null) {
      scope.error(definition.get(RefKind.EMITTED).get(), RefKind.EMITTED + " must be one of "
          + Arrays.stream(EmittedRows.Window.values()).map(w -> w.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
          + ", got '" + written + "'");
      return null;
    }
    Node withinNode = definition.get(RefKind.WITHIN).orElse(null);
    if (withinNode == null) {
      if (window != EmittedRows.Window.EARLIER) {
        scope.error(definition.get(RefKind.EMITTED).get(), RefKind.EMITTED + ": " + written + " needs " + RefKind.WITHIN
            + ", the rows the row of event '" + typeId + "' arrives within: a stream has no end, so '" + written
            + "' needs a bound (e.g. within: " + minimum(weight) * 10 + ")");
        return null;
      }
      return new EmittedWindow(window, 0);
    }
    if (withinNode instanceof ScalarNode s && s.kind() == ScalarNode.Kind.STRING) {
      scope.error(withinNode, RefKind.WITHIN + " counts rows, a whole number, got '" + s.text()
          + "'; a window in event time is not supported: at r rows per second, t seconds are r * t rows");
      return null;
    }
    Long within = scope.wholeNumber(definition, RefKind.WITHIN, 0);
    if (within == null) {
      return null;
    }
    if (within <= 0) {
      scope.error(withinNode, RefKind.WITHIN + " must be a number of rows above 0, got " + within);
      return null;
    }
    long minimum = minimum(weight);
    if (within < minimum) {
      scope.error(withinNode, RefKind.WITHIN + " " + within + ": event '" + typeId + "' is " + FieldScope.format(weight * 100)
          + "% of rows, so a window of " + within + " rows holds none of them with chance " + String.format(Locale.ROOT, "%.2g",
              Math.pow(1 - weight, within)) + ", and its row is then an orphan beyond the declared match; make within at least " + minimum
          + " (chance below e^-20)");
      return null;
    }
    return new EmittedWindow(window, within);
  }

  /** The fewest rows holding a row of a type of share {@code weight} but with chance below e^-20: (1 - weight)^n below it. */
  static long minimum(double weight) {
    return weight >= 1 ? 1 : Math.max(1, (long) Math.ceil(EMPTY_WINDOW_EXPONENT / -Math.log1p(-weight)));
  }
}
