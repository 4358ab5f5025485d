package dev.streamgen.runtime.source;

/** Registers manual clocks for the source's {@code clock} option from the end-to-end tests' package. */
public final class ItClocks {
  private ItClocks() {}

  public static void register(String name, StreamClock clock) {
    StreamClock.register(name, clock);
  }

  public static void unregister(String name) {
    StreamClock.unregister(name);
  }
}
