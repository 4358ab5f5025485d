package dev.streamgen.runtime.settings;

import java.util.HashMap;
import java.util.Map;

/**
 * Shaped like Databricks' {@code com.databricks.dbutils_v1.DBUtilsHolder}: a static {@code
 * dbutils()} whose {@code secrets().get(scope, key)} answers or throws, as on Databricks.
 */
public final class FakeDatabricksHolder {
  static final Map<String, String> SECRETS = new HashMap<>();

  private FakeDatabricksHolder() {}

  public static DbUtils dbutils() {
    return new DbUtils();
  }

  /** The dbutils object. */
  public static final class DbUtils {
    public SecretUtils secrets() {
      return new SecretUtils();
    }
  }

  /** dbutils.secrets. */
  public static final class SecretUtils {
    public String get(String scope, String key) {
      String v = SECRETS.get(scope + "/" + key);
      if (v == null) {
        throw new IllegalArgumentException("Secret does not exist with scope: " + scope + " and key: " + key);
      }
      return v;
    }
  }
}
