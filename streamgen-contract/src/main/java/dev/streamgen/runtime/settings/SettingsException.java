package dev.streamgen.runtime.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The user's settings are wrong: every problem found, each located (file:line:col, or the flag) and
 * saying what is allowed. {@code Main} prints the messages and exits non-zero, without a stack trace.
 */
public final class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public SettingsException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
  }

  public SettingsException(String problem) {
    this(Collections.singletonList(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
