package dev.streamgen.compiler.validate;

import dev.streamgen.compiler.ConfigError;
import dev.streamgen.compiler.model.EventCatalog;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.Identifiers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules across the YAML files of one compilation: all generated classes share one Java package and
 * all resources one directory, so file names, catalog names and event class names must not clash.
 */
public final class CatalogSetValidator {
  private CatalogSetValidator() {}

  /** A validated file: where it came from and what it defines. */
  public record Compiled(Path path, EventCatalog catalog) {}

  public static List<ConfigError> validate(List<Compiled> files) {
    List<ConfigError> errors = new ArrayList<>();
    Map<String, Compiled> byName = new HashMap<>();
    Map<String, String> classes = new HashMap<>();
    for (Compiled file : files) {
      EventCatalog catalog = file.catalog();
      Compiled first = byName.putIfAbsent(Identifiers.fileKey(catalog.sourceName()), file);
      if (first != null) {
        errors.add(
            new ConfigError(
                file.path(),
                1,
                1,
                "file name '" + catalog.sourceName() + "' is also used by " + first.path() + "; source file names must be unique"));
        continue;
      }
      String catalogClass = catalog.catalogClassName();
      String owner = classes.putIfAbsent(Identifiers.fileKey(catalogClass), catalog.sourceName());
      if (owner != null) {
        errors.add(
            new ConfigError(
                file.path(), 1, 1, "catalog class '" + catalogClass + "' collides with a class generated for " + owner + "; rename the file"));
      }
      for (EventType type : catalog.eventTypes()) {
        String name = type.className();
        String other =
            classes.putIfAbsent(
                Identifiers.fileKey(name), catalog.sourceName() + " (event '" + type.id() + "', line " + type.location().line() + ")");
        if (other != null) {
          errors.add(
              new ConfigError(
                  file.path(),
                  type.location().line(),
                  type.location().column(),
                  "event '" + type.id() + "': class name '" + name + "' collides with a class generated for " + other + "; rename one"));
        }
      }
    }
    return errors;
  }
}
