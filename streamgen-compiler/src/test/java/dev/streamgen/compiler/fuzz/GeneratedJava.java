package dev.streamgen.compiler.fuzz;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the Java sources of many valid fuzz outputs in one javac run ({@code --release 8}, against
 * the runtime and Spark, as a user's build would), each case in its own package, and says which cases
 * failed and why. One run for many cases because javac's start-up dominates small compilations.
 */
final class GeneratedJava {
  private GeneratedJava() {}

  /** A case's generated Java directory, copied aside before its work directory is deleted. */
  record Sample(String caseName, Path javaDir) {}

  /** Case name → first error lines, for the cases that do not compile; empty when all do. */
  static Map<String, String> compile(List<Sample> samples, Path classesDir) {
    Map<String, String> failures = new LinkedHashMap<>();
    List<File> sources = new ArrayList<>();
    Map<Path, String> caseByDir = new LinkedHashMap<>();
    for (Sample s : samples) {
      caseByDir.put(s.javaDir().toAbsolutePath(), s.caseName());
      try (Stream<Path> walk = Files.walk(s.javaDir())) {
        walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> sources.add(p.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (sources.isEmpty()) {
      return failures;
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(classesDir);
      List<String> options =
          List.of("--release", "8", "-encoding", "UTF-8", "-nowarn", "-proc:none", "-classpath", classPath(), "-d", classesDir.toString());
      javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources)).call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String owner = "(no source)";
      if (d.getSource() != null) {
        Path file = Path.of(d.getSource().toUri()).toAbsolutePath();
        for (Map.Entry<Path, String> e : caseByDir.entrySet()) {
          if (file.startsWith(e.getKey())) {
            owner = e.getValue();
          }
        }
      }
      String line = (d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ")
          + d.getMessage(Locale.ROOT);
      failures.merge(owner, line, (a, b) -> a.split("\n").length >= 5 ? a : a + "\n" + b);
    }
    return failures;
  }

  /** The test class path: the runtime, Spark and everything the generated code may use. */
  static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isEmpty() ? cp : System.getProperty("java.class.path");
  }

  /** Copies {@code from} (a generated Java tree) to {@code to}. */
  static void copyTree(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
