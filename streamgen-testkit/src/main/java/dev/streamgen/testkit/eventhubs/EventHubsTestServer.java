package dev.streamgen.testkit.eventhubs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real AMQP 1.0 endpoint on loopback that the unchanged Azure Event Hubs producer talks to (through
 * the connection string's {@code UseDevelopmentEmulator=true}: plain AMQP on our port). It speaks the
 * part of the Event Hubs protocol a producer uses, on Apache Qpid Proton-J's engine (the SDK's own AMQP
 * library), and records every event it accepts so tests can check exactly what arrived.
 *
 * <p>One thread accepts, one thread per connection runs the Proton-J transport over a blocking socket;
 * that keeps fault injection simple: cutting a connection is closing its socket.
 */
public final class EventHubsTestServer implements AutoCloseable {
  /** Large enough for Event Hubs' 1 MB Standard-tier limit; the SDK sizes batches from it. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

  private final String hubName;
  private final int partitionCount;
  private final int maxMessageSize;
  private final SharedAccessPolicy policy; // null: every put-token is accepted
  private final AtomicInteger tokensRefused = new AtomicInteger();
  private final ServerSocket serverSocket;
  private final Thread acceptor;
  private final List<RecordedEvent> events = new ArrayList<>();
  private final Set<AmqpConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger deliveriesToDrop = new AtomicInteger();
  private final AtomicInteger deliveriesToReject = new AtomicInteger();
  private final AtomicInteger deliveriesBeforeRejecting = new AtomicInteger();
  private final List<Integer> deliverySizes = new ArrayList<>();
  private volatile String rejectCondition = "com.microsoft:server-busy";
  private volatile boolean closed;

  private EventHubsTestServer(Builder b) throws IOException {
    this.hubName = b.hubName;
    this.partitionCount = b.partitionCount;
    this.maxMessageSize = b.maxMessageSize;
    this.policy = b.policy;
    this.serverSocket = new ServerSocket();
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.acceptor = new Thread(this::acceptLoop, "eventhubs-test-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts a server for hub {@code hub1} with 4 partitions and a 1 MiB max message size. */
  public static EventHubsTestServer start() throws IOException {
    return builder().build();
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  public String hubName() {
    return hubName;
  }

  public int partitionCount() {
    return partitionCount;
  }

  int maxMessageSize() {
    return maxMessageSize;
  }

  /** A connection string for this endpoint, with the hub as EntityPath. */
  public String connectionString() {
    return connectionStringWithoutEntityPath() + ";EntityPath=" + hubName;
  }

  /**
   * A connection string for this endpoint that names no hub (pass eventhub_name separately), with
   * the key of {@link Builder#sharedAccessKey} if one was set.
   */
  public String connectionStringWithoutEntityPath() {
    return "Endpoint=sb://localhost:" + port()
        + ";SharedAccessKeyName=" + (policy == null ? "k" : policy.keyName())
        + ";SharedAccessKey=" + (policy == null ? "v" : policy.key())
        + ";UseDevelopmentEmulator=true";
  }

  /** How many put-tokens were answered 401 so far. */
  public int tokensRefused() {
    return tokensRefused.get();
  }

  /**
   * Null when a put-token may be accepted (always, without {@link Builder#sharedAccessKey}); else the
   * status description of the 401 to answer.
   */
  String refuseToken(String type, Object token, String audience) {
    if (policy == null) {
      return null;
    }
    String refusal = policy.refusal(type, token, audience, System.currentTimeMillis() / 1000);
    if (refusal != null) {
      tokensRefused.incrementAndGet();
    }
    return refusal;
  }

  /** Every event accepted so far, in arrival order. */
  public List<RecordedEvent> events() {
    synchronized (events) {
      return new ArrayList<>(events);
    }
  }

  public int eventCount() {
    synchronized (events) {
      return events.size();
    }
  }

  public void clearEvents() {
    synchronized (events) {
      events.clear();
      deliverySizes.clear();
    }
  }

  /** How many connections clients opened so far. */
  public int connectionsAccepted() {
    return accepted.get();
  }

  /** Cuts every open connection at once, as a network failure would (no AMQP close). */
  public void dropConnections() {
    for (AmqpConnection c : connections) {
      c.cut();
    }
  }

  /**
   * The next {@code n} complete deliveries to the hub are discarded unrecorded and unacknowledged,
   * and each one's connection is cut: the producer must notice and send again.
   */
  public void dropNextDeliveries(int n) {
    deliveriesToDrop.set(n);
  }

  /**
   * The next {@code n} deliveries to the hub are rejected with AMQP error {@code condition} (for
   * example {@code com.microsoft:server-busy}, which Event Hubs sends over a throughput limit) and not
   * recorded.
   */
  public void rejectNextDeliveries(int n, String condition) {
    rejectDeliveries(0, n, condition);
  }

  /** Accepts {@code skip} more deliveries to the hub, then rejects the {@code n} after them. */
  public void rejectDeliveries(int skip, int n, String condition) {
    this.rejectCondition = condition;
    deliveriesBeforeRejecting.set(skip);
    deliveriesToReject.set(n);
  }

  /** Encoded size of every delivery to the hub the server accepted, in arrival order. */
  public List<Integer> deliverySizes() {
    synchronized (events) {
      return new ArrayList<>(deliverySizes);
    }
  }

  /** Cancels pending drops and rejections. */
  public void resetFaults() {
    deliveriesToDrop.set(0);
    deliveriesToReject.set(0);
    deliveriesBeforeRejecting.set(0);
  }

  boolean takeDrop() {
    return takeOne(deliveriesToDrop);
  }

  String takeRejection() {
    if (deliveriesToReject.get() <= 0 || takeOne(deliveriesBeforeRejecting)) {
      return null;
    }
    return takeOne(deliveriesToReject) ? rejectCondition : null;
  }

  long nextDeliveryId(int size) {
    synchronized (events) {
      deliverySizes.add(size);
      return deliverySizes.size();
    }
  }

  private static boolean takeOne(AtomicInteger counter) {
    while (true) {
      int n = counter.get();
      if (n <= 0) {
        return false;
      }
      if (counter.compareAndSet(n, n - 1)) {
        return true;
      }
    }
  }

  void record(List<RecordedEvent> batch) {
    synchronized (events) {
      events.addAll(batch);
    }
  }

  void forget(AmqpConnection c) {
    connections.remove(c);
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (SocketException e) {
        return; // closed
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      accepted.incrementAndGet();
      AmqpConnection c = new AmqpConnection(socket, this);
      connections.add(c);
      Thread t = new Thread(c, "eventhubs-test-server-conn-" + accepted.get());
      t.setDaemon(true);
      t.start();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    serverSocket.close();
    dropConnections();
    try {
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Hub name, partition count, the max message size the receiving links advertise, the access key. */
  public static final class Builder {
    private String hubName = "hub1";
    private int partitionCount = 4;
    private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private SharedAccessPolicy policy;

    public Builder hubName(String hubName) {
      this.hubName = hubName;
      return this;
    }

    public Builder partitionCount(int partitionCount) {
      this.partitionCount = partitionCount;
      return this;
    }

    /** The max-message-size of the links producers send on: the SDK caps each batch at it. */
    public Builder maxMessageSize(int maxMessageSize) {
      this.maxMessageSize = maxMessageSize;
      return this;
    }

    /**
     * Makes the endpoint check put-tokens like Event Hubs checks a shared access policy: a token
     * must be a shared access signature signed with {@code key} under {@code keyName}, unexpired,
     * for the hub it is put for; anything else is answered with status 401. Default: no policy,
     * every token is accepted.
     */
    public Builder sharedAccessKey(String keyName, String key) {
      this.policy = new SharedAccessPolicy(keyName, key);
      return this;
    }

    public EventHubsTestServer build() throws IOException {
      return new EventHubsTestServer(this);
    }
  }
}
