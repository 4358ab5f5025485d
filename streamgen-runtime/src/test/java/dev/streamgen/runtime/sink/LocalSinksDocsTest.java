package dev.streamgen.runtime.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.streamgen.runtime.settings.ConfigKeys;
import dev.streamgen.runtime.settings.SettingKey;
import dev.streamgen.runtime.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The "Delta" and "Console, noop and files" sections of docs/sinks.md: every example passes the
 * checks a run makes before any data moves, the key tables match the registry, and the quoted
 * messages are the real ones.
 */
class LocalSinksDocsTest {
  private static String section(String title) throws IOException {
    String doc = new String(Files.readAllBytes(RepositoryFiles.docs("sinks.md")), StandardCharsets.UTF_8);
    int start = doc.indexOf("\n## " + title + "\n");
    assertThat(start).as("docs/sinks.md has a section '## " + title + "'").isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    return end < 0 ? doc.substring(start) : doc.substring(start, end);
  }

  private static List<String> yamlBlocks(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static SinkOptions sinkOptions(String yaml) throws IOException {
    Map<String, Object> sinkConfig =
        (Map<String, Object>) new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class).get("sink_config");
    Map<String, String> values = new HashMap<>();
    for (Map.Entry<String, Object> e : sinkConfig.entrySet()) {
      if (!e.getKey().equals("type")) {
        values.put(e.getKey(), String.valueOf(e.getValue()));
      }
    }
    return new SinkOptions(String.valueOf(sinkConfig.get("type")), values);
  }

  @Test
  void everyExamplePassesTheChecksOfARun() throws IOException {
    List<String> types = new ArrayList<>();
    for (String title : new String[] {"Delta", "Console, noop and files"}) {
      for (String yaml : yamlBlocks(section(title))) {
        SinkOptions options = sinkOptions(yaml);
        assertThat(Sinks.configure(options).type()).as(yaml).isEqualTo(options.type());
        types.add(options.type());
      }
    }
    assertThat(types).containsExactly("delta", "delta", "console", "noop", "files");
  }

  @Test
  void theConsoleNoopFilesTableListsExactlyTheRegistrysKeysAndDefaults() throws IOException {
    String section = section("Console, noop and files");
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^\\| `(console|noop|files)` \\| ([^|]*) \\|").matcher(section);
    while (m.find()) {
      documented.put(m.group(1), m.group(2).trim());
    }
    Map<String, String> registry = new LinkedHashMap<>();
    for (String type : new String[] {"console", "noop", "files"}) {
      List<String> keys = new ArrayList<>();
      for (SettingKey k : ConfigKeys.sinkKeys(type)) {
        String name = "`" + k.path().substring("sink_config.".length()) + "`";
        boolean required = ConfigKeys.sink(type).requiredGroups().stream().anyMatch(g -> g.contains(k));
        if (required) {
          keys.add(name + " (required)");
        } else if (!k.allowedValues().isEmpty()) {
          keys.add(name + " (" + backticked(k.allowedValues()) + "; default `" + k.defaultValue() + "`)");
        } else {
          keys.add(name + " (" + k.defaultValue() + ")");
        }
      }
      registry.put(type, keys.isEmpty() ? "—" : String.join(", ", keys));
    }
    assertThat(documented).isEqualTo(registry);
  }

  private static String backticked(List<String> values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : i == values.size() - 1 ? " or " : ", ").append('`').append(values.get(i)).append('`');
    }
    return sb.toString();
  }

  @Test
  void theQuotedMessagesAreTheRealOnes() throws IOException {
    // Prose wraps lines; the messages are one line each.
    String section = section("Delta").replace("\n", " ");
    Map<String, String> none = new HashMap<>();
    assertThatThrownBy(() -> Sinks.configure(new SinkOptions("delta", none)))
        .satisfies(e -> assertThat(section).contains("`" + e.getMessage() + "`"));

    Map<String, String> both = new HashMap<>();
    both.put("path", "/tmp/events");
    both.put("table_name", "main.synthetic.events");
    assertThatThrownBy(() -> Sinks.configure(new SinkOptions("delta", both)))
        .satisfies(e -> assertThat(section).contains("`" + e.getMessage() + "`"));

    Map<String, String> overwrite = new HashMap<>();
    overwrite.put("path", "/tmp/events");
    overwrite.put("mode", "overwrite");
    // The check comes before the stream is touched, so no Spark session is needed here.
    assertThatThrownBy(() -> new DeltaSink().startStream(null, new SinkOptions("delta", overwrite), "/tmp/checkpoint"))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(section).contains("`" + e.getMessage() + "`"));
  }
}
