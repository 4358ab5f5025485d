package dev.streamgen.runtime.sink.eventhubs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of a shared access connection string the sink needs before the SDK sees it, so a wrong
 * string fails at planning time with our message. Messages never repeat the string: it holds a key.
 */
final class EventHubsConnectionString {
  private final String fullyQualifiedNamespace;
  private final String entityPath;

  private EventHubsConnectionString(String fullyQualifiedNamespace, String entityPath) {
    this.fullyQualifiedNamespace = fullyQualifiedNamespace;
    this.entityPath = entityPath;
  }

  static EventHubsConnectionString parse(String connectionString) {
    Map<String, String> parts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String part : connectionString.split(";")) {
      if (part.trim().isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw invalid("a part has no key=value form");
      }
      parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
    }
    String endpoint = parts.get("Endpoint");
    if (endpoint == null || endpoint.isEmpty()) {
      throw invalid("it has no Endpoint=sb://<namespace>.servicebus.windows.net/ part");
    }
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw invalid("its Endpoint is not a URI like sb://<namespace>.servicebus.windows.net/");
    }
    if (uri.getHost() == null) {
      throw invalid("its Endpoint is not a URI like sb://<namespace>.servicebus.windows.net/");
    }
    boolean key = parts.containsKey("SharedAccessKeyName") && parts.containsKey("SharedAccessKey");
    boolean sas = parts.containsKey("SharedAccessSignature");
    if (!key && !sas) {
      throw invalid("it has neither SharedAccessKeyName and SharedAccessKey nor SharedAccessSignature");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String fqns = uri.getPort() > 0 ? host + ":" + uri.getPort() : host;
    String entityPath = parts.get("EntityPath");
    return new EventHubsConnectionString(fqns, entityPath == null || entityPath.isEmpty() ? null : entityPath);
  }

  private static IllegalArgumentException invalid(String problem) {
    return new IllegalArgumentException(
        "sink_config.connection_string is not an Event Hubs connection string: " + problem
            + "; copy it from the namespace's or event hub's 'Shared access policies' "
            + "(Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<policy>;"
            + "SharedAccessKey=<key>[;EntityPath=<hub>])");
  }

  /** Host (and port, when the endpoint names one) of the namespace. */
  String fullyQualifiedNamespace() {
    return fullyQualifiedNamespace;
  }

  /** The hub the string is scoped to, or null for a namespace-level string. */
  String entityPath() {
    return entityPath;
  }
}
