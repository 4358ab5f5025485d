package dev.streamgen.examples.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP relay in front of an HTTP server that notes which AWS SDK versions talk through
 * it: the {@code aws-sdk-java/<version>} token of each request's User-Agent header, which the SDK
 * builds from its own {@code VersionInfo}. When a cluster's SDK classes shadow the app's, the
 * requests announce the cluster's version. Bytes pass unchanged both ways (signatures, keep-alive).
 */
final class SdkVersionTap implements AutoCloseable {
  private static final int MAX_HEADER_LINE = 8192;
  private static final Pattern SDK_TOKEN = Pattern.compile("aws-sdk-java/([0-9A-Za-z.\\-]+)");

  private final ServerSocket server;
  private final URI target;
  private final Set<String> versions = new TreeSet<>();
  private final List<Socket> sockets = new ArrayList<>();

  private SdkVersionTap(ServerSocket server, URI target) {
    this.server = server;
    this.target = target;
  }

  /** Listens on a free loopback port and relays every connection to {@code target} (http://host:port). */
  static SdkVersionTap start(String target) throws IOException {
    SdkVersionTap tap = new SdkVersionTap(
        new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), URI.create(target));
    daemon("sdk-version-tap-accept", tap::acceptLoop);
    return tap;
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** The SDK versions named by the requests relayed so far. */
  synchronized Set<String> sdkVersions() {
    return new TreeSet<>(versions);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(target.getHost(), target.getPort());
        synchronized (this) {
          sockets.add(client);
          sockets.add(upstream);
        }
        daemon("sdk-version-tap-request", () -> relay(client, upstream, true));
        daemon("sdk-version-tap-response", () -> relay(upstream, client, false));
      } catch (IOException closedOrRefused) {
        // close() ends the loop; a refused upstream drops only that connection.
      }
    }
  }

  /** Copies {@code from} to {@code to}; on the request side, reads the header lines as they pass. */
  private void relay(Socket from, Socket to, boolean requests) {
    StringBuilder line = new StringBuilder();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        out.flush();
        if (requests) {
          scan(new String(buffer, 0, n, StandardCharsets.ISO_8859_1), line);
        }
      }
    } catch (IOException connectionClosed) {
      // Either side hung up: the other direction ends with it.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** Feeds request text through {@code line} (the current, unfinished line) and notes User-Agent lines. */
  private void scan(String text, StringBuilder line) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\n') {
        if (line.length() < MAX_HEADER_LINE) {
          line.append(c); // a longer line is body bytes, not a header: no need to keep it
        }
        continue;
      }
      if (line.length() > 11 && line.substring(0, 11).equalsIgnoreCase("User-Agent:")) {
        Matcher m = SDK_TOKEN.matcher(line);
        if (m.find()) {
          synchronized (this) {
            versions.add(m.group(1));
          }
        }
      }
      line.setLength(0);
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly(server);
    sockets.forEach(SdkVersionTap::closeQuietly);
  }

  private static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception alreadyClosed) {
      // Nothing left to release.
    }
  }
}
