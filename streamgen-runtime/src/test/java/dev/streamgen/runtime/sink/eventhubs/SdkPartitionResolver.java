package dev.streamgen.runtime.sink.eventhubs;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

/**
 * The Azure SDK's own key → partition resolver ({@code com.azure.messaging.eventhubs.PartitionResolver},
 * package-private, used by its buffered producer), reached by reflection: the independent reference
 * the tests hold {@link PartitionKeyHash} and the sink's routing against.
 */
final class SdkPartitionResolver {
  private static final Object RESOLVER;
  private static final Method ASSIGN;
  private static final Method HASH;

  static {
    try {
      Class<?> c = Class.forName("com.azure.messaging.eventhubs.PartitionResolver");
      Constructor<?> ctor = c.getDeclaredConstructor();
      ctor.setAccessible(true);
      RESOLVER = ctor.newInstance();
      ASSIGN = c.getDeclaredMethod("assignForPartitionKey", String.class, String[].class);
      ASSIGN.setAccessible(true);
      HASH = c.getDeclaredMethod("generateHashCode", String.class);
      HASH.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private SdkPartitionResolver() {}

  static short hash(String key) {
    try {
      return (Short) HASH.invoke(null, key);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The partition id, among {@code partitionIds}, the SDK's buffered producer sends {@code key} to. */
  static String partitionFor(String key, String... partitionIds) {
    try {
      return (String) ASSIGN.invoke(RESOLVER, key, partitionIds);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Partition ids "0" … "n-1", as Event Hubs numbers them. */
  static String[] ids(int n) {
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = String.valueOf(i);
    }
    return ids;
  }
}
