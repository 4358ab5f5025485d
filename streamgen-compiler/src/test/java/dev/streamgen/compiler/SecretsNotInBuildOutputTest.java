package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets are resolved at run time only: a build run with the secret's value in the environment
 * ({@code STREAMGEN_SECRET_MY_SCOPE_AWS_KEY}) and in a secrets file ({@code STREAMGEN_SECRETS_FILE})
 * generates code, schemas, resources and a jar that hold the reference {@code {{secrets/...}}} and
 * never the value. The compiler runs as {@code CompilerMain} in a JVM of its own, so the environment
 * is real; the seed README's Quick Start (which references {@code {{secrets/my-scope/aws-key}}}) is
 * the input; javac compiles the output and the jar is built the way the plugin packs it.
 */
class SecretsNotInBuildOutputTest {
  private static final String SECRET = "Wp2k-0f8e3a91c4d7";

  @TempDir Path dir;

  @Test
  void generatedCodeSchemasResourcesAndJarHoldTheReferenceNeverTheValue() throws Exception {
    Path yaml = dir.resolve("events.yaml");
    Files.writeString(yaml, SeedReadmeExamplesTest.examples().get(0));
    assertThat(Files.readString(yaml)).contains("{{secrets/my-scope/aws-key}}");
    Path secretsFile = dir.resolve("secrets.properties");
    Files.writeString(secretsFile, "my-scope/aws-key=" + SECRET + "\nmy-scope/aws-secret=" + SECRET + "\n");
    Path out = dir.resolve("out");

    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", GeneratedSources.testClassPath(),
        CompilerMain.class.getName(),
        "--java-out", out.resolve("java").toString(),
        "--resources-out", out.resolve("resources").toString(),
        "--schemas-out", out.resolve("schemas").toString(),
        yaml.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("STREAMGEN_SECRET_MY_SCOPE_AWS_KEY", SECRET);
    pb.environment().put("STREAMGEN_SECRET_MY_SCOPE_AWS_SECRET", SECRET);
    pb.environment().put("STREAMGEN_SECRETS_FILE", secretsFile.toString());
    Process p = pb.start();
    String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(console).isZero();

    Path classes = out.resolve("classes");
    Files.createDirectories(classes);
    List<String> javac = new ArrayList<>(List.of("--release", "8", "-nowarn", "-classpath", GeneratedSources.testClassPath(), "-d", classes.toString()));
    files(out.resolve("java")).stream().filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler.run(null, null, null, javac.toArray(new String[0]))).as("javac").isZero();

    Path jar = dir.resolve("app.jar");
    try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
      add(j, classes);
      add(j, out.resolve("resources"));
    }

    List<Path> outputs = files(out);
    int scanned = 0;
    boolean referenceSeen = false;
    for (Path f : outputs) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      assertThat(text).as("secret in %s", f).doesNotContain(SECRET);
      referenceSeen |= text.contains("{{secrets/my-scope/aws-key}}");
      scanned++;
    }
    int entries = 0;
    try (JarFile j = new JarFile(jar.toFile())) {
      for (JarEntry e : java.util.Collections.list(j.entries())) {
        try (InputStream in = j.getInputStream(e)) {
          assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as("secret in jar entry %s", e.getName()).doesNotContain(SECRET);
        }
        entries++;
      }
    }
    System.out.printf("build with the secret in the environment and a secrets file: %d generated files and %d jar entries scanned,"
        + " secret found 0 times, reference kept: %s%n", scanned, entries, referenceSeen);
    assertThat(console).doesNotContain(SECRET);
    assertThat(referenceSeen).as("the reference is in the packed YAML (the scan sees resources)").isTrue();
    assertThat(entries).isGreaterThan(5);
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static void add(JarOutputStream jar, Path root) throws IOException {
    for (Path f : files(root)) {
      jar.putNextEntry(new JarEntry(root.relativize(f).toString().replace(File.separatorChar, '/')));
      Files.copy(f, jar);
      jar.closeEntry();
    }
  }
}
