package dev.streamgen.runtime.sink.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP proxy in front of the real emulator that makes PutRecords behave like a
 * throttled Kinesis: it takes some entries out of a PutRecords request, forwards the rest to the
 * emulator, and answers with the emulator's results plus, at the removed positions, per-entry
 * {@code ProvisionedThroughputExceededException} errors. Like the real service, a rejected entry
 * is not stored. Every other call passes through unchanged.
 *
 * <p>For the reliability tests it can also fail whole calls ({@link CallFault}): a 500 before the
 * records reach the emulator, a 500 after they were stored (the acknowledgement is lost, so a retry
 * stores them again), or a cut connection after they were stored; and reject entries with other
 * error codes than throttling (InternalFailure).
 *
 * <p>Handles both encodings the AWS SDK uses for Kinesis (CBOR by default, JSON). For the benchmark
 * it can also {@link #acknowledgeLocally acknowledge PutRecords itself}, storing nothing, to
 * measure the writer without the emulator's cost.
 */
final class ThrottlingProxy implements AutoCloseable {
  static final String THROTTLED = "ProvisionedThroughputExceededException";

  private static final Set<String> HOP_HEADERS =
      new HashSet<>(
          Arrays.asList(
              "connection", "content-length", "expect", "host", "upgrade", "transfer-encoding",
              "keep-alive", "x-amz-crc32"));

  /** Which PutRecords entries to reject, asked once per entry in arrival order. */
  interface Policy {
    boolean reject();
  }

  /** What happens to a whole PutRecords call. */
  enum CallFault {
    NONE,
    /** HTTP 500 InternalFailure; nothing reaches the emulator. */
    FAIL_BEFORE,
    /** The records are stored, then HTTP 500 InternalFailure: the acknowledgement is lost. */
    FAIL_AFTER,
    /** The records are stored, then the connection closes without an answer. */
    CUT_AFTER
  }

  /** Which fault each PutRecords call meets, asked once per call in arrival order. */
  interface CallPolicy {
    CallFault next();
  }

  /** Thrown inside a connection's loop to close it without answering. */
  private static final class Cut extends IOException {
    private static final long serialVersionUID = 1L;
  }

  private final ServerSocket server;
  private final String target;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper json = new ObjectMapper();
  private final ObjectMapper cbor = new CBORMapper();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong putRecordsCalls = new AtomicLong();
  private final AtomicLong rejectedCodes = new AtomicLong();
  private final List<Socket> connections = new ArrayList<>();
  private volatile Policy policy = () -> false;
  private volatile CallPolicy callPolicy = () -> CallFault.NONE;
  private volatile String[] entryErrorCodes = {THROTTLED};
  private final AtomicLong callFaults = new AtomicLong();
  private volatile boolean acknowledgeLocally;
  private volatile boolean closed;

  private ThrottlingProxy(ServerSocket server, String target) {
    this.server = server;
    this.target = target;
  }

  /** Starts a proxy on a free loopback port forwarding to {@code target} (the emulator). */
  static ThrottlingProxy start(String target) throws IOException {
    ThrottlingProxy p =
        new ThrottlingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
    Thread acceptor = new Thread(p::acceptLoop, "throttling-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return p;
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  void policy(Policy policy) {
    this.policy = policy;
  }

  void callPolicy(CallPolicy callPolicy) {
    this.callPolicy = callPolicy;
  }

  /** Error codes of rejected entries, used in turn (default: throttling only). */
  void entryErrorCodes(String... codes) {
    this.entryErrorCodes = codes.clone();
  }

  /** Calls failed or cut by the {@link CallPolicy} so far. */
  long callFaults() {
    return callFaults.get();
  }

  /** When true, PutRecords calls are answered with success here and never reach the emulator. */
  void acknowledgeLocally(boolean on) {
    this.acknowledgeLocally = on;
  }

  /** Rejects every {@code k}-th entry until {@code budget} entries were rejected. */
  static Policy everyKth(int k, long budget) {
    AtomicLong seen = new AtomicLong();
    AtomicLong left = new AtomicLong(budget);
    return () -> seen.incrementAndGet() % k == 0 && left.getAndDecrement() > 0;
  }

  static Policy all() {
    return () -> true;
  }

  /** Entries answered with a throttling error so far. */
  long rejected() {
    return rejected.get();
  }

  /** Entries passed on to the emulator so far. */
  long forwarded() {
    return forwarded.get();
  }

  long putRecordsCalls() {
    return putRecordsCalls.get();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    synchronized (connections) {
      for (Socket s : connections) {
        s.close();
      }
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        synchronized (connections) {
          connections.add(s);
        }
        Thread t = new Thread(() -> serve(s), "throttling-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          e.printStackTrace();
        }
        return;
      }
    }
  }

  /** One keep-alive connection: request after request until the client closes it. */
  private void serve(Socket socket) {
    try (Socket s = socket;
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream()) {
      while (true) {
        String requestLine = readLine(in);
        if (requestLine == null || requestLine.isEmpty()) {
          return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
          int colon = line.indexOf(':');
          headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        byte[] body = readBody(in, headers);
        String[] parts = requestLine.split(" ");
        Response response = handle(parts[0], parts[1], headers, body);
        writeResponse(out, response);
      }
    } catch (IOException | InterruptedException e) {
      // The client went away (or the proxy closed): nothing to answer.
    }
  }

  private Response handle(String method, String path, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    String amzTarget = header(headers, "X-Amz-Target");
    if (amzTarget != null && amzTarget.endsWith(".PutRecords")) {
      return putRecords(method, path, headers, body);
    }
    return forward(method, path, headers, body);
  }

  private Response putRecords(String method, String path, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    putRecordsCalls.incrementAndGet();
    ObjectMapper mapper = mapperFor(header(headers, "Content-Type"));
    CallFault fault = callPolicy.next();
    if (fault != CallFault.NONE) {
      callFaults.incrementAndGet();
    }
    if (fault == CallFault.FAIL_BEFORE) {
      return internalFailure(mapper, headers);
    }
    ObjectNode request = (ObjectNode) mapper.readTree(body);
    ArrayNode records = (ArrayNode) request.get("Records");
    boolean[] reject = new boolean[records.size()];
    ArrayNode kept = mapper.createArrayNode();
    for (int i = 0; i < records.size(); i++) {
      reject[i] = policy.reject();
      if (!reject[i]) {
        kept.add(records.get(i));
      }
    }
    int rejectedHere = records.size() - kept.size();
    rejected.addAndGet(rejectedHere);
    forwarded.addAndGet(kept.size());

    ArrayNode emulatorResults = mapper.createArrayNode();
    int failedByEmulator = 0;
    Response upstream = null;
    if (kept.size() > 0 && acknowledgeLocally) {
      for (int i = 0; i < kept.size(); i++) {
        ObjectNode ok = mapper.createObjectNode();
        ok.put("SequenceNumber", Long.toString(putRecordsCalls.get() * 1000 + i));
        ok.put("ShardId", "shardId-000000000000");
        emulatorResults.add(ok);
      }
    } else if (kept.size() > 0) {
      request.set("Records", kept);
      upstream = forward(method, path, headers, mapper.writeValueAsBytes(request));
      if (upstream.status != 200) {
        return upstream;
      }
      ObjectNode answer = (ObjectNode) mapper.readTree(upstream.body);
      emulatorResults = (ArrayNode) answer.get("Records");
      JsonNode failed = answer.get("FailedRecordCount");
      failedByEmulator = failed == null ? 0 : failed.asInt();
    }
    ArrayNode merged = mapper.createArrayNode();
    int next = 0;
    String stream = request.has("StreamName") ? request.get("StreamName").asText() : "?";
    for (boolean r : reject) {
      if (r) {
        String[] codes = entryErrorCodes;
        String code = codes[(int) (rejectedCodes.getAndIncrement() % codes.length)];
        ObjectNode error = mapper.createObjectNode();
        error.put("ErrorCode", code);
        error.put(
            "ErrorMessage",
            code.equals(THROTTLED)
                ? "Rate exceeded for shard shardId-000000000000 in stream " + stream + " under account 000000000000."
                : "Internal service failure.");
        merged.add(error);
      } else {
        merged.add(emulatorResults.get(next++));
      }
    }
    if (fault == CallFault.FAIL_AFTER) {
      return internalFailure(mapper, headers);
    }
    if (fault == CallFault.CUT_AFTER) {
      throw new Cut();
    }
    ObjectNode answer = mapper.createObjectNode();
    answer.put("FailedRecordCount", failedByEmulator + rejectedHere);
    answer.set("Records", merged);
    Map<String, String> responseHeaders = new LinkedHashMap<>();
    responseHeaders.put("Content-Type", header(headers, "Content-Type"));
    responseHeaders.put("x-amzn-RequestId", "throttling-proxy-" + putRecordsCalls.get());
    return new Response(200, responseHeaders, mapper.writeValueAsBytes(answer));
  }

  /** HTTP 500 with the service's error type, as Kinesis answers an internal failure of a call. */
  private Response internalFailure(ObjectMapper mapper, Map<String, String> headers) throws IOException {
    ObjectNode error = mapper.createObjectNode();
    error.put("__type", "InternalFailure");
    error.put("message", "Internal service failure.");
    Map<String, String> responseHeaders = new LinkedHashMap<>();
    responseHeaders.put("Content-Type", header(headers, "Content-Type"));
    responseHeaders.put("x-amzn-ErrorType", "InternalFailure");
    responseHeaders.put("x-amzn-RequestId", "throttling-proxy-" + putRecordsCalls.get());
    return new Response(500, responseHeaders, mapper.writeValueAsBytes(error));
  }

  private Response forward(String method, String path, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target + path))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (!HOP_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        b.header(h.getKey(), h.getValue());
      }
    }
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    Map<String, String> out = new LinkedHashMap<>();
    r.headers()
        .map()
        .forEach(
            (k, v) -> {
              if (!HOP_HEADERS.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                out.put(k, String.join(",", v));
              }
            });
    return new Response(r.statusCode(), out, r.body());
  }

  private ObjectMapper mapperFor(String contentType) {
    return contentType != null && contentType.contains("cbor") ? cbor : json;
  }

  private static String header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }

  private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    String length = header(headers, "Content-Length");
    if (length != null) {
      return readExactly(in, Integer.parseInt(length));
    }
    String encoding = header(headers, "Transfer-Encoding");
    if (encoding != null && encoding.equalsIgnoreCase("chunked")) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
        if (size == 0) {
          for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            // trailers: ignored
          }
          return body.toByteArray();
        }
        body.write(readExactly(in, size));
        readLine(in);
      }
    }
    return new byte[0];
  }

  private static byte[] readExactly(InputStream in, int n) throws IOException {
    byte[] b = new byte[n];
    int off = 0;
    while (off < n) {
      int r = in.read(b, off, n - off);
      if (r < 0) {
        throw new IOException("connection closed in a request body");
      }
      off += r;
    }
    return b;
  }

  /** A CRLF-terminated line, or null at the end of the stream. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] b = line.toByteArray();
        int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return new String(b, 0, len, StandardCharsets.ISO_8859_1);
      }
      line.write(c);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private static void writeResponse(OutputStream out, Response r) throws IOException {
    StringBuilder head = new StringBuilder();
    head.append("HTTP/1.1 ").append(r.status).append(r.status == 200 ? " OK" : " Error").append("\r\n");
    for (Map.Entry<String, String> h : r.headers.entrySet()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("Content-Length: ").append(r.body.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(r.body);
    out.flush();
  }

  private static final class Response {
    final int status;
    final Map<String, String> headers;
    final byte[] body;

    Response(int status, Map<String, String> headers, byte[] body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }
  }
}
