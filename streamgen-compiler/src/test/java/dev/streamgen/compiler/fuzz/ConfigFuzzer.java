package dev.streamgen.compiler.fuzz;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fuzz run: cases {@code 0..n-1} of one seed through the compiler ({@link CaseRunner}), then javac
 * over a sample of the valid outputs and protoc over their {@code .proto} files. Failing inputs are
 * saved under {@code failuresDir} with a note saying how to replay them.
 */
final class ConfigFuzzer {
  /** What to run; see {@link ConfigFuzzTest} for the system properties that set it. */
  record Settings(long seed, int cases, int only, long timeoutMillis, int javacSamples, Path workDir, Path failuresDir) {}

  private final Settings settings;

  ConfigFuzzer(Settings settings) {
    this.settings = settings;
  }

  /** Everything a run saw, ready to print. */
  static final class Report {
    final Map<String, Map<CaseRunner.Kind, Integer>> byFamily = new TreeMap<>();
    final List<String> failures = new ArrayList<>();
    final List<String> slowest = new ArrayList<>();
    int cases;
    int javaCompiled;
    int javaFiles;
    int protoChecked;
    long millis;

    int count(CaseRunner.Kind kind) {
      return byFamily.values().stream().mapToInt(m -> m.getOrDefault(kind, 0)).sum();
    }

    String summary(Settings s) {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "config fuzz: seed %d, %d cases in %.1f s: %d valid, %d rejected with located errors, %d failures%n",
          s.seed(), cases, millis / 1000.0, count(CaseRunner.Kind.VALID), count(CaseRunner.Kind.ERRORS), failures.size()));
      b.append(String.format(Locale.ROOT, "  javac --release 8: %d valid outputs (%d .java files) compiled; protoc: %d outputs checked%n",
          javaCompiled, javaFiles, protoChecked));
      byFamily.forEach((family, kinds) -> b.append("  ").append(family).append(": ").append(kinds).append('\n'));
      b.append("  slowest: ").append(String.join(", ", slowest)).append('\n');
      failures.forEach(f -> b.append("FAILURE ").append(f).append('\n'));
      return b.toString();
    }
  }

  Report run() {
    Report report = new Report();
    long start = System.nanoTime();
    List<GeneratedJava.Sample> samples = new ArrayList<>();
    List<long[]> times = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Path samplesDir = settings.workDir().resolve("javac-samples");
    CaseRunner.deleteTree(settings.workDir());
    try (CaseRunner runner = new CaseRunner(settings.timeoutMillis())) {
      int from = settings.only() >= 0 ? settings.only() : 0;
      int to = settings.only() >= 0 ? settings.only() + 1 : settings.cases();
      for (int i = from; i < to; i++) {
        FuzzCase c = FuzzCase.generate(settings.seed(), i);
        Path dir = settings.workDir().resolve("case");
        CaseRunner.deleteTree(dir);
        CaseRunner.Outcome o = runner.run(c, dir);
        report.cases++;
        report.byFamily.computeIfAbsent(c.family(), k -> new TreeMap<>()).merge(o.kind(), 1, Integer::sum);
        times.add(new long[] {o.nanos(), i});
        names.add(c.strategy());
        if (!o.acceptable()) {
          report.failures.add(c + ": " + o.kind() + ": " + o.detail());
          save(c, o.kind() + "\n" + o.detail());
        } else if (o.kind() == CaseRunner.Kind.VALID && samples.size() < settings.javacSamples()
            && javaFileCount(o.javaDir()) > 0 && javaFileCount(o.javaDir()) <= 40) {
          Path copy = samplesDir.resolve("c" + i);
          GeneratedJava.copyTree(o.javaDir(), copy.resolve("java"));
          Path schemas = dir.resolve("out/schemas/proto");
          if (Files.isDirectory(schemas)) {
            GeneratedJava.copyTree(schemas, copy.resolve("proto"));
          }
          samples.add(new GeneratedJava.Sample(c.toString(), copy.resolve("java")));
        }
        CaseRunner.deleteTree(dir);
      }
    }
    times.sort(Comparator.comparingLong((long[] t) -> t[0]).reversed());
    for (int k = 0; k < Math.min(5, times.size()); k++) {
      int idx = (int) times.get(k)[1] - (settings.only() >= 0 ? settings.only() : 0);
      report.slowest.add(String.format(Locale.ROOT, "#%d %s %d ms", times.get(k)[1], names.get(idx), times.get(k)[0] / 1_000_000));
    }
    checkSamples(samples, samplesDir, report);
    report.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return report;
  }

  private void checkSamples(List<GeneratedJava.Sample> samples, Path samplesDir, Report report) {
    Map<String, String> javac = GeneratedJava.compile(samples, samplesDir.resolve("classes"));
    report.javaCompiled = samples.size();
    for (GeneratedJava.Sample s : samples) {
      report.javaFiles += javaFileCount(s.javaDir());
    }
    javac.forEach((name, why) -> report.failures.add(name + ": generated Java does not compile with --release 8:\n" + why));
    File protoc = new File(System.getProperty("streamgen.protoc", "target/protoc/protoc.exe"));
    if (!protoc.isFile()) {
      return;
    }
    protoc.setExecutable(true);
    for (GeneratedJava.Sample s : samples) {
      Path protoDir = s.javaDir().getParent().resolve("proto");
      if (!Files.isDirectory(protoDir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(protoDir)) {
        for (Path proto : files.filter(p -> p.toString().endsWith(".proto")).toList()) {
          // Absolute paths: a file named "-.proto" would otherwise read as a flag.
          Process p = new ProcessBuilder(
                  protoc.getAbsolutePath(), "--descriptor_set_out=" + protoDir.resolve("out.pb").toAbsolutePath(),
                  "-I", protoDir.toAbsolutePath().toString(), proto.toAbsolutePath().toString())
              .redirectErrorStream(true)
              .start();
          String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          if (p.waitFor() != 0) {
            report.failures.add(s.caseName() + ": protoc rejects the generated " + proto.getFileName() + ": " + out.trim());
          }
        }
        report.protoChecked++;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static int javaFileCount(Path javaDir) {
    if (javaDir == null || !Files.isDirectory(javaDir)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(javaDir)) {
      return (int) walk.filter(p -> p.toString().endsWith(".java")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The failing input, with a README saying what happened and how to replay it. */
  private void save(FuzzCase c, String what) {
    Path dir = settings.failuresDir().resolve("seed" + c.seed() + "-case" + c.index());
    try {
      Files.createDirectories(dir);
      for (FuzzCase.Source s : c.sources()) {
        Files.write(dir.resolve(s.fileName().isEmpty() ? "unnamed" : s.fileName()), s.content());
      }
      Files.writeString(
          dir.resolve("README.txt"),
          c + "\n" + what + "\n\nreplay: ./mvnw -B -o -pl streamgen-compiler -am test -Dtest=ConfigFuzzTest"
              + " -Dsurefire.failIfNoSpecifiedTests=false -Dstreamgen.fuzz.seed=" + c.seed() + " -Dstreamgen.fuzz.only=" + c.index() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
