package dev.streamgen.testkit.eventhubs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.Target;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.message.Message;

/**
 * One client connection: a Proton-J transport over a blocking socket, and the Event Hubs nodes a
 * producer uses ({@code $cbs}, {@code $management}, the hub and its partitions). Only this thread
 * touches the Proton-J objects; other threads may only {@link #cut()} the socket.
 */
final class AmqpConnection implements Runnable {
  /** Event Hubs' batch message format: one data section per event (AMQP message-format 0x80013700). */
  static final int BATCH_MESSAGE_FORMAT = 0x80013700;

  private static final Symbol PARTITION_KEY = Symbol.valueOf("x-opt-partition-key");
  private static final int CREDIT = 500;

  private final Socket socket;
  private final EventHubsTestServer server;
  private final Map<String, Sender> repliesByAddress = new HashMap<>();
  private final Map<String, Deque<Message>> pendingReplies = new HashMap<>();
  private final DecoderImpl decoder = new DecoderImpl();
  private Transport transport;
  private long deliveryTag;

  AmqpConnection(Socket socket, EventHubsTestServer server) {
    this.socket = socket;
    this.server = server;
    AMQPDefinedTypes.registerAllTypes(decoder, new EncoderImpl(decoder));
  }

  /** Closes the socket under the transport: the client sees a dropped connection, not an AMQP close. */
  void cut() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void run() {
    try {
      serve();
    } catch (IOException e) {
      // the peer went away or we cut the connection
    } finally {
      cut();
      server.forget(this);
    }
  }

