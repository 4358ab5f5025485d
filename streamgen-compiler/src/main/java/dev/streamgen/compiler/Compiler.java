package dev.streamgen.compiler;

import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.Problems;
import dev.streamgen.compiler.config.SourceFile;
import dev.streamgen.compiler.config.YamlReader;
import dev.streamgen.compiler.model.EventCatalog;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.validate.CatalogSetValidator;
import dev.streamgen.compiler.validate.SpecValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The compiler: YAML files in, generated Java, resources and schemas out, or located errors.
 * A pipeline of pure steps (read → validate → generate) followed by one write; nothing is written
 * unless every file is valid.
 */
public final class Compiler {
  private Compiler() {}

  /**
   * Compiles the request's sources; config errors come back in the result, located. Throws
   * IllegalArgumentException for a request that does not fit the sources (typedClasses naming no type).
   */
  public static CompileResult compile(CompileRequest request) {
    List<ConfigError> errors = new ArrayList<>();
    List<CatalogSetValidator.Compiled> compiled = new ArrayList<>();
    // Sorted by file name (then path) so the output never depends on the order sources were given.
    List<Path> sources = new ArrayList<>(request.sources());
    sources.sort(Comparator.comparing((Path p) -> String.valueOf(p.getFileName())).thenComparing(Path::toString));
    for (Path path : sources) {
      Problems problems = new Problems(path);
      Optional<EventCatalog> catalog = check(path, problems);
      errors.addAll(problems.errors());
      catalog.ifPresent(c -> compiled.add(new CatalogSetValidator.Compiled(path, c)));
    }
    if (sources.isEmpty()) {
      return CompileResult.success(List.of(), 0); // Nothing to compile, nothing written.
    }
    if (errors.isEmpty()) {
      errors.addAll(CatalogSetValidator.validate(compiled));
    }
    if (!errors.isEmpty()) {
      return CompileResult.failure(errors);
    }
    List<EventCatalog> catalogs = compiled.stream().map(CatalogSetValidator.Compiled::catalog).toList();
    List<String> ids = catalogs.stream().flatMap(c -> c.eventTypes().stream()).map(EventType::id).toList();
    List<String> unmatched = request.typedClasses().unmatched(ids);
    if (!unmatched.isEmpty()) {
      throw new IllegalArgumentException(
          "typedClasses " + unmatched + " match no event type; the event types are "
              + (ids.size() <= 10 ? ids : ids.subList(0, 10) + " and " + (ids.size() - 10) + " more"));
    }
    List<GeneratedFile> files = Generator.generate(catalogs, request.javaPackage(), request.typedClasses());
    int types = catalogs.stream().mapToInt(c -> c.eventTypes().size()).sum();
    return CompileResult.success(write(request, files), types);
  }

  /** Reads and validates one file; problems go to {@code problems}. */
  public static Optional<EventCatalog> check(Path path, Problems problems) {
    String text;
    try {
      text = StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(path)))
          .toString();
    } catch (CharacterCodingException e) {
      problems.add(dev.streamgen.compiler.config.Location.START, "file is not valid UTF-8");
      return Optional.empty();
    } catch (IOException e) {
      problems.add(dev.streamgen.compiler.config.Location.START, "cannot read file: " + e);
      return Optional.empty();
    }
    Node root = YamlReader.read(text, problems);
    if (root == null) {
      return Optional.empty();
    }
    return SpecValidator.validate(new SourceFile(path, text, root), problems);
  }

  /** Writes files whose content changed (so unchanged outputs keep their timestamps). */
  private static List<Path> write(CompileRequest request, List<GeneratedFile> files) {
    List<Path> written = new ArrayList<>();
    for (GeneratedFile file : files) {
      Path root =
          switch (file.root()) {
            case JAVA -> request.javaOutputDirectory();
            case RESOURCES -> request.resourceOutputDirectory();
            case SCHEMAS -> request.schemaOutputDirectory();
          };
      Path target = root.resolve(file.relativePath());
      try {
        if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), file.content())) {
          Files.createDirectories(target.getParent());
          Files.write(target, file.content());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
      written.add(target);
    }
    return written;
  }
}
