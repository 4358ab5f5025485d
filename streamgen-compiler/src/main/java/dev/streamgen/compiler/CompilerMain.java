package dev.streamgen.compiler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line for benchmarks and builds without Maven:
 *
 * <pre>
 * java -cp streamgen-compiler.jar:... dev.streamgen.compiler.CompilerMain \
 *     --java-out DIR --resources-out DIR --schemas-out DIR [--package NAME] [--typed-classes all|none|ID,...] FILE.yaml...
 * </pre>
 *
 * Exit status 0 on success, 1 on configuration errors (printed one per line as file:line:col: message),
 * 2 on wrong usage.
 */
public final class CompilerMain {
  private static final String USAGE =
      "usage: CompilerMain --java-out DIR --resources-out DIR --schemas-out DIR [--package NAME] [--typed-classes all|none|ID,...] FILE.yaml...";

  private CompilerMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  private static String value(String[] args, int option) {
    if (option + 1 >= args.length) {
      throw new IllegalArgumentException(args[option] + " needs a value");
    }
    return args[option + 1];
  }

  static int run(String[] args) {
    CompileRequest.Builder request = CompileRequest.builder();
    List<Path> sources = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--java-out" -> request.javaOutputDirectory(Path.of(value(args, i++)));
          case "--resources-out" -> request.resourceOutputDirectory(Path.of(value(args, i++)));
          case "--schemas-out" -> request.schemaOutputDirectory(Path.of(value(args, i++)));
          case "--package" -> request.javaPackage(value(args, i++));
          case "--typed-classes" -> request.typedClasses(TypedClasses.parse(value(args, i++)));
          default -> {
            if (args[i].startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + args[i]);
            }
            sources.add(Path.of(args[i]));
          }
        }
      }
      if (sources.isEmpty()) {
        throw new IllegalArgumentException("no YAML files given");
      }
      CompileRequest built;
      try {
        built = request.sources(sources).build();
      } catch (NullPointerException e) {
        throw new IllegalArgumentException("missing an output directory (" + e.getMessage() + ")");
      }
      long start = System.nanoTime();
      CompileResult result = Compiler.compile(built);
      if (!result.success()) {
        result.errors().forEach(System.err::println);
        System.err.println(result.errors().size() + (result.errors().size() == 1 ? " error" : " errors"));
        return 1;
      }
      System.out.printf(
          "streamgen: %d files generated from %d sources in %d ms%n",
          result.generatedFiles().size(), sources.size(), (System.nanoTime() - start) / 1_000_000);
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("streamgen: " + e.getMessage());
      System.err.println(USAGE);
      return 2;
    }
  }
}
