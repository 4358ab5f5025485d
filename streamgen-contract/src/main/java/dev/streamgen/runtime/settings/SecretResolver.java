package dev.streamgen.runtime.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Resolves {@code {{secrets/scope/key}}} references at run time, looking in order at:
 *
 * <ol>
 *   <li>Databricks secrets ({@code dbutils.secrets.get(scope, key)}), when the job runs on
 *       Databricks; found by reflection, so there is no compile dependency;
 *   <li>the environment variable {@code STREAMGEN_SECRET_<SCOPE>_<KEY>} (see {@link
 *       SecretReference#environmentVariable()});
 *   <li>a secrets file: Java properties with keys {@code scope/key}, from {@code --secrets-file} or the
 *       environment variable {@value #SECRETS_FILE_ENV}.
 * </ol>
 *
 * Errors name the reference and where it was looked for, never a value. Every resolved value is
 * remembered so the caller can redact it from Spark's plans ({@link #resolvedValues()}).
 */
public final class SecretResolver {
  public static final String SECRETS_FILE_ENV = "STREAMGEN_SECRETS_FILE";
  static final String DATABRICKS_HOLDER = "com.databricks.dbutils_v1.DBUtilsHolder";

  private final Map<String, String> environment;
  private final Path secretsFile;
  private final String secretsFileOrigin;
  private final String databricksHolder;
  private final Set<String> resolved = new LinkedHashSet<>();
  private Properties fileSecrets;
  private Object databricksSecrets;
  private boolean databricksChecked;

  private SecretResolver(
      Map<String, String> environment, Path secretsFile, String secretsFileOrigin, String databricksHolder) {
    this.environment = environment;
    this.secretsFile = secretsFile;
    this.secretsFileOrigin = secretsFileOrigin;
    this.databricksHolder = databricksHolder;
  }

  /**
   * The resolver of a real run: this process's environment, the secrets file from {@code --secrets-file}
   * (may be null) or else {@value #SECRETS_FILE_ENV}, and Databricks secrets when present.
   */
  public static SecretResolver forRun(String secretsFileFlag) {
    return create(System.getenv(), secretsFileFlag, DATABRICKS_HOLDER);
  }

  /** For tests: an explicit environment and Databricks holder class name. */
  static SecretResolver create(Map<String, String> environment, String secretsFileFlag, String databricksHolder) {
    Path file = null;
    String origin = null;
    if (secretsFileFlag != null) {
      file = Paths.get(secretsFileFlag);
      origin = "--secrets-file";
    } else if (environment.get(SECRETS_FILE_ENV) != null && !environment.get(SECRETS_FILE_ENV).isEmpty()) {
      file = Paths.get(environment.get(SECRETS_FILE_ENV));
      origin = SECRETS_FILE_ENV;
    }
    return new SecretResolver(new LinkedHashMap<>(environment), file, origin, databricksHolder);
  }

  /**
   * Replaces every reference in the values of {@code settings} (keys are setting paths, used in
   * messages); values without references pass through. Throws listing every unresolved reference.
   */
  public Map<String, String> resolveAll(Map<String, String> settings) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      try {
        out.put(e.getKey(), resolve(e.getKey(), e.getValue()));
      } catch (SettingsException ex) {
        problems.addAll(ex.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new SettingsException(problems);
    }
    return out;
  }

  /** {@code value} with its references replaced; {@code path} names the setting in errors. */
  public String resolve(String path, String value) {
    if (value == null || !SecretReference.containsReference(value)) {
      return value;
    }
    String bad = SecretReference.malformed(value);
    if (bad != null) {
      throw new SettingsException(
          path + ": '" + bad + "' is not a secret reference; write {{secrets/<scope>/<key>}}");
    }
    Matcher m = SecretReference.matcher(value);
    StringBuffer sb = new StringBuffer();
    while (m.find()) {
      SecretReference ref = new SecretReference(m.group(1), m.group(2));
      String secret = lookup(path, ref);
      resolved.add(secret);
      m.appendReplacement(sb, Matcher.quoteReplacement(secret));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Every secret value resolved so far, for redaction; never log it. */
  public Set<String> resolvedValues() {
    return Collections.unmodifiableSet(resolved);
  }

  private String lookup(String path, SecretReference ref) {
    List<String> looked = new ArrayList<>();
    Object dbSecrets = databricksSecrets();
    if (dbSecrets != null) {
      String v = databricksGet(dbSecrets, ref);
      if (v != null) {
        return v;
      }
      looked.add("Databricks secrets (scope '" + ref.scope() + "' has no key '" + ref.key() + "')");
    } else {
      looked.add("Databricks secrets (not available here)");
    }
    String env = environment.get(ref.environmentVariable());
    if (env != null) {
      return env;
    }
    looked.add("environment variable " + ref.environmentVariable() + " (unset)");
    if (secretsFile != null) {
      String v = fileSecrets().getProperty(ref.propertiesKey());
      if (v != null) {
        return v;
      }
      looked.add("secrets file " + secretsFile + " (no key " + ref.propertiesKey() + ")");
    } else {
      looked.add("secrets file (none: pass --secrets-file FILE or set " + SECRETS_FILE_ENV + ")");
    }
    throw new SettingsException(
        path + ": secret " + ref + " not found; looked in: " + String.join(", ", looked));
  }

  private Properties fileSecrets() {
    if (fileSecrets == null) {
      if (!Files.isRegularFile(secretsFile)) {
        throw new SettingsException(
            "secrets file " + secretsFile + " (from " + secretsFileOrigin + ") does not exist or is not a file");
      }
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(secretsFile);
          Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException | IllegalArgumentException e) {
        // The message of a malformed properties file could quote a value: report only the file.
        throw new SettingsException(
            "secrets file " + secretsFile + " (from " + secretsFileOrigin + ") cannot be read as Java properties");
      }
      fileSecrets = p;
    }
    return fileSecrets;
  }

  /** dbutils.secrets on Databricks, or null elsewhere. */
  private Object databricksSecrets() {
    if (!databricksChecked) {
      databricksChecked = true;
      try {
        Class<?> holder = Class.forName(databricksHolder);
        Object dbutils = holder.getMethod("dbutils").invoke(null);
        databricksSecrets = dbutils.getClass().getMethod("secrets").invoke(dbutils);
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        databricksSecrets = null;
      }
    }
    return databricksSecrets;
  }

  /** The secret, or null when Databricks does not have it (its exception text is not passed on). */
  private static String databricksGet(Object secrets, SecretReference ref) {
    try {
      Method get = secrets.getClass().getMethod("get", String.class, String.class);
      Object v = get.invoke(secrets, ref.scope(), ref.key());
      return v == null ? null : v.toString();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
