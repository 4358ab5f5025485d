package dev.streamgen.runtime.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.settings.ConfigKeys;
import dev.streamgen.runtime.settings.SettingKey;
import dev.streamgen.runtime.settings.SinkSpec;
import dev.streamgen.runtime.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/sinks.md lists, for each sink with a key table, exactly the keys of the settings table
 * ({@link ConfigKeys}), and every documented default is the table's.
 */
class SinkKeyTablesDocTest {
  private static final Pattern ROW = Pattern.compile("(?m)^\\| (`[^|]+`) \\| ([^|]*) \\|");
  private static final Pattern NAME = Pattern.compile("`([a-z_.<>]+)`");

  @ParameterizedTest(name = "{0}")
  @CsvSource({"kafka,Kafka", "eventhubs,Event Hubs", "kinesis,Kinesis", "delta,Delta"})
  void theKeyTableIsTheSettingsTable(String type, String title) throws IOException {
    String section = section(title);
    int header = section.indexOf("| key |");
    assertThat(header).as("a key table in section " + title).isNotNegative();
    String headerLine = section.substring(header, section.indexOf('\n', header));
    boolean hasDefaults = headerLine.startsWith("| key | default |");
    String table = section.substring(header, section.indexOf("\n\n", header));

    Map<String, String> documented = new LinkedHashMap<>();
    Matcher row = ROW.matcher(table);
    while (row.find()) {
      Matcher name = NAME.matcher(row.group(1));
      while (name.find()) {
        documented.put(name.group(1), row.group(2).trim());
      }
    }
    SinkSpec spec = ConfigKeys.sink(type);
    Set<String> expected = new LinkedHashSet<>();
    for (SettingKey k : spec.keys()) {
      expected.add(k.name());
      if (hasDefaults && k.defaultValue() != null) {
        assertThat(documented.get(k.name())).as(k.path() + " default").startsWith("`" + k.defaultValue() + "`");
      }
    }
    if (spec.passthroughPrefix() != null) {
      expected.add(spec.passthroughPrefix() + "<setting>");
    }
    assertThat(documented.keySet()).isEqualTo(expected);
  }

  private static String section(String title) throws IOException {
    String doc = new String(Files.readAllBytes(RepositoryFiles.docs("sinks.md")), StandardCharsets.UTF_8);
    int start = doc.indexOf("\n## " + title + "\n");
    assertThat(start).as(title).isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    return end < 0 ? doc.substring(start) : doc.substring(start, end);
  }
}
