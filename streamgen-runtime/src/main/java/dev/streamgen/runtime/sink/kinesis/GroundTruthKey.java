package dev.streamgen.runtime.sink.kinesis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ground truth ({@code faults.ground_truth}) on a Kinesis record, which has no headers: the row index
 * and the duplicate flag go into the partition key, {@code <partition_key>|<row_index>} or {@code
 * <partition_key>|<row_index>|dup}, and the record's ExplicitHashKey is the hash Kinesis would have
 * given the original key (the MD5 of its UTF-8 bytes as an unsigned 128-bit decimal), so every record
 * lands on the shard its key would have without the suffix and per-key order holds. The payload is
 * untouched. A consumer reads the suffix from the right: the original key may itself contain '|'.
 * One per task: the digest is not thread-safe.
 */
final class GroundTruthKey {
  static final String SEPARATOR = "|";
  static final String DUPLICATE = "dup";

  private final MessageDigest md5;

  GroundTruthKey() {
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has MD5", e);
    }
  }

  /** The key sent; an empty or missing original stays as it is, for the batcher to refuse. */
  static String partitionKey(String key, long rowIndex, boolean duplicate) {
    if (key == null || key.isEmpty()) {
      return key;
    }
    return key + SEPARATOR + rowIndex + (duplicate ? SEPARATOR + DUPLICATE : "");
  }

  /** The hash key Kinesis derives from {@code key} itself; null for a missing key. */
  String explicitHashKey(String key) {
    if (key == null || key.isEmpty()) {
      return null;
    }
    return new BigInteger(1, md5.digest(key.getBytes(StandardCharsets.UTF_8))).toString();
  }
}
