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
 */
public final class StreamgenOffset extends Offset {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long row;
  private final long startMicros;

  public StreamgenOffset(long row, long startMicros) {
    if (row < 0) {
      throw new IllegalArgumentException("row index " + row + " is negative");
    }
    this.row = row;
    this.startMicros = startMicros;
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
    return new StreamgenOffset(node.get("row").asLong(), node.get("startMicros").asLong());
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

  /** The same timeline, {@code newRow} rows in. */
  public StreamgenOffset withRow(long newRow) {
    return new StreamgenOffset(newRow, startMicros);
  }

  @Override
  public String json() {
    return "{\"row\":" + row + ",\"startMicros\":" + startMicros + "}";
  }
}
