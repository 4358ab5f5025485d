package dev.streamgen.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RunCommandTest {
  @Test
  void setFlagsBecomeMainArgumentsInOrderAndUnsetOnesAreLeftToMain() {
    RunCommand c =
        RunCommand.builder()
            .java("/jdk/bin/java")
            .jvmOptions("  -Xmx2g   -Dspark.master=local[2] ")
            .classpath(Arrays.asList("/p/target/classes", "/m2/spark-sql.jar"))
            .rows(1000L)
            .duration(null)
            .seed(7L)
            .sets(Arrays.asList("sink_config.type=delta", " ", "sink_config.path=/tmp/e"))
            .catalog("")
            .verbose(true)
            .dryRun(false)
            .build();

    assertThat(c.mainArguments())
        .containsExactly(
            "--rows", "1000", "--seed", "7", "--set", "sink_config.type=delta", "--set", "sink_config.path=/tmp/e", "--verbose");
    List<String> expected = new ArrayList<>();
    expected.add("/jdk/bin/java");
    expected.addAll(RunCommand.ADD_OPENS);
    expected.addAll(Arrays.asList("-Xmx2g", "-Dspark.master=local[2]", "-cp",
        "/p/target/classes" + File.pathSeparator + "/m2/spark-sql.jar", RunCommand.MAIN));
    expected.addAll(c.mainArguments());
    assertThat(c.command()).isEqualTo(expected);
  }

  @Test
  void anEmptyClasspathIsRefused() {
    assertThatThrownBy(() -> RunCommand.builder().java("java").classpath(new ArrayList<>()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("classpath is empty");
  }

  @Test
  void addOpensAreTheFlagsThisBuildGivesSpark() throws Exception {
    String pom = Files.readString(Path.of("..", "pom.xml"));
    Matcher property = Pattern.compile("<spark\\.add\\.opens>(.*?)</spark\\.add\\.opens>").matcher(pom);
    assertThat(property.find()).isTrue();
    assertThat(RunCommand.ADD_OPENS).containsExactly(property.group(1).trim().split("\\s+"));
  }
}
