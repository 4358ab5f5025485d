package dev.streamgen.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/databricks.md, "Secrets from a secret scope": the secret the page puts into its scope is what
 * the page's setting resolves to, read through a stand-in shaped like {@code dbutils.secrets}.
 */
class DatabricksSecretsDocTest {
  private static final Pattern PUT_SECRET =
      Pattern.compile("databricks secrets put-secret (\\S+) (\\S+) --string-value '([^']*)'");

  @AfterEach
  void clear() {
    FakeDatabricksHolder.SECRETS.clear();
  }

  @Test
  void theScopeThePageCreatesResolvesThePagesSetting() throws Exception {
    String doc = new String(Files.readAllBytes(Paths.get("..", "docs", "databricks.md")), StandardCharsets.UTF_8);
    Matcher put = PUT_SECRET.matcher(doc);
    assertThat(put.find()).as("a put-secret command").isTrue();
    FakeDatabricksHolder.SECRETS.put(put.group(1) + "/" + put.group(2), put.group(3));

    Matcher yaml = Pattern.compile("```yaml databricks-secrets\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(yaml.find()).as("the settings block").isTrue();
    RunSettings settings =
        RunSettings.of(Collections.singletonList(SettingSource.yaml("databricks.md", yaml.group(1))));
    Map<String, String> sinkConfig = new LinkedHashMap<>();
    settings.sinkConfig().forEach((k, v) -> sinkConfig.put("sink_config." + k, v));

    SecretResolver resolver =
        SecretResolver.create(Collections.emptyMap(), null, FakeDatabricksHolder.class.getName());
    Map<String, String> resolved = resolver.resolveAll(sinkConfig);

    assertThat(sinkConfig.get("sink_config.kafka.sasl.jaas.config")).isEqualTo("{{secrets/streamgen/kafka-jaas}}");
    assertThat(resolved.get("sink_config.kafka.sasl.jaas.config")).isEqualTo(put.group(3));
  }
}
