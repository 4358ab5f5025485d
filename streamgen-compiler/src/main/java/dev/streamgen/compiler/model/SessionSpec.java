package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import dev.streamgen.compiler.config.Location;
import dev.streamgen.runtime.api.RowsOfType;
import dev.streamgen.runtime.kinds.SessionMachine;
import java.util.List;

/**
 * A session machine ({@code sessions.<name>}): its states (event type ids, the start first), the
 * transitions of each state (target state and weight; none: the session ends there), its share of
 * all rows, concurrency (lanes), max events and optional entity pool. {@code typeIndexes} and {@code
 * rows} are set once the catalog's types and weights are known ({@link #bind}).
 */
public record SessionSpec(String name, double weight, int concurrency, int maxEvents, String entity, List<String> states,
    List<List<Transition>> transitions, Location location, int[] typeIndexes, RowsOfType rows) {

  /** A transition to state {@code to} (an index into {@code states}), with its gap (its own or the machine's; null: none). */
  public record Transition(int to, double weight, SessionGap gap) {}

  /** Whether some transition has a gap. */
  public boolean hasGaps() {
    return transitions.stream().flatMap(List::stream).anyMatch(t -> t.gap() != null);
  }

  /** The first transition without a gap, as {@code 'from' -> 'to'}; null when every transition has one. */
  public String transitionWithoutGap() {
    for (int s = 0; s < states.size(); s++) {
      for (Transition t : transitions.get(s)) {
        if (t.gap() == null) {
          return "'" + states.get(s) + "' -> '" + states.get(t.to()) + "'";
        }
      }
    }
    return null;
  }

  /** The machine bound to the catalog's type indexes and the start type's rows. */
  public SessionSpec bind(int[] typeIndexes, RowsOfType rows) {
    return new SessionSpec(name, weight, concurrency, maxEvents, entity, states, transitions, location, typeIndexes, rows);
  }

  /** Rounds per block: a constant of the compiled machine ({@link SessionMachine#blockRounds}). */
  public long blockRounds() {
    return SessionMachine.blockRounds(maxEvents, weight);
  }

  /** The salt of the transition draws. */
  public long salt() {
    return Identifiers.fnv1a64("@sessions." + name);
  }

  /** Expression: {@code new SessionMachine(...)}. */
  public CodeBlock newMachine() {
    CodeBlock.Builder types = CodeBlock.builder().add("new int[] {");
    CodeBlock.Builder next = CodeBlock.builder().add("new int[][] {");
    CodeBlock.Builder weights = CodeBlock.builder().add("new double[][] {");
    for (int s = 0; s < states.size(); s++) {
      types.add(s == 0 ? "$L" : ", $L", typeIndexes[s]);
      next.add(s == 0 ? "{" : ", {");
      weights.add(s == 0 ? "{" : ", {");
      List<Transition> ts = transitions.get(s);
      for (int t = 0; t < ts.size(); t++) {
        next.add(t == 0 ? "$L" : ", $L", ts.get(t).to());
        weights.add(t == 0 ? "$L" : ", $L", Kinds.literal(ts.get(t).weight()));
      }
      next.add("}");
      weights.add("}");
    }
    if (!hasGaps()) {
      return CodeBlock.of("new $T($L, $L, $L, $L, $L, $L, $LL, 0x$LL)", SessionMachine.class, types.add("}").build(),
          next.add("}").build(), weights.add("}").build(), RefKind.newRowsOfType(rows), concurrency, maxEvents, blockRounds(),
          Long.toHexString(salt()));
    }
    CodeBlock.Builder gaps = CodeBlock.builder().add("new $T[][] {", SessionMachine.Gap.class);
    for (int s = 0; s < states.size(); s++) {
      gaps.add(s == 0 ? "{" : ", {");
      List<Transition> ts = transitions.get(s);
      for (int t = 0; t < ts.size(); t++) {
        gaps.add(t == 0 ? "$L" : ", $L", ts.get(t).gap() == null ? "null" : ts.get(t).gap().newInstance());
      }
      gaps.add("}");
    }
    return CodeBlock.of("new $T($L, $L, $L, $L, $L, $L, $L, $LL, 0x$LL)", SessionMachine.class, types.add("}").build(),
        next.add("}").build(), weights.add("}").build(), gaps.add("}").build(), RefKind.newRowsOfType(rows), concurrency,
        maxEvents, blockRounds(), Long.toHexString(salt()));
  }

  /** Literals of {@link #newMachine}, for the method size estimate. */
  public int literalCount() {
    int n = 10 + states.size();
    for (List<Transition> ts : transitions) {
      n += 2 * ts.size();
      for (Transition t : ts) {
        n += t.gap() == null ? 1 : t.gap().literalCount();
      }
    }
    return n;
  }
}
