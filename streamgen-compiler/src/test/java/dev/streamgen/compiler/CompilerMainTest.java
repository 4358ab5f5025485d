package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerMainTest {
  @TempDir Path dir;

  @Test
  void exitStatusTellsSuccessConfigErrorsAndUsage() throws Exception {
    String[] out = {"--java-out", dir.resolve("j").toString(), "--resources-out", dir.resolve("r").toString(), "--schemas-out", dir.resolve("s").toString()};
    assertThat(CompilerMain.run(concat(out, "--package", "com.example", "src/test/resources/golden/events.yaml"))).isZero();
    assertThat(dir.resolve("j/com/example/EventsCatalog.java")).exists();
    assertThat(CompilerMain.run(concat(out, "src/test/resources/bad/empty_ranges.yaml"))).isEqualTo(1);
    assertThat(CompilerMain.run(concat(out))).isEqualTo(2);
    assertThat(CompilerMain.run(new String[] {"--bogus", "x.yaml"})).isEqualTo(2);
    assertThat(CompilerMain.run(new String[] {"x.yaml", "--java-out"})).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("j/streamgen"))).as("nothing from the failing run").isFalse();
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
