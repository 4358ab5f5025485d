package dev.streamgen.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.streamgen.runtime.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/databricks.md's JAR task, as Jobs API JSON and as an Asset Bundle: both parse, name this
 * runtime's main class and a jar, describe the same task, and their parameters pass Main's checks
 * (run here with --dry-run over the Quick Start catalog compiled in this module).
 */
class DatabricksDocsTest {
  private static String block(String info) throws IOException {
    String doc = new String(Files.readAllBytes(Paths.get("..", "docs", "databricks.md")), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("```" + info + "\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).as("block " + info).isTrue();
    return m.group(1);
  }

  private static JsonNode jarTask(JsonNode task) {
    assertThat(task.path("libraries").path(0).path("jar").asText()).startsWith("/Volumes/").endsWith(".jar");
    JsonNode jarTask = task.path("spark_jar_task");
    assertThat(jarTask.path("main_class_name").asText()).isEqualTo(Main.class.getName());
    return jarTask;
  }

  private static List<String> parameters(JsonNode jarTask) {
    List<String> out = new ArrayList<>();
    jarTask.path("parameters").forEach(p -> out.add(p.asText()));
    return out;
  }

  @Test
  void jobJsonAndBundleDescribeOneTaskWhoseParametersMainAccepts() throws IOException {
    JsonNode job = new ObjectMapper().readTree(block("json databricks-job"));
    List<String> fromJson = parameters(jarTask(job.path("tasks").path(0)));

    JsonNode bundle = new ObjectMapper(new YAMLFactory()).readTree(block("yaml databricks-bundle"));
    JsonNode bundleJob = bundle.path("resources").path("jobs").elements().next();
    List<String> fromBundle = parameters(jarTask(bundleJob.path("tasks").path(0)));

    assertThat(fromBundle).isEqualTo(fromJson);
    assertThat(bundleJob.path("tasks").path(0).path("new_cluster"))
        .isEqualTo(job.path("tasks").path(0).path("new_cluster"));

    List<String> args = new ArrayList<>(fromJson);
    args.add("--dry-run");
    ItJob run = ItJob.run(args.toArray(new String[0]));
    assertThat(run.status).as(run.err).isZero();
    assertThat(run.out).contains("nothing was run").contains("stream at 20,000 rows/s for 0:10:00").contains("seed 7");
  }
}
