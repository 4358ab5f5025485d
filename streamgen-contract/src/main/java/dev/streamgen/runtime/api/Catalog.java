package dev.streamgen.runtime.api;

/**
 * All event types compiled from one YAML file. Generated code implements it with a public no-arg
 * constructor; the runtime finds generated catalogs through the resource {@link #INDEX_RESOURCE}.
 */
public interface Catalog {

  /** Lists generated catalog class names, one per line, for discovery on the classpath. */
  String INDEX_RESOURCE = "META-INF/streamgen/catalogs";

  /** The YAML file name the catalog was compiled from, e.g. {@code events.yaml}. */
  String sourceName();

  /** The YAML text itself: its generation, serialization and sink settings are the run-time defaults. */
  String sourceYaml();

  /** Number of event types. */
  int size();

  /** The kernel of event type {@code typeIndex} (0-based, in YAML order). */
  EventKernel kernel(int typeIndex);

  /** The declared weight of event type {@code typeIndex}; weights sum to 1. */
  double weight(int typeIndex);

  /**
   * The session machines ({@code sessions}): the runtime writes a row the type pick gives a machine's
   * start type as the type its session is at ({@link dev.streamgen.runtime.kinds.SessionMachine}).
   */
  default java.util.List<dev.streamgen.runtime.kinds.SessionMachine> sessionMachines() {
    return java.util.Collections.emptyList();
  }

  /**
   * The lane counts of the catalog's keyed sequences: each session machine's concurrency and each
   * change stream's pool count. The rows of one lane (row mod count) carry one key's events in order,
   * so the runtime keeps each lane's rows in one Spark task when the counts share a factor.
   */
  default long[] laneCounts() {
    return new long[0];
  }

  /**
   * The periods of {@code weight_changes}, in declaration order: the type mix over event time
   * ({@link TimedTypePick}). Empty when the mix never changes.
   */
  default java.util.List<WeightChange> weightChanges() {
    return java.util.Collections.emptyList();
  }

  /**
   * The types weight changes leave alone: those whose rows other rows locate by the catalog's type
   * pick (session machines' starts, change streams, types whose emitted ids references read).
   */
  default int[] pinnedTypes() {
    return new int[0];
  }
}
