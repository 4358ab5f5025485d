package dev.streamgen.runtime.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Sent versus received for a stream of the streamgen source: row {@code i} happens at {@code start +
 * i * microsPerRow}, so every received event's time gives its row index. "Sent" is what the
 * checkpoint committed (rows {@code 0..committed-1}); each of those must arrive at least once.
 */
public final class DeliveryCount {
  public final long committed;
  public final long received;
  public final long distinct;
  public final long lost;
  public final long duplicates;
  public final long beyondCommitted;
  public final long misaligned;

  private DeliveryCount(long committed, long received, long distinct, long lost, long duplicates, long beyond, long misaligned) {
    this.committed = committed;
    this.received = received;
    this.distinct = distinct;
    this.lost = lost;
    this.duplicates = duplicates;
    this.beyondCommitted = beyond;
    this.misaligned = misaligned;
  }

  /** Counts {@code eventTimesMicros} (one per received event) against the checkpoint's commits. */
  public static DeliveryCount of(Path checkpoint, long microsPerRow, List<Long> eventTimesMicros) {
    // The last committed offset's start: a stream's first batch is an empty warm-up whose offset holds
    // a provisional start; row 0's time is fixed by the first batch with rows, and kept after it.
    long last = highest(checkpoint.resolve("commits")).orElseThrow();
    long start = offset(checkpoint, last, "startMicros");
    long committed = offset(checkpoint, last, "row");
    Map<Long, Integer> copies = new HashMap<>();
    long misaligned = 0;
    for (long t : eventTimesMicros) {
      if ((t - start) % microsPerRow != 0) {
        misaligned++;
      }
      copies.merge((t - start) / microsPerRow, 1, Integer::sum);
    }
    long lost = 0;
    for (long i = 0; i < committed; i++) {
      if (!copies.containsKey(i)) {
        lost++;
      }
    }
    long beyond = copies.keySet().stream().filter(i -> i >= committed || i < 0).count();
    return new DeliveryCount(committed, eventTimesMicros.size(), copies.size(), lost, eventTimesMicros.size() - copies.size(), beyond, misaligned);
  }

  /** The streamgen offset field {@code field} of batch {@code n} (third line of offsets/n). */
  public static long offset(Path checkpoint, long n, String field) {
    try {
      List<String> lines = Files.readAllLines(checkpoint.resolve("offsets").resolve(Long.toString(n)), StandardCharsets.UTF_8);
      return new ObjectMapper().readTree(lines.get(2)).get(field).asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static OptionalLong highest(Path dir) {
    if (!Files.isDirectory(dir)) {
      return OptionalLong.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).mapToLong(Long::parseLong).max();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** The event time of a JSON payload written by the test catalogs. */
  public static long eventTimeOfJson(byte[] payload) {
    try {
      return new ObjectMapper().readTree(payload).get("event_time_micros").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return String.format(
        "sent (committed) %d, received %d (%d distinct), lost %d, duplicates %d, beyond the last commit %d",
        committed, received, distinct, lost, duplicates, beyondCommitted);
  }
}
