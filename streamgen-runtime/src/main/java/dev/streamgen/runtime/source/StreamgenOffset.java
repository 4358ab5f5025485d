package dev.streamgen.runtime.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.spark.sql.connector.read.streaming.Offset;

/**
 * A position in the stream: the next row index, and the event time of row 0 ({@code startMicros}).
 * Keeping the start in every offset puts it in the checkpoint, so a restarted query continues the
 * same timeline: the same rows, the same event times, paced from the same origin.
 * JSON: {@code {"row":1234,"startMicros":1767225600000000}}.
 *
 * <p>Simulated time adds the wall-clock time of row 0 and the speed (event seconds per wall second):
 * {@code {"row":1234,"startMicros":...,"wallStartMicros":...,"speed":60.0}}. Without them (real
 * time, and offsets written before simulated time existed) the wall clock is the event clock.
 */
public final class StreamgenOffset extends Offset {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long row;
  private final long startMicros;
  private final long wallStartMicros;
  private final double speed;

  /** Real time: row 0 happens at {@code startMicros} on the wall clock too. */
  public StreamgenOffset(long row, long startMicros) {
    this(row, startMicros, startMicros, 1);
  }

  /** Simulated time: row 0 at event time {@code startMicros}, emitted at {@code wallStartMicros}. */
  public StreamgenOffset(long row, long startMicros, long wallStartMicros, double speed) {
    if (row < 0) {
      throw new IllegalArgumentException("row index " + row + " is negative");
    }
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed " + speed + " is not a number greater than 0");
    }
    this.row = row;
    this.startMicros = startMicros;
    this.wallStartMicros = wallStartMicros;
    this.speed = speed;
  }

  /** Reads an offset written by {@link #json()}; the message quotes the text when it is not one. */
  public static StreamgenOffset fromJson(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      throw notAnOffset(json);
    }
    if (node == null
        || !node.isObject()
        || !node.path("row").canConvertToExactIntegral()
        || !node.path("startMicros").canConvertToExactIntegral()
        || !node.path("row").canConvertToLong()
        || !node.path("startMicros").canConvertToLong()) {
      throw notAnOffset(json);
    }
    long row = node.get("row").asLong();
    long start = node.get("startMicros").asLong();
    JsonNode wall = node.path("wallStartMicros");
    JsonNode speed = node.path("speed");
    if (wall.isMissingNode() && speed.isMissingNode()) {
      return new StreamgenOffset(row, start);
    }
    if (!wall.canConvertToExactIntegral() || !wall.canConvertToLong() || !speed.isNumber() || !(speed.asDouble() > 0)) {
      throw notAnOffset(json);
    }
    return new StreamgenOffset(row, start, wall.asLong(), speed.asDouble());
  }

  /**
   * {@code offset} as a streamgen offset: Spark hands back offsets it read from the checkpoint's log
   * as {@code SerializedOffset}s (after a restart), not as the objects this source made.
   */
  public static StreamgenOffset of(Offset offset) {
    return offset instanceof StreamgenOffset ? (StreamgenOffset) offset : fromJson(offset.json());
  }

  private static IllegalArgumentException notAnOffset(String json) {
    return new IllegalArgumentException(
        "not a streamgen offset: '"
            + json
            + "' (expected {\"row\":<n>,\"startMicros\":<n>}); was the checkpoint written by another source?");
  }

  /** The next row to emit: rows [0, row) are done. */
  public long row() {
    return row;
  }

  /** Event time of row 0, microseconds since the epoch. */
  public long startMicros() {
    return startMicros;
  }

  /** Wall-clock time of row 0 (its event time unless time is simulated). */
  public long wallStartMicros() {
    return wallStartMicros;
  }

  /** Seconds of event time per wall-clock second (1 unless time is simulated). */
  public double speed() {
    return speed;
  }

  /** True when event time runs apart from the wall clock. */
  public boolean simulated() {
    return wallStartMicros != startMicros || speed != 1;
  }

  /**
   * Event time elapsed since row 0 when {@code wallElapsedMicros} have passed on the wall clock since
   * row 0: exact at speed 1, else floored, saturating at {@code Long.MAX_VALUE}.
   */
  public long eventElapsedMicros(long wallElapsedMicros) {
    if (speed == 1 || wallElapsedMicros <= 0) {
      return wallElapsedMicros;
    }
    double scaled = Math.floor(wallElapsedMicros * speed);
    return scaled >= 9.2e18 ? Long.MAX_VALUE : (long) scaled;
  }

  /** The same timeline, {@code newRow} rows in. */
  public StreamgenOffset withRow(long newRow) {
    return new StreamgenOffset(newRow, startMicros, wallStartMicros, speed);
  }

  @Override
  public String json() {
    String head = "{\"row\":" + row + ",\"startMicros\":" + startMicros;
    return simulated() ? head + ",\"wallStartMicros\":" + wallStartMicros + ",\"speed\":" + speed + "}" : head + "}";
  }
}
