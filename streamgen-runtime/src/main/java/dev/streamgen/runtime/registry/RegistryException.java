package dev.streamgen.runtime.registry;

/** The registry refused a schema or could not be reached; the message names the subject and its answer. */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
