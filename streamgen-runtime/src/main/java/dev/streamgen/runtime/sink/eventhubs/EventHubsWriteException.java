package dev.streamgen.runtime.sink.eventhubs;

/** A task could not deliver its events; the message carries the counts. */
public final class EventHubsWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EventHubsWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
