package dev.streamgen.runtime.source;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.util.AccumulatorV2;

/**
 * Rows per event type, counted by the partition readers (one array increment per row) and merged on
 * the driver when tasks finish: what the job's progress line and summary print. Opt-in through the
 * source option {@value SourceOptions#TYPE_COUNTER}, so plain reads pay nothing. Only types that
 * occurred travel back from a task, so 10,000 types cost little.
 */
public final class TypeCountAccumulator extends AccumulatorV2<long[], long[]> {
  private static final long serialVersionUID = 1L;
  private static final ConcurrentHashMap<String, TypeCountAccumulator> REGISTERED =
      new ConcurrentHashMap<>();

  /** Index, after the types, of the rows dropped on purpose; then of the duplicates ({@link Faults}). */
  static final int DROPPED = 0;
  static final int DUPLICATES = 1;
  private static final int FAULT_SLOTS = 2;

  /** Per type the rows written, then {@link #FAULT_SLOTS} counts of fault rows. */
  private transient long[] counts;

  public TypeCountAccumulator(int types) {
    this.counts = new long[types + FAULT_SLOTS];
  }

  /**
   * Creates a counter for {@code types} event types, registers it with Spark and under an id that the
   * source option {@value SourceOptions#TYPE_COUNTER} names.
   */
  public static String register(SparkContext sc, int types) {
    TypeCountAccumulator acc = new TypeCountAccumulator(types);
    sc.register(acc, "streamgen rows per event type");
    String id = UUID.randomUUID().toString();
    REGISTERED.put(id, acc);
    return id;
  }

  /** The counter registered under {@code id}, or null (driver side). */
  public static TypeCountAccumulator lookup(String id) {
    return id == null ? null : REGISTERED.get(id);
  }

  /** Forgets a counter once its run is over. */
  public static void unregister(String id) {
    REGISTERED.remove(id);
  }

  public int types() {
    return counts.length - FAULT_SLOTS;
  }

  /** Rows dropped on purpose so far (never written; not in {@link #total()}). */
  public synchronized long dropped() {
    return counts[types() + DROPPED];
  }

  /** Duplicates written on purpose so far (in {@link #total()} and the per-type counts). */
  public synchronized long duplicates() {
    return counts[types() + DUPLICATES];
  }

  @Override
  public boolean isZero() {
    for (long c : counts) {
      if (c != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public AccumulatorV2<long[], long[]> copy() {
    TypeCountAccumulator c = new TypeCountAccumulator(types());
    synchronized (this) {
      System.arraycopy(counts, 0, c.counts, 0, counts.length);
    }
    return c;
  }

  @Override
  public synchronized void reset() {
    java.util.Arrays.fill(counts, 0L);
  }

  /**
   * Adds per-type counts ({@link #types()} long), optionally followed by the fault counts (dropped,
   * duplicates).
   */
  @Override
  public synchronized void add(long[] v) {
    for (int i = 0; i < v.length; i++) {
      counts[i] += v[i];
    }
  }

  @Override
  public void merge(AccumulatorV2<long[], long[]> other) {
    TypeCountAccumulator o = (TypeCountAccumulator) other;
    long[] all;
    synchronized (o) {
      all = o.counts.clone();
    }
    add(all);
  }

  /** A copy of the per-type counts so far. */
  @Override
  public synchronized long[] value() {
    return java.util.Arrays.copyOf(counts, types());
  }

  /** The rows written so far (all types). */
  public synchronized long total() {
    long t = 0;
    for (int i = 0; i < types(); i++) {
      t += counts[i];
    }
    return t;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    long[] snapshot;
    synchronized (this) {
      snapshot = counts.clone();
    }
    int nonZero = 0;
    for (long c : snapshot) {
      if (c != 0) {
        nonZero++;
      }
    }
    out.writeInt(snapshot.length);
    out.writeInt(nonZero);
    for (int i = 0; i < snapshot.length; i++) {
      if (snapshot[i] != 0) {
        out.writeInt(i);
        out.writeLong(snapshot[i]);
      }
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    counts = new long[in.readInt()];
    int nonZero = in.readInt();
    for (int k = 0; k < nonZero; k++) {
      int i = in.readInt();
      counts[i] = in.readLong();
    }
  }
}
