package dev.streamgen.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.descriptor.PluginDescriptor;

/**
 * Identifies the plugin build that generates, for the incremental-build digest. A release is its
 * version. A SNAPSHOT is its version plus the bytes of streamgen's own jars (plugin and compiler),
 * because a SNAPSHOT keeps its version while its code changes under development.
 */
final class PluginFingerprint {
  private PluginFingerprint() {}

  static String of(PluginDescriptor plugin) throws IOException {
    String version = plugin.getGroupId() + ":" + plugin.getArtifactId() + ":" + plugin.getVersion();
    if (!plugin.getVersion().endsWith("-SNAPSHOT")) {
      return version;
    }
    List<Path> own = new ArrayList<>();
    if (plugin.getPluginArtifact() != null && plugin.getPluginArtifact().getFile() != null) {
      own.add(plugin.getPluginArtifact().getFile().toPath());
    }
    if (plugin.getArtifacts() != null) {
      for (Artifact artifact : plugin.getArtifacts()) {
        if (plugin.getGroupId().equals(artifact.getGroupId()) && artifact.getFile() != null) {
          own.add(artifact.getFile().toPath());
        }
      }
    }
    own.sort(null);
    MessageDigest sha = sha256();
    for (Path path : own.stream().distinct().collect(Collectors.toList())) {
      hash(sha, path);
    }
    return version + " " + HexFormat.of().formatHex(sha.digest());
  }

  /** A jar, or (in a reactor build stopped before {@code package}) a classes directory. */
  private static void hash(MessageDigest sha, Path path) throws IOException {
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
      }
      for (Path file : files) {
        sha.update(path.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        hashFile(sha, file);
      }
    } else if (Files.isRegularFile(path)) {
      hashFile(sha, path);
    }
  }

  private static void hashFile(MessageDigest sha, Path file) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
