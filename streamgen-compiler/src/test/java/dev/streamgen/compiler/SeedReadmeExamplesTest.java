package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.streamgen.compiler.config.Problems;
import dev.streamgen.compiler.model.EventCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every YAML example of the seed README (the Python library whose format we accept verbatim) is
 * valid. Fragments are completed minimally, and only where they lack something a whole file needs:
 * an event type when there is none, a filler type when the listed weights are an excerpt, the field
 * a partition key names.
 */
class SeedReadmeExamplesTest {
  private static final Path README = Path.of("src/test/resources/seed/dblstreamgen-README.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;

  static List<String> examples() throws IOException {
    Matcher m = YAML_BLOCK.matcher(Files.readString(README));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void readmeHasTheExamplesWeExpect() throws IOException {
    assertThat(examples()).hasSize(13);
  }

  @Test
  void quickStartConfigCompilesVerbatim() throws IOException {
    String quickStart = examples().get(0);
    assertThat(quickStart).contains("user.session.start");
    EventCatalog catalog = valid("config.yaml", quickStart);
    assertThat(catalog.eventTypes()).extracting(t -> t.id()).containsExactly("user.session.start", "user.purchase", "user.session.end");
    assertThat(catalog.eventTypes().get(0).fields()).extracting(f -> f.name()).containsExactly("user_id", "session_id", "device_type");
    assertThat(catalog.partitionKeyField()).contains("user_id");
    assertThat(catalog.settings().get("sink_config.aws_access_key_id").orElseThrow().value())
        .as("secret references are kept, never resolved")
        .isEqualTo("{{secrets/my-scope/aws-key}}");
  }

  @Test
  void iotExampleCompilesVerbatim() throws IOException {
    valid("iot.yaml", examples().get(2));
  }

  @Test
  void everyExampleIsValidOnceCompletedMinimally() throws IOException {
    List<String> examples = examples();
    for (int i = 0; i < examples.size(); i++) {
      String completed = complete(examples.get(i));
      EventCatalog catalog = valid("example" + i + ".yaml", completed);
      assertThat(catalog.eventTypes()).isNotEmpty();
    }
  }

  @Test
  void ecommerceExcerptIsRejectedOnlyForItsWeights() throws IOException {
    // Example 1 lists two types with weights 0.40 and 0.10: an excerpt of a larger file.
    String ecommerce = examples().get(1);
    Path file = dir.resolve("ecommerce.yaml");
    Files.writeString(file, ecommerce);
    Problems problems = new Problems(file);
    assertThat(Compiler.check(file, problems)).isEmpty();
    assertThat(problems.errors())
        .extracting(ConfigError::message)
        .containsExactly("event_types: event type weights sum to 0.5, not 1 (tolerance 1e-6): 0.40 + 0.10");
  }

  private EventCatalog valid(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    Problems problems = new Problems(file);
    Optional<EventCatalog> catalog = Compiler.check(file, problems);
    assertThat(problems.errors()).as("%s:%n%s", name, yaml).isEmpty();
    return catalog.orElseThrow();
  }

  /** The minimal completion of a fragment; a complete example comes back unchanged in meaning. */
  @SuppressWarnings("unchecked")
  static String complete(String fragment) throws IOException {
    Map<String, Object> root = YAML.readValue(fragment, LinkedHashMap.class);
    List<Map<String, Object>> types = (List<Map<String, Object>>) root.get("event_types");
    if (types == null) {
      types = new ArrayList<>();
      root.put("event_types", types);
    }
    double sum = 0;
    for (Map<String, Object> t : types) {
      sum += ((Number) t.get("weight")).doubleValue();
    }
    if (Math.abs(sum - 1) > 1e-9) {
      types.add(new LinkedHashMap<>(Map.of("event_type_id", "filler", "weight", 1 - sum)));
    }
    Map<String, Object> sink = (Map<String, Object>) root.get("sink_config");
    if (sink != null && sink.get("partition_key_field") != null) {
      Map<String, Object> common = (Map<String, Object>) root.computeIfAbsent("common_fields", k -> new LinkedHashMap<>());
      common.putIfAbsent((String) sink.get("partition_key_field"), Map.of("type", "int", "range", List.of(1, 10)));
    }
    return YAML.writeValueAsString(root);
  }
}
