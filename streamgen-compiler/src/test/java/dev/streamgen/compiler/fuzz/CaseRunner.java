package dev.streamgen.compiler.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.compiler.CompileRequest;
import dev.streamgen.compiler.CompileResult;
import dev.streamgen.compiler.Compiler;
import dev.streamgen.compiler.ConfigError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Runs one {@link FuzzCase} through {@link Compiler#compile} on a worker thread with a time limit and
 * judges the result. The only acceptable outcomes: located config errors that point inside the file
 * and read like messages (not exception dumps), with nothing written; or output whose schemas parse.
 * Java sources of valid outputs are compiled in bulk afterwards ({@link GeneratedJava}).
 */
final class CaseRunner implements AutoCloseable {
  /**
   * Signs that an exception or a library's internals leaked into a message instead of being
   * explained: a qualified exception or library class name, a stack frame, a constraint's getter.
   * ("would shadow java.lang.String" is fine: it names the user's problem.)
   */
  private static final Pattern LEAK =
      Pattern.compile("\\b[a-z]+(\\.[a-z]+)+\\.[A-Z]\\w*(Exception|Error|Event)\\b|\\b(org\\.yaml|com\\.fasterxml|org\\.apache)\\."
          + "|\\tat |\\(\\)`|\\bStreamReadConstraints\\b|@[0-9a-f]{6,}\\b");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final long timeoutMillis;
  private ExecutorService worker = newWorker();

  CaseRunner(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-case");
      t.setDaemon(true); // a hung case must not keep the JVM alive
      return t;
    });
  }

  /** What a case ended in. Only VALID and ERRORS are acceptable. */
  enum Kind {
    VALID, ERRORS, CRASH, HANG, BAD_ERROR, HALF_WRITTEN, BAD_OUTPUT
  }

  record Outcome(Kind kind, String detail, long nanos, int errorCount, Path javaDir, String javaPackage) {
    boolean acceptable() {
      return kind == Kind.VALID || kind == Kind.ERRORS;
    }
  }

  /** Compiles {@code c} in {@code dir} (its own, empty) and judges it. */
  Outcome run(FuzzCase c, Path dir) {
    List<Path> inputs = new ArrayList<>();
    try {
      Files.createDirectories(dir.resolve("in"));
      for (FuzzCase.Source s : c.sources()) {
        Path p = dir.resolve("in").resolve(s.fileName());
        Files.write(p, s.content());
        inputs.add(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String javaPackage = "fuzz.c" + c.index();
    CompileRequest request =
        CompileRequest.builder()
            .sources(inputs)
            .javaPackage(javaPackage)
            .javaOutputDirectory(dir.resolve("out/java"))
            .resourceOutputDirectory(dir.resolve("out/resources"))
            .schemaOutputDirectory(dir.resolve("out/schemas"))
            .build();
    long start = System.nanoTime();
    Future<CompileResult> future = worker.submit(() -> Compiler.compile(request));
    CompileResult result;
    try {
      result = future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      worker.shutdownNow();
      worker = newWorker(); // the stuck thread is a daemon; later cases get a fresh one
      return new Outcome(Kind.HANG, "no result after " + timeoutMillis + " ms", System.nanoTime() - start, 0, null, null);
    } catch (ExecutionException e) {
      return new Outcome(Kind.CRASH, stackTrace(e.getCause()), System.nanoTime() - start, 0, null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    long nanos = System.nanoTime() - start;
    if (result.success()) {
      String bad = checkOutput(result.generatedFiles());
      return bad == null
          ? new Outcome(Kind.VALID, result.generatedFiles().size() + " files", nanos, 0, dir.resolve("out/java"), javaPackage)
          : new Outcome(Kind.BAD_OUTPUT, bad, nanos, 0, null, null);
    }
    String bad = checkErrors(c, inputs, result.errors());
    if (bad != null) {
      return new Outcome(Kind.BAD_ERROR, bad, nanos, result.errors().size(), null, null);
    }
    try (Stream<Path> written = Files.walk(dir.resolve("in").getParent())) {
      List<Path> out = written.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir.resolve("in"))).toList();
      if (!out.isEmpty()) {
        return new Outcome(Kind.HALF_WRITTEN, "errors, yet wrote " + out, nanos, result.errors().size(), null, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Outcome(Kind.ERRORS, result.errors().get(0).message(), nanos, result.errors().size(), null, null);
  }

  /** Null when every error is located inside its file and reads like a message; else what is wrong. */
  static String checkErrors(FuzzCase c, List<Path> inputs, List<ConfigError> errors) {
    Map<Path, int[]> shapes = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      shapes.put(inputs.get(i), shape(c.sources().get(i).content()));
    }
    for (ConfigError e : errors) {
      int[] size = shapes.get(e.file());
      if (size == null) {
        return "error names a file that was not compiled: " + e;
      }
      if (e.line() > size[0] + 1 || e.column() > size[1] + 2) {
        return "error located outside the file (" + size[0] + " lines, longest " + size[1] + " chars): " + truncate(e.toString());
      }
      if (e.message().isBlank()) {
        return "empty message at " + e.file() + ":" + e.line() + ":" + e.column();
      }
      Matcher leak = LEAK.matcher(e.message());
      if (leak.find()) {
        return "message shows an exception or library internals ('" + leak.group() + "'): " + truncate(e.toString());
      }
    }
    return null;
  }

  /** Lines (every YAML line break counted) and the longest line, in chars, of the decoded text. */
  private static int[] shape(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    int lines = 1;
    int longest = 0;
    int current = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\n' || ch == '\r' || ch == '\u0085' || ch == '\u2028' || ch == '\u2029') {
        lines++;
        current = 0;
      } else {
        longest = Math.max(longest, ++current);
      }
    }
    return new int[] {lines, longest};
  }

  /** Null when every schema and manifest parses with standard libraries. */
  private static String checkOutput(List<Path> files) {
    if (files.isEmpty()) {
      return "success without any output";
    }
    for (Path p : files) {
      String name = p.getFileName().toString();
      try {
        if (name.endsWith(".avsc")) {
          new Schema.Parser().parse(p.toFile());
        } else if (name.endsWith(".json")) {
          JSON.readTree(p.toFile());
        }
      } catch (IOException | RuntimeException e) {
        return p + " does not parse: " + e;
      }
    }
    return null;
  }

  static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String s = w.toString();
    // A StackOverflowError's trace is thousands of identical frames: keep the top.
    return s.length() > 4000 ? s.substring(0, 4000) + "\n\t..." : s;
  }

  static String truncate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "... (" + s.length() + " chars)" : s;
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }

  static String describe(byte[] content) {
    return content.length + " bytes" + (content.length > 0 ? ", starts " + Arrays.toString(Arrays.copyOf(content, Math.min(8, content.length))) : "");
  }
}
