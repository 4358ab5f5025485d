package dev.streamgen.runtime.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Registers many subjects at once: each is one HTTP round trip, so with 10,000 event types the run
 * waits on the registry, not on us; a few calls in flight keep that short without flooding it.
 */
final class ParallelRegistration {
  /** Calls in flight at most. */
  static final int PARALLELISM = 8;

  private final ConfluentRegistryClient client;

  ParallelRegistration(ConfluentRegistryClient client) {
    this.client = client;
  }

  /** The schema id of each subject, in order; the first failure (in subject order) is thrown. */
  int[] register(List<SchemaSubject> subjects) {
    int threads = Math.max(1, Math.min(PARALLELISM, subjects.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "streamgen-schema-registration");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Integer>> ids = new ArrayList<>(subjects.size());
      for (SchemaSubject s : subjects) {
        ids.add(pool.submit(() -> client.register(s)));
      }
      int[] out = new int[subjects.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = get(ids.get(i));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static int get(Future<Integer> id) {
    try {
      return id.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new RegistryException("schema registration failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while registering schemas", e);
    }
  }
}
