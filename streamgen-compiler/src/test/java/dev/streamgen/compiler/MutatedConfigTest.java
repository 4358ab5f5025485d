package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of mutants of the valid configs (lines dropped, duplicated or swapped, characters
 * inserted, replaced or deleted, values swapped for hostile ones) each end in located errors or in
 * generated output, never in an exception. Seeded, so a failure reproduces.
 */
class MutatedConfigTest {
  private static final String[] HOSTILE = {
    "-1", "0", "1e309", ".nan", "-.inf", "99999999999999999999", "[]", "{}", "[1, 2, 3]", "~", "\"\"",
    "\"{{secrets/a}}\"", "\"\\u2028\"", "*x", "&x 1", "!!binary AA==", "'", "\"", "[", "{", ": :", "@", "`",
    "\"int\"", "\"string\"", "[10, 1]", "[-2147483649, 0]", "\"class\"", "\"Kernel\""
  };

  @TempDir Path dir;

  @Test
  void everyMutantEndsInLocatedErrorsOrOutput() throws Exception {
    List<String> seeds = List.of(
        Files.readString(Path.of("src/test/resources/golden/events.yaml")),
        Files.readString(GeneratedCodeTest.CONFIG));
    Random random = new Random(20261125);
    int failures = 0;
    int successes = 0;
    for (int i = 0; i < 1_000; i++) {
      String mutant = mutate(seeds.get(i % seeds.size()), random);
      Path yaml = dir.resolve("m" + i + ".yaml");
      Files.writeString(yaml, mutant);
      CompileRequest request = GeneratedSources.request(yaml, dir.resolve("out" + (i % 4)));
      CompileResult result;
      try {
        result = Compiler.compile(request);
      } catch (RuntimeException e) {
        throw new AssertionError("mutant " + i + " threw:\n" + mutant, e);
      }
      if (result.success()) {
        successes++;
        assertThat(result.generatedFiles()).isNotEmpty();
      } else {
        failures++;
        for (ConfigError e : result.errors()) {
          assertThat(e.line()).as("mutant %s: %s", i, e).isBetween(1, mutant.split("\n", -1).length + 1);
          assertThat(e.message()).isNotBlank();
        }
      }
    }
    assertThat(failures).as("mutants rejected").isGreaterThan(200);
    assertThat(successes).as("mutants still valid").isGreaterThan(20);
  }

  private static String mutate(String text, Random random) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(lines.size());
      String line = lines.get(at);
      switch (random.nextInt(7)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, line);
        case 2 -> {
          int other = random.nextInt(lines.size());
          lines.set(at, lines.get(other));
          lines.set(other, line);
        }
        case 3 -> {
          int colon = line.indexOf(": ");
          if (colon > 0) {
            lines.set(at, line.substring(0, colon + 2) + HOSTILE[random.nextInt(HOSTILE.length)]);
          }
        }
        case 4 -> {
          if (!line.isEmpty()) {
            int p = random.nextInt(line.length());
            lines.set(at, line.substring(0, p) + line.substring(p + 1));
          }
        }
        case 5 -> {
          int p = line.isEmpty() ? 0 : random.nextInt(line.length());
          String chars = " -:[]{}\"'#&*!|>%@`,.\t0aZ";
          char c = chars.charAt(random.nextInt(chars.length()));
          lines.set(at, line.substring(0, p) + c + line.substring(p));
        }
        default -> {
          int colon = line.indexOf(':');
          if (colon > 0) {
            lines.set(at, line.substring(0, colon) + "x" + line.substring(colon));
          }
        }
      }
      if (lines.isEmpty()) {
        lines.add("");
      }
    }
    return String.join("\n", lines);
  }
}
