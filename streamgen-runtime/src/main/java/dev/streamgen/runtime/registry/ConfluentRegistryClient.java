package dev.streamgen.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The one call of Confluent's REST API a run needs: register a schema under a subject (or get the id
 * of the same schema registered before), {@code POST /subjects/{subject}/versions}. Our own small
 * client over HttpURLConnection (the runtime's Spark 3.5 artifact is Java 8 bytecode, and Confluent's
 * client is not on Maven Central). Failures a retry can cure (no connection, 5xx) are retried a few
 * times; a refusal (409 incompatible, 422 invalid) is not. Never logs or reports the credentials.
 */
final class ConfluentRegistryClient {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  /** Attempts of a call a retry can cure, and the pause before the second (doubled after). */
  private static final int ATTEMPTS = 4;
  private static final long FIRST_PAUSE_MILLIS = 250;
  private static final int TIMEOUT_MILLIS = 30_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String authorization;

  /** {@code username} null: no authentication. */
  ConfluentRegistryClient(String url, String username, String password) {
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.authorization =
        username == null
            ? null
            : "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
  }

  /** Registers {@code s}'s schema under its subject; its id (the same id for the same schema). */
  int register(SchemaSubject s) {
    ObjectNode body = JSON.createObjectNode();
    body.put("schemaType", s.schemaType());
    body.put("schema", s.schema());
    String path = "/subjects/" + encode(s.subject()) + "/versions";
    IOException last = null;
    long pause = FIRST_PAUSE_MILLIS;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        Answer answer = post(path, JSON.writeValueAsBytes(body));
        if (answer.status / 100 == 2) {
          JsonNode id = JSON.readTree(answer.body).get("id");
          if (id == null || !id.canConvertToInt()) {
            throw refused(s, answer, "no schema id in the answer");
          }
          return id.intValue();
        }
        if (answer.status < 500 || attempt == ATTEMPTS) {
          throw refused(s, answer, null);
        }
        last = new IOException("HTTP " + answer.status);
      } catch (IOException e) {
        last = e;
      }
      if (attempt < ATTEMPTS) {
        sleep(pause);
        pause *= 2;
      }
    }
    throw new RegistryException(
        "schema registry " + baseUrl + " did not answer registering subject '" + s.subject() + "' (event type "
            + s.eventTypeId() + ") after " + ATTEMPTS + " attempts: " + last,
        last);
  }

  private RegistryException refused(SchemaSubject s, Answer answer, String why) {
    return new RegistryException(
        "schema registry " + baseUrl + " refused subject '" + s.subject() + "' (event type " + s.eventTypeId()
            + "): HTTP " + answer.status + " " + (why != null ? why + ": " : "") + answer.text(),
        null);
  }

  private Answer post(String path, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(baseUrl + path).openConnection();
    try {
      c.setConnectTimeout(TIMEOUT_MILLIS);
      c.setReadTimeout(TIMEOUT_MILLIS);
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", CONTENT_TYPE);
      c.setRequestProperty("Accept", CONTENT_TYPE + ", application/json");
      if (authorization != null) {
        c.setRequestProperty("Authorization", authorization);
      }
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      InputStream in = status / 100 == 2 ? c.getInputStream() : c.getErrorStream();
      return new Answer(status, in == null ? new byte[0] : readAll(in));
    } finally {
      c.disconnect();
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (InputStream i = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = i.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  private static String encode(String subject) {
    try {
      return URLEncoder.encode(subject, "UTF-8").replace("+", "%20");
    } catch (java.io.UnsupportedEncodingException e) {
      throw new AssertionError(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while waiting to retry a schema registration", e);
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  /** A status and body; {@link #text} is the registry's message ({@code message}, Apicurio's {@code reason}). */
  private static final class Answer {
    final int status;
    final byte[] body;

    Answer(int status, byte[] body) {
      this.status = status;
      this.body = body;
    }

    String text() {
      String raw = new String(body, StandardCharsets.UTF_8).trim();
      try {
        JsonNode node = JSON.readTree(raw);
        if (node != null && node.isObject()) {
          StringBuilder b = new StringBuilder();
          for (String field : new String[] {"error_code", "message", "reason", "detail"}) {
            if (node.hasNonNull(field)) {
              b.append(b.length() == 0 ? "" : ", ").append(field).append(": ").append(node.get(field).asText());
            }
          }
          if (b.length() > 0) {
            return b.toString();
          }
        }
      } catch (IOException notJson) {
        // Shown as it came.
      }
      return raw.length() > 500 ? raw.substring(0, 500) + "..." : raw;
    }
  }
}