  private void serve() throws IOException {
    transport = Proton.transport();
    Sasl sasl = transport.sasl();
    sasl.server();
    sasl.setMechanisms("ANONYMOUS");
    sasl.done(Sasl.SaslOutcome.PN_SASL_OK);
    Connection connection = Proton.connection();
    Collector collector = Proton.collector();
    connection.collect(collector);
    transport.bind(connection);

    socket.setTcpNoDelay(true);
    socket.setSoTimeout(200); // wakes the loop to tick heartbeats (the SDK asks for an idle timeout)
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    byte[] buf = new byte[64 * 1024];
    while (true) {
      handleEvents(collector);
      if (!writeOutput(out)) {
        return;
      }
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException e) {
        transport.tick(System.currentTimeMillis());
        continue;
      }
      if (n < 0) {
        transport.close_tail();
        handleEvents(collector);
        return;
      }
      int off = 0;
      while (off < n) {
        int capacity = transport.capacity();
        if (capacity < 0) {
          return;
        }
        int chunk = Math.min(capacity, n - off);
        transport.tail().put(buf, off, chunk);
        transport.process();
        off += chunk;
        handleEvents(collector);
      }
    }
  }

  private boolean writeOutput(OutputStream out) throws IOException {
    while (true) {
      int pending = transport.pending();
      if (pending < 0) {
        return false;
      }
      if (pending == 0) {
        out.flush();
        return true;
      }
      ByteBuffer head = transport.head();
      byte[] bytes = new byte[head.remaining()];
      head.get(bytes);
      out.write(bytes);
      transport.pop(bytes.length);
    }
  }

  private void handleEvents(Collector collector) throws IOException {
    Event e;
    while ((e = collector.peek()) != null) {
      handle(e);
      collector.pop();
    }
  }

  private void handle(Event e) throws IOException {
    switch (e.getType()) {
      case CONNECTION_REMOTE_OPEN:
        e.getConnection().setContainer("streamgen-eventhubs-test-server");
        e.getConnection().open();
        break;
      case SESSION_REMOTE_OPEN:
        e.getSession().open();
        break;
      case LINK_REMOTE_OPEN:
        openLink(e.getLink());
        break;
      case LINK_FLOW:
        if (e.getLink() instanceof Sender) {
          drainReplies(address(e.getLink()));
        }
        break;
      case DELIVERY:
        onDelivery(e.getDelivery());
        break;
      case LINK_REMOTE_CLOSE:
        if (e.getLink() instanceof Sender) {
          repliesByAddress.remove(address(e.getLink()));
        }
        e.getLink().close();
        break;
      case SESSION_REMOTE_CLOSE:
        e.getSession().close();
        break;
      case CONNECTION_REMOTE_CLOSE:
        e.getConnection().close();
        break;
      default:
        break;
    }
  }

  private void openLink(Link link) {
    if (link.getLocalState() != EndpointState.UNINITIALIZED) {
      return;
    }
    link.setSource(link.getRemoteSource());
    link.setTarget(link.getRemoteTarget());
    if (link instanceof Receiver) {
      Receiver receiver = (Receiver) link;
      // Unset or 0 makes the SDK's send fail (BufferOverflowException); batches are sized from it.
      receiver.setMaxMessageSize(UnsignedLong.valueOf(server.maxMessageSize()));
      receiver.open();
      receiver.flow(CREDIT);
    } else {
      link.open();
      String address = address(link);
      repliesByAddress.put(address, (Sender) link);
      drainReplies(address);
    }
  }

  /** The address a link is attached to: its target (client sender, or the client's reply-to). */
  private static String address(Link link) {
    Target target = link.getRemoteTarget();
    return target == null ? "" : target.getAddress();
  }

  private void onDelivery(Delivery delivery) throws IOException {
    Link link = delivery.getLink();
    if (link instanceof Sender) {
      if (delivery.remotelySettled()) {
        delivery.settle();
      }
      return;
    }
    if (!delivery.isReadable() || delivery.isPartial()) {
      return; // frames of one message arrive over several reads: wait for all of it
    }
    Receiver receiver = (Receiver) link;
    byte[] bytes = new byte[delivery.pending()];
    int read = receiver.recv(bytes, 0, bytes.length);
    receiver.advance();
    String target = address(link);
    if ("$cbs".equals(target)) {
      Message request = decode(bytes, read);
      reply(request, putTokenReply(request));
      settle(delivery, Accepted.getInstance());
    } else if ("$management".equals(target)) {
      Message request = decode(bytes, read);
      reply(request, managementReply(request));
      settle(delivery, Accepted.getInstance());
    } else {
      onEvents(delivery, target, bytes, read);
    }
    if (receiver.getCredit() < CREDIT / 2) {
      receiver.flow(CREDIT - receiver.getCredit());
    }
  }

  private void onEvents(Delivery delivery, String target, byte[] bytes, int length)
      throws IOException {
    String partitionId = partitionOf(target);
    if (partitionId == null) {
      Rejected notFound = new Rejected();
      notFound.setError(
          new ErrorCondition(
              Symbol.valueOf("amqp:not-found"), "no messaging entity '" + target + "'"));
      settle(delivery, notFound);
      return;
    }
    if (server.takeDrop()) {
      cut(); // unrecorded and unacknowledged: the producer has to send it again
      throw new IOException("dropped on request");
    }
    String rejection = server.takeRejection();
    if (rejection != null) {
      Rejected rejected = new Rejected();
      rejected.setError(
          new ErrorCondition(Symbol.valueOf(rejection), "rejected on request by the test server"));
      settle(delivery, rejected);
      return;
    }
    long deliveryId = server.nextDeliveryId(length);
    server.record(
        decodeEvents(deliveryId, target, partitionId.isEmpty() ? null : partitionId, delivery, bytes, length));
    settle(delivery, Accepted.getInstance());
  }

  /** "" for the hub itself, the id for {@code hub/Partitions/N}, null for anything else. */
  private String partitionOf(String target) {
    String hub = server.hubName();
    if (hub.equals(target)) {
      return "";
    }
    String prefix = hub + "/Partitions/";
    if (target != null && target.startsWith(prefix)) {
      String id = target.substring(prefix.length());
      try {
        int p = Integer.parseInt(id);
        return p >= 0 && p < server.partitionCount() ? id : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private List<RecordedEvent> decodeEvents(
      long deliveryId,
      String target, String partitionId, Delivery delivery, byte[] bytes, int length) {
    List<RecordedEvent> out = new ArrayList<>();
    if (delivery.getMessageFormat() != BATCH_MESSAGE_FORMAT) {
      out.add(toEvent(deliveryId, target, partitionId, null, decode(bytes, length)));
      return out;
    }
    // The envelope carries the first event's annotations, then one data section per event, each
    // holding one complete encoded AMQP message.
    decoder.setByteBuffer(ByteBuffer.wrap(bytes, 0, length));
    String envelopeKey = null;
    ByteBuffer buffer = decoder.getByteBuffer();
    while (buffer.hasRemaining()) {
      Object section = decoder.readObject();
      if (section instanceof MessageAnnotations) {
        envelopeKey = partitionKey((MessageAnnotations) section);
      } else if (section instanceof Data) {
        Binary inner = ((Data) section).getValue();
        Message event = Proton.message();
        event.decode(inner.getArray(), inner.getArrayOffset(), inner.getLength());
        out.add(toEvent(deliveryId, target, partitionId, envelopeKey, event));
      }
    }
    return out;
  }

  private static RecordedEvent toEvent(
      long deliveryId,
      String target, String partitionId, String envelopeKey, Message m) {
    String key = partitionKey(m.getMessageAnnotations());
    Map<String, Object> props =
        m.getApplicationProperties() == null
            ? Collections.<String, Object>emptyMap()
            : m.getApplicationProperties().getValue();
    byte[] body = new byte[0];
    if (m.getBody() instanceof Data) {
      Binary b = ((Data) m.getBody()).getValue();
      body = new byte[b.getLength()];
      System.arraycopy(b.getArray(), b.getArrayOffset(), body, 0, b.getLength());
    } else if (m.getBody() instanceof AmqpValue) {
      body = String.valueOf(((AmqpValue) m.getBody()).getValue()).getBytes(StandardCharsets.UTF_8);
    }
    return new RecordedEvent(
        deliveryId,
        target, partitionId, key != null ? key : envelopeKey, m.getContentType(), props, body);
  }

  private static String partitionKey(MessageAnnotations annotations) {
    if (annotations == null || annotations.getValue() == null) {
      return null;
    }
    Object key = annotations.getValue().get(PARTITION_KEY);
    return key == null ? null : key.toString();
  }

  private static Message decode(byte[] bytes, int length) {
    Message m = Proton.message();
    m.decode(bytes, 0, length);
    return m;
  }

  private static void settle(Delivery delivery, org.apache.qpid.proton.amqp.transport.DeliveryState state) {
    delivery.disposition(state);
    delivery.settle();
  }

  /**
   * {@code $cbs} put-token: 200, or 401 with the reason when the server checks tokens and this one
   * does not pass (what Event Hubs answers, which the SDK turns into an unauthorized-access error).
   * The SDK needs an Integer status code, not a Long.
   */
  private Message putTokenReply(Message request) {
    if (!"put-token".equals(operation(request))) {
      return response(request, 400, null);
    }
    Map<String, Object> props = request.getApplicationProperties().getValue();
    Object token = request.getBody() instanceof AmqpValue ? ((AmqpValue) request.getBody()).getValue() : null;
    String refusal = server.refuseToken(String.valueOf(props.get("type")), token, String.valueOf(props.get("name")));
    return refusal == null ? response(request, 200, null) : response(request, 401, refusal, null);
  }

  private Message managementReply(Message request) {
    Map<String, Object> props = request.getApplicationProperties().getValue();
    String type = String.valueOf(props.get("type"));
    if (!"READ".equals(operation(request))) {
      return response(request, 404, null);
    }
    if (!server.hubName().equals(props.get("name"))) {
      // As for a send to an unknown entity: the SDK reports it as NOT_FOUND with this description.
      return response(request, 404, "no messaging entity '" + props.get("name") + "'", null);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if ("com.microsoft:eventhub".equals(type)) {
      String[] ids = new String[server.partitionCount()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = Integer.toString(i);
      }
      body.put("name", server.hubName());
      body.put("created_at", new Date(0));
      body.put("partition_ids", ids);
    } else if ("com.microsoft:partition".equals(type)) {
      body.put("name", server.hubName());
      body.put("partition", props.get("partition"));
      body.put("begin_sequence_number", 0L);
      body.put("last_enqueued_sequence_number", -1L);
      body.put("last_enqueued_offset", "-1");
      body.put("last_enqueued_time_utc", new Date(0));
      body.put("is_partition_empty", Boolean.TRUE);
    } else {
      return response(request, 404, null);
    }
    return response(request, 200, body);
  }

  private static String operation(Message request) {
    ApplicationProperties ap = request.getApplicationProperties();
    return ap == null ? null : String.valueOf(ap.getValue().get("operation"));
  }

  private static Message response(Message request, int status, Map<String, Object> body) {
    return response(request, status, status == 200 ? "OK" : "not supported by the test server", body);
  }

  private static Message response(Message request, int status, String description, Map<String, Object> body) {
    Message reply = Proton.message();
    Properties properties = new Properties();
    properties.setCorrelationId(request.getMessageId());
    reply.setProperties(properties);
    Map<String, Object> ap = new HashMap<>();
    ap.put("status-code", Integer.valueOf(status));
    ap.put("status-description", description);
    reply.setApplicationProperties(new ApplicationProperties(ap));
    if (body != null) {
      reply.setBody(new AmqpValue(body));
    }
    return reply;
  }

  /** Replies go on the link attached with target = the request's reply-to, once it has credit. */
  private void reply(Message request, Message reply) {
    String address = request.getReplyTo();
    pendingReplies.computeIfAbsent(address, a -> new ArrayDeque<>()).add(reply);
    drainReplies(address);
  }

  private void drainReplies(String address) {
    Sender sender = repliesByAddress.get(address);
    Deque<Message> queue = pendingReplies.get(address);
    if (sender == null || queue == null) {
      return;
    }
    while (!queue.isEmpty() && sender.getCredit() > 0) {
      Message reply = queue.poll();
      byte[] encoded = encode(reply);
      Delivery d = sender.delivery(Long.toString(deliveryTag++).getBytes(StandardCharsets.US_ASCII));
      sender.send(encoded, 0, encoded.length);
      sender.advance();
      d.settle();
    }
  }

  private static byte[] encode(Message m) {
    byte[] buf = new byte[4096];
    while (true) {
      try {
        int n = m.encode(buf, 0, buf.length);
        byte[] out = new byte[n];
        System.arraycopy(buf, 0, out, 0, n);
        return out;
      } catch (java.nio.BufferOverflowException e) {
        buf = new byte[buf.length * 2];
      }
    }
  }
}
