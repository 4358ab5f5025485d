package dev.streamgen.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {
  private static final String NO_DATABRICKS = "com.databricks.dbutils_v1.DBUtilsHolder";
  private static final String FAKE_DATABRICKS = FakeDatabricksHolder.class.getName();

  @TempDir Path dir;

  @AfterEach
  void clear() {
    FakeDatabricksHolder.SECRETS.clear();
  }

  private static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private Path secretsFile(String content) throws IOException {
    Path f = dir.resolve("secrets.properties");
    Files.write(f, content.getBytes(StandardCharsets.UTF_8));
    return f;
  }

  @Test
  void environmentVariableNameIsDerivedFromScopeAndKey() {
    assertThat(new SecretReference("my-scope", "aws-key").environmentVariable())
        .isEqualTo("STREAMGEN_SECRET_MY_SCOPE_AWS_KEY");
    assertThat(new SecretReference("prod.kafka", "sasl_password").environmentVariable())
        .isEqualTo("STREAMGEN_SECRET_PROD_KAFKA_SASL_PASSWORD");
  }

  @Test
  void resolvesFromTheEnvironment() {
    SecretResolver r =
        SecretResolver.create(env("STREAMGEN_SECRET_MY_SCOPE_AWS_KEY", "AKIA-from-env"), null, NO_DATABRICKS);
    assertThat(r.resolve("sink_config.aws_access_key_id", "{{secrets/my-scope/aws-key}}")).isEqualTo("AKIA-from-env");
    assertThat(r.resolve("sink_config.x", "user={{ secrets/my-scope/aws-key }};")).isEqualTo("user=AKIA-from-env;");
    assertThat(r.resolvedValues()).containsExactly("AKIA-from-env");
    assertThat(r.resolve("sink_config.region", "us-east-1")).isEqualTo("us-east-1");
  }

  @Test
  void resolvesFromASecretsFileGivenByFlagOrEnvironment() throws IOException {
    Path f = secretsFile("my-scope/aws-secret=from-file\n");
    assertThat(SecretResolver.create(env(), f.toString(), NO_DATABRICKS).resolve("k", "{{secrets/my-scope/aws-secret}}"))
        .isEqualTo("from-file");
    assertThat(
            SecretResolver.create(env("STREAMGEN_SECRETS_FILE", f.toString()), null, NO_DATABRICKS)
                .resolve("k", "{{secrets/my-scope/aws-secret}}"))
        .isEqualTo("from-file");
  }

  @Test
  void databricksFirstThenEnvironmentThenFile() throws IOException {
    FakeDatabricksHolder.SECRETS.put("s/a", "from-databricks");
    Path f = secretsFile("s/a=from-file\ns/b=from-file\ns/c=from-file\n");
    SecretResolver r =
        SecretResolver.create(
            env("STREAMGEN_SECRET_S_A", "from-env", "STREAMGEN_SECRET_S_B", "from-env"), f.toString(), FAKE_DATABRICKS);
    assertThat(r.resolve("k", "{{secrets/s/a}}")).isEqualTo("from-databricks");
    assertThat(r.resolve("k", "{{secrets/s/b}}")).isEqualTo("from-env");
    assertThat(r.resolve("k", "{{secrets/s/c}}")).isEqualTo("from-file");
  }

  @Test
  void missingSecretNamesTheReferenceAndWhereItLooked() {
    SecretResolver r = SecretResolver.create(env(), null, NO_DATABRICKS);
    assertThatThrownBy(() -> r.resolve("sink_config.aws_access_key_id", "{{secrets/my-scope/aws-key}}"))
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "sink_config.aws_access_key_id: secret {{secrets/my-scope/aws-key}} not found; looked in:"
                + " Databricks secrets (not available here), environment variable STREAMGEN_SECRET_MY_SCOPE_AWS_KEY"
                + " (unset), secrets file (none: pass --secrets-file FILE or set STREAMGEN_SECRETS_FILE)");
  }

  @Test
  void missingSecretOnDatabricksAndInFile() throws IOException {
    Path f = secretsFile("other/key=hunter2\n");
    SecretResolver r = SecretResolver.create(env(), f.toString(), FAKE_DATABRICKS);
    assertThatThrownBy(() -> r.resolve("sink_config.connection_string", "{{secrets/hubs/conn}}"))
        .hasMessage(
            "sink_config.connection_string: secret {{secrets/hubs/conn}} not found; looked in: Databricks secrets"
                + " (scope 'hubs' has no key 'conn'), environment variable STREAMGEN_SECRET_HUBS_CONN (unset),"
                + " secrets file " + f + " (no key hubs/conn)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void everyMissingSecretIsReportedAtOnce() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("sink_config.a", "{{secrets/s/a}}");
    settings.put("sink_config.b", "{{secrets/s/b}}");
    assertThatThrownBy(() -> SecretResolver.create(env(), null, NO_DATABRICKS).resolveAll(settings))
        .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).hasSize(2));
  }

  @Test
  void malformedReference() {
    assertThatThrownBy(() -> SecretResolver.create(env(), null, NO_DATABRICKS).resolve("sink_config.k", "{{secrets/only-scope}}"))
        .hasMessage("sink_config.k: '{{secrets/only-scope}}' is not a secret reference; write {{secrets/<scope>/<key>}}");
  }

  @Test
  void missingSecretsFile() {
    assertThatThrownBy(
            () -> SecretResolver.create(env(), dir.resolve("nope.properties").toString(), NO_DATABRICKS)
                .resolve("k", "{{secrets/s/k}}"))
        .hasMessage("secrets file " + dir.resolve("nope.properties") + " (from --secrets-file) does not exist or is not a file");
  }

  @Test
  void valuesWithoutReferencesAreUntouched() {
    SecretResolver r = SecretResolver.create(env(), null, NO_DATABRICKS);
    assertThat(r.resolveAll(Collections.singletonMap("sink_config.path", "/tmp/{x}"))).containsEntry("sink_config.path", "/tmp/{x}");
    assertThat(r.resolvedValues()).isEmpty();
  }
}
