package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.sink.SinkOptions;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The "Event Hubs" section of docs/sinks.md: its examples parse, its key table is complete. */
class EventHubsDocsTest {
  /** Stands in for the {{secrets/...}} references (resolved at run time in a real job). */
  private static final String SECRET =
      "Endpoint=sb://mynamespace.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=x;"
          + "EntityPath=game-events";

  private static String section() throws IOException {
    String doc = new String(Files.readAllBytes(RepositoryFiles.docs("sinks.md")), StandardCharsets.UTF_8);
    int start = doc.indexOf("\n## Event Hubs\n");
    assertThat(start).as("docs/sinks.md has a section '## Event Hubs'").isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    return end < 0 ? doc.substring(start) : doc.substring(start, end);
  }

  private static List<String> blocks(String text, String language) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyYamlExampleIsAValidConfiguration() throws IOException {
    List<String> yamls = blocks(section(), "yaml");
    assertThat(yamls).hasSize(4);
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<EventHubsOptions> parsed = new ArrayList<>();
    for (String y : yamls) {
      Map<String, Object> sinkConfig = (Map<String, Object>) yaml.readValue(y, Map.class).get("sink_config");
      assertThat(sinkConfig.get("type")).isEqualTo("eventhubs");
      Map<String, String> options = new HashMap<>();
      for (Map.Entry<String, Object> e : sinkConfig.entrySet()) {
        String v = String.valueOf(e.getValue());
        options.put(e.getKey(), v.startsWith("{{secrets/") ? SECRET : v);
      }
      parsed.add(EventHubsOptions.from(new SinkOptions("eventhubs", options)));
    }
    assertThat(parsed.get(0).eventHubName()).isEqualTo("game-events");
    assertThat(parsed.get(1).maxRetries()).isEqualTo(5);
    assertThat(parsed.get(2).usesConnectionString()).isFalse();
    assertThat(parsed.get(3).protocol()).isEqualTo(EventHubsOptions.Protocol.KAFKA);
    assertThat(parsed.get(3).kafkaOverrides()).containsEntry("kafka.linger.ms", "20");
  }

  @Test
  void theQuotedErrorMessageIsTheRealOne() throws IOException {
    String quoted = "'-1' is not valid for sink_config.max_retries: expected a whole number from 0 to 100";
    assertThat(section()).contains("`" + quoted + "`");
    Map<String, String> options = new HashMap<>();
    options.put("connection_string", SECRET);
    options.put("max_retries", "-1");
    assertThatThrownBy(() -> new SinkOptions("eventhubs", options)).hasMessage(quoted);
  }
}
