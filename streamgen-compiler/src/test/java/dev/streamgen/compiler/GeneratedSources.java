package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles and loads what the compiler generated, as a user's build would: javac {@code --release 8}
 * against the runtime and Spark, then a class loader over the classes and generated resources.
 */
final class GeneratedSources {
  private GeneratedSources() {}

  /** Compiles every file of the request's Java output and returns a loader over classes + resources. */
  static URLClassLoader compileAndLoad(CompileRequest request, Path classes) {
    List<File> sources;
    try (Stream<Path> walk = Files.walk(request.javaOutputDirectory())) {
      sources = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).sorted().toList();
      Files.createDirectories(classes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromFiles(sources);
      List<String> options =
          List.of(
              "--release", "8",
              "-Xlint:all,-options,-processing",
              "-Werror",
              "-classpath", testClassPath(),
              "-d", classes.toString());
      boolean ok = javac.getTask(diagnostics, files, null, options, null, units).call();
      assertThat(ok).as("generated code compiles with --release 8:%n%s", diagnostics).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return new URLClassLoader(
          new URL[] {classes.toUri().toURL(), request.resourceOutputDirectory().toUri().toURL()},
          GeneratedSources.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test class path (surefire keeps the real one here when it launches through a manifest jar). */
  /** Runs {@code r} with {@code loader} as context class loader: how the driver finds a generated catalog. */
  static void withContextLoader(ClassLoader loader, Runnable r) {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      r.run();
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isEmpty() ? cp : System.getProperty("java.class.path");
  }

  static CompileRequest request(Path yaml, Path out) {
    return CompileRequest.builder()
        .sources(List.of(yaml))
        .javaOutputDirectory(out.resolve("java"))
        .resourceOutputDirectory(out.resolve("resources"))
        .schemaOutputDirectory(out.resolve("schemas"))
        .build();
  }

  static List<Path> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
