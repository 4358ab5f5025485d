package dev.streamgen.maven;

import dev.streamgen.compiler.ConfigError;
import java.util.List;

/** The texts of the build failures this plugin reports, in one place. */
final class GenerationFailure {
  private GenerationFailure() {}

  /**
   * The message of the {@code MojoFailureException} for invalid event definitions: a count, then
   * every error on its own line as {@code file:line:col: message}, which IDEs and terminals link.
   */
  static String configErrors(List<ConfigError> errors) {
    StringBuilder message = new StringBuilder("streamgen: ")
        .append(GenerateMojo.plural(errors.size(), "error"))
        .append(" in event definitions:");
    for (ConfigError error : errors) {
      message.append(System.lineSeparator()).append(error);
    }
    return message.toString();
  }
}
