package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.encode.Timestamps;

/**
 * {@code {session: "step"}} and {@code {session: "time"}} of a session machine's event: where the row
 * is in its session ({@link SessionMachine#locate}).
 *
 * <ul>
 *   <li>step: the event's index in its session, 0 for the start; an {@code int} in every format. A
 *       row the machine does not own (a typed event at an arbitrary row) is step 0 of its own session.
 *   <li>time: the session's own clock, a timestamp (microseconds): the event time of the session's
 *       start row plus the gaps of its steps so far ({@link SessionMachine.Gap}), so the times of a
 *       session's events are apart by exactly its drawn gaps. The start row's event time is {@code
 *       t - (clock(row) - clock(start))} for the row's event time t, where the {@link RowClock} gives
 *       the run's event time of each row (its rate shape from its first row), so it needs the clock:
 *       a {@link PackedCatalog} given it ({@link PackedCatalog#clock(RowClock)}). Without it (or at
 *       a row the machine does not own) it is the row's event time.
 * </ul>
 *
 * <p>Packed: the mode (0 step, 1 time), the Protobuf tag, then the {@link SessionMachine} words.
 */
public final class SessionField extends FieldGenerator {
  static final int CODE = 41;
  public static final int STEP = 0;
  public static final int TIME = 1;

  private static final int MACHINE = 2;

  private final SessionMachine machine;
  private final int mode;
  private final long proto;

  public SessionField(String name, int index, SessionMachine machine, int mode) {
    super(name, index);
    if (mode != STEP && mode != TIME) {
      throw new IllegalArgumentException("field '" + name + "': session mode " + mode + " is neither step nor time");
    }
    this.machine = machine;
    this.mode = mode;
    this.proto = protoTag(ProtobufWriter.WIRE_VARINT);
  }

  public SessionMachine machine() {
    return machine;
  }

  @Override
  public String kind() {
    return mode == STEP ? "int" : "timestamp";
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(mode);
    p.word(proto);
    machine.pack(p);
  }

  /** Whether this is a session time (else a step). */
  public boolean isTime() {
    return mode == TIME;
  }

  /** The step of row {@code row} in machine {@code machine}'s session ({@link #step(long, long, long)}). */
  public static int step(SessionMachine machine, long seed, long row) {
    return (int) number(machine.words(), 0, STEP, seed, row, 0, null);
  }

  /** The session time of row {@code row} in machine {@code machine}'s session ({@link #time(long, long, long, RowClock)}). */
  public static long time(SessionMachine machine, long seed, long row, long eventTimeMicros, RowClock clock) {
    return number(machine.words(), 0, TIME, seed, row, eventTimeMicros, clock);
  }

  /** The step of row {@code row}. */
  public int step(long seed, long row, long eventTimeMicros) {
    return (int) number(machine.words(), 0, STEP, seed, row, eventTimeMicros, null);
  }

  /** The session time of row {@code row} without the run's rows per second: the row's event time (see the class comment). */
  public long time(long seed, long row, long eventTimeMicros) {
    return time(seed, row, eventTimeMicros, null);
  }

  /** The session time of row {@code row} whose event time is {@code eventTimeMicros} in a run whose rows happen at {@code clock}. */
  public long time(long seed, long row, long eventTimeMicros, RowClock clock) {
    return number(machine.words(), 0, TIME, seed, row, eventTimeMicros, clock);
  }

  public void writeJson(ByteWriter out, int value) {
    out.write(jsonKey);
    IntField.encode(Format.JSON, out, value, proto);
  }

  public void writeAvro(ByteWriter out, int value) {
    IntField.encode(Format.AVRO, out, value, proto);
  }

  public void writeBinary(ByteWriter out, int value) {
    IntField.encode(Format.BINARY, out, value, proto);
  }

  public void writeProtobuf(ByteWriter out, int value) {
    IntField.encode(Format.PROTOBUF, out, value, proto);
  }

  public void writeJson(ByteWriter out, long value) {
    out.write(jsonKey);
    TimestampField.encode(Format.JSON, out, value, (int) proto, TimestampField.ISO8601);
  }

  public void writeAvro(ByteWriter out, long value) {
    TimestampField.encode(Format.AVRO, out, value, (int) proto, TimestampField.ISO8601);
  }

  public void writeBinary(ByteWriter out, long value) {
    TimestampField.encode(Format.BINARY, out, value, (int) proto, TimestampField.ISO8601);
  }

  public void writeProtobuf(ByteWriter out, long value) {
    TimestampField.encode(Format.PROTOBUF, out, value, (int) proto, TimestampField.ISO8601);
  }

  /** The step or time of the packed session field whose machine words start at {@code machineAt}. */
  static long number(long[] c, int machineAt, int mode, long seed, long row, long eventTimeMicros, RowClock clock) {
    SessionMachine.Cursor k = SessionMachine.cursorAt(c, machineAt, seed, row);
    if (mode == STEP) {
      return k == null ? 0 : k.last[SessionMachine.OUT_STEP];
    }
    if (k == null || clock == null) {
      return eventTimeMicros;
    }
    // The start's event time, moved as this row's was (a late row's session time is late too).
    long start = k.last[SessionMachine.OUT_START_ROW];
    return eventTimeMicros - (clock.micros(row) - clock.micros(start)) + k.last[SessionMachine.OUT_ELAPSED];
  }

  static void write(long[] c, int at, Format format, long seed, long row, long eventTimeMicros, RowClock clock, ByteWriter out) {
    int mode = (int) c[at];
    long value = number(c, at + MACHINE, mode, seed, row, eventTimeMicros, clock);
    if (mode == STEP) {
      IntField.encode(format, out, (int) value, c[at + 1]);
    } else {
      TimestampField.encode(format, out, value, (int) c[at + 1], TimestampField.ISO8601);
    }
  }

  static String text(long[] c, int at, long seed, long row, long eventTimeMicros, RowClock clock) {
    int mode = (int) c[at];
    long value = number(c, at + MACHINE, mode, seed, row, eventTimeMicros, clock);
    return mode == STEP ? Long.toString(value) : Timestamps.toIso(value);
  }
}
