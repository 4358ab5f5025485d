package dev.streamgen.compiler;

import dev.streamgen.compiler.model.EventCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every output of a compilation, in memory: Java sources, resources and schemas. */
final class Generator {
  private Generator() {}

  static List<GeneratedFile> generate(List<EventCatalog> catalogs, String javaPackage) {
    List<GeneratedFile> files = new ArrayList<>();
    for (EventCatalog catalog : catalogs) {
      // The YAML verbatim (whatever its line ends): the run-time defaults the catalog reads back.
      files.add(
          new GeneratedFile(
              GeneratedFile.Root.RESOURCES,
              Path.of("META-INF/streamgen/" + catalog.sourceName()),
              catalog.sourceText().getBytes(StandardCharsets.UTF_8)));
    }
    return files;
  }
}
