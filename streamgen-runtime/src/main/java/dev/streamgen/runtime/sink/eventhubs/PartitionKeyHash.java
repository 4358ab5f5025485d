package dev.streamgen.runtime.sink.eventhubs;

import java.nio.charset.StandardCharsets;

/**
 * The partition Event Hubs picks for a partition key, computed on the client: Bob Jenkins' lookup3
 * ({@code hashlittle2}, both seeds 0) over the key's UTF-8 bytes, the two 32-bit results XORed and
 * cut to a signed 16-bit value, and {@code |hash % partitionCount|} as the index into the hub's
 * partition ids. This is the service's own mapping as the Azure SDKs' buffered producers port it
 * (.NET and Java {@code PartitionResolver}), so an event sent to that partition lands where the
 * service would have put it had it been sent to the hub with its key.
 *
 * <p>Bytes are unsigned, as in lookup3, the service and the .NET SDK. The Java SDK's port (5.21)
 * sign-extends the 1–3 bytes after the last whole 4-byte word, so for keys ending in non-ASCII
 * characters it can choose another partition than this class (and the service).
 */
final class PartitionKeyHash {
  private PartitionKeyHash() {}

  /** The index of {@code key}'s partition among {@code partitionCount} partitions. */
  static int partitionIndex(String key, int partitionCount) {
    return Math.abs(hash(key) % partitionCount);
  }

  /** The service's 16-bit hash of {@code key}. */
  static short hash(String key) {
    byte[] data = key.getBytes(StandardCharsets.UTF_8);
    int a = 0xdeadbeef + data.length;
    int b = a;
    int c = a;
    int i = 0;
    int remaining = data.length;
    while (remaining > 12) {
      a += word(data, i);
      b += word(data, i + 4);
      c += word(data, i + 8);
      a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
      b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
      c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
      a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
      b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
      c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
      i += 12;
      remaining -= 12;
    }
    if (remaining == 0) {
      return (short) (c ^ b); // only the empty key: lookup3 skips the final mix
    }
    // The last 1..12 bytes, little-endian into a, b, c: what lookup3's fall-through switch adds.
    for (int k = 0; k < remaining; k++) {
      int v = (data[i + k] & 0xff) << (8 * (k & 3));
      if (k < 4) {
        a += v;
      } else if (k < 8) {
        b += v;
      } else {
        c += v;
      }
    }
    c ^= b; c -= Integer.rotateLeft(b, 14);
    a ^= c; a -= Integer.rotateLeft(c, 11);
    b ^= a; b -= Integer.rotateLeft(a, 25);
    c ^= b; c -= Integer.rotateLeft(b, 16);
    a ^= c; a -= Integer.rotateLeft(c, 4);
    b ^= a; b -= Integer.rotateLeft(a, 14);
    c ^= b; c -= Integer.rotateLeft(b, 24);
    return (short) (c ^ b);
  }

  /** Four bytes as a little-endian int. */
  private static int word(byte[] d, int i) {
    return (d[i] & 0xff) | (d[i + 1] & 0xff) << 8 | (d[i + 2] & 0xff) << 16 | (d[i + 3] & 0xff) << 24;
  }
}
