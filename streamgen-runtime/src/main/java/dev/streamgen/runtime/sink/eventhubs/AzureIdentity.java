package dev.streamgen.runtime.sink.eventhubs;

import com.azure.core.credential.TokenCredential;

/**
 * DefaultAzureCredential (managed identity, workload identity, environment, Azure CLI, ...) when
 * com.azure:azure-identity is on the classpath. The runtime depends on it, but a slimmed deployable
 * jar may leave it out; then only connection strings work, and the options say so at planning time.
 */
final class AzureIdentity {
  private static final String BUILDER = "com.azure.identity.DefaultAzureCredentialBuilder";

  private AzureIdentity() {}

  static boolean available() {
    try {
      Class.forName(BUILDER, false, AzureIdentity.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static TokenCredential defaultCredential() {
    return Loaded.build();
  }

  /** Separate class so that verifying {@link AzureIdentity} never loads azure-identity's classes. */
  private static final class Loaded {
    static TokenCredential build() {
      return new com.azure.identity.DefaultAzureCredentialBuilder().build();
    }
  }
}
