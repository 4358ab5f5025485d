package dev.streamgen.runtime.testing;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Files of the repository the tests check against (the docs). The runtime's tests run in one
 * module per Spark line, each in its own directory, so the build says where the repository's root
 * is (system property {@code streamgen.repositoryRoot}, set in streamgen-runtime/pom.xml).
 */
public final class RepositoryFiles {
  private RepositoryFiles() {}

  /** {@code docs/<name>} of this repository. */
  public static Path docs(String name) {
    String root = System.getProperty("streamgen.repositoryRoot");
    if (root == null) {
      throw new IllegalStateException("system property streamgen.repositoryRoot is not set (surefire sets it)");
    }
    return Paths.get(root, "docs", name);
  }
}
