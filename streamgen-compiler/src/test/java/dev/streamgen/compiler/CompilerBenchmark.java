package dev.streamgen.compiler;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Benchmark, not a test: generating and javac-compiling (--release 8) a config of N event types
 * against the baseline of the 3-type Quick Start config, in one JVM, printing the per-type cost ratio.
 *
 * <pre>./mvnw -B -o -q -pl streamgen-compiler -am test -DskipTests -Pcompiler-benchmark -Dbenchmark.types=10000</pre>
 */
public final class CompilerBenchmark {
  private CompilerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int types = Integer.getInteger("benchmark.types", 1000);
    Path work = Files.createTempDirectory("streamgen-compiler-benchmark");
    Path three = work.resolve("events.yaml");
    Files.copy(Path.of("src/test/resources/golden/events.yaml"), three);
    Path many = work.resolve("many.yaml");
    Files.writeString(many, ManyTypesTest.config(types));
    run("warm-up, 3 types", three, work.resolve("warmup"), 3);
    double[] small = run("3 types", three, work.resolve("small"), 3);
    double[] large = run(types + " types", many, work.resolve("large"), types);
    System.out.printf(
        "per type, %d types vs 3: generate %.2fx, javac %.2fx the 3-type cost per type%n",
        types, (large[0] / types) / (small[0] / 3), (large[1] / types) / (small[1] / 3));
  }

  /** Returns {generate seconds, javac seconds}. */
  private static double[] run(String label, Path yaml, Path out, int types) throws IOException {
    CompileRequest request = GeneratedSources.request(yaml, out);
    long t0 = System.nanoTime();
    CompileResult result = Compiler.compile(request);
    long t1 = System.nanoTime();
    if (!result.success()) {
      throw new IllegalStateException(result.errors().toString());
    }
    List<File> sources;
    try (Stream<Path> walk = Files.walk(request.javaOutputDirectory())) {
      sources = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
    }
    Path classes = Files.createDirectories(out.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    long bytes = 0;
    for (File f : sources) {
      bytes += f.length();
    }
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      boolean ok =
          javac
              .getTask(
                  diagnostics,
                  files,
                  null,
                  List.of("--release", "8", "-nowarn", "-Xlint:-options", "-classpath", GeneratedSources.testClassPath(), "-d", classes.toString()),
                  null,
                  files.getJavaFileObjectsFromFiles(sources))
              .call();
      if (!ok) {
        throw new IllegalStateException(diagnostics.toString());
      }
    }
    long t2 = System.nanoTime();
    double generate = (t1 - t0) / 1e9;
    double compile = (t2 - t1) / 1e9;
    System.out.printf(
        "%s: generate %.2f s (%d files, %.1f MB of Java), javac %.2f s%n",
        label, generate, result.generatedFiles().size(), bytes / 1e6, compile);
    return new double[] {generate, compile};
  }
}
