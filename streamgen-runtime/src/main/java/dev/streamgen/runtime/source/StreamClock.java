package dev.streamgen.runtime.source;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wall clock the stream paces itself by. The system clock in production; tests register a
 * {@link Manual} clock under a name and pass it with the source option {@value SourceOptions#CLOCK},
 * so a minute of streaming is checked in milliseconds without sleeping. Driver side only: pacing
 * happens where offsets are planned.
 */
public interface StreamClock {

  /** Microseconds since the epoch. */
  long nowMicros();

  /** The system clock (millisecond resolution on Java 8, finer on later JDKs). */
  StreamClock SYSTEM =
      new StreamClock() {
        @Override
        public long nowMicros() {
          java.time.Instant now = java.time.Instant.now();
          return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        }
      };

  /** Registers {@code clock} under {@code name} for the option {@value SourceOptions#CLOCK}. */
  static void register(String name, StreamClock clock) {
    Registry.CLOCKS.put(name, clock);
  }

  static void unregister(String name) {
    Registry.CLOCKS.remove(name);
  }

  /** The clock named by the option, or the system clock when the option is unset. */
  static StreamClock named(String name) {
    if (name == null || name.equals("system")) {
      return SYSTEM;
    }
    StreamClock c = Registry.CLOCKS.get(name);
    if (c == null) {
      throw new IllegalArgumentException(
          "streamgen option '"
              + SourceOptions.CLOCK
              + "' = '"
              + name
              + "': no clock registered under this name (it is a test hook; leave it unset for the system clock)");
    }
    return c;
  }

  /** A clock that moves only when told to. */
  final class Manual implements StreamClock {
    private final AtomicLong micros;

    public Manual(long startMicros) {
      this.micros = new AtomicLong(startMicros);
    }

    @Override
    public long nowMicros() {
      return micros.get();
    }

    public void advanceMicros(long delta) {
      micros.addAndGet(delta);
    }

    public void advanceSeconds(double seconds) {
      micros.addAndGet(Math.round(seconds * 1_000_000d));
    }
  }

  /** Holds the named clocks (interfaces cannot have private static fields in Java 8). */
  final class Registry {
    static final ConcurrentHashMap<String, StreamClock> CLOCKS = new ConcurrentHashMap<>();

    private Registry() {}
  }
}
