package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.columns.UnifiedStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.CreateStreamRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamModeDetails;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountRequest;

/**
 * Gets the target stream ready before a query starts: checks it can be written, and with {@code
 * shard_count} or {@code auto_shard_calculation} creates it or changes its shard count, then waits
 * until it is ACTIVE (at most {@code stream_ready_timeout_seconds}).
 *
 * <p>{@code shard_count: N} makes the stream have exactly N open shards (raising or lowering).
 * {@code auto_shard_calculation: true} makes it have at least {@link ShardMath#requiredShards}
 * for the caller's target rate and measured record size; it never lowers a stream that already has
 * more. Resizing goes in UpdateShardCount steps that at most double or halve (AWS's rule); AWS also
 * allows only 10 such calls per stream per rolling 24 hours.
 */
public final class KinesisStreamProvisioner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KinesisStreamProvisioner.class);

  /** Error codes meaning the credentials themselves are wrong (not just lacking a permission). */
  private static final Set<String> BAD_CREDENTIAL_CODES =
      new HashSet<>(
          Arrays.asList(
              "UnrecognizedClientException",
              "InvalidSignatureException",
              "IncompleteSignatureException",
              "ExpiredTokenException",
              "InvalidClientTokenId",
              "MissingAuthenticationTokenException"));

  private static final long FIRST_POLL_MILLIS = 100;
  private static final long MAX_POLL_MILLIS = 2_000;

  private final KinesisSinkOptions options;
  private final KinesisClient client;

  /** Opens its own client; close the provisioner when done. */
  public KinesisStreamProvisioner(KinesisSinkOptions options) {
    this.options = options;
    this.client = KinesisClients.create(options);
  }

  /**
   * Applies the options' shard setting for a target rate: {@code shard_count} exactly, or {@code
   * auto_shard_calculation} from {@code targetEventsPerSecond} and {@code averageRecordBytes}
   * (data + partition key, see {@link #averageRecordBytes}). With neither, only checks the stream.
   */
  public Result provision(double targetEventsPerSecond, double averageRecordBytes) {
    if (options.shardCount() > 0) {
      return ensureShards(options.shardCount(), true);
    }
    if (options.autoShardCalculation()) {
      int required = ShardMath.requiredShards(targetEventsPerSecond, averageRecordBytes);
      LOG.info(
          "kinesis stream '{}': auto_shard_calculation for {} events/s of {} bytes: {} shards",
          options.streamName(), targetEventsPerSecond, Math.round(averageRecordBytes), required);
      return ensureShards(required, false);
    }
    return unchanged();
  }

  /**
   * As {@link #provision}, for a batch of {@code totalRows}: {@code auto_shard_calculation} sizes
   * the stream by {@link ShardMath#batchShards} with the options' {@code batch_target_seconds}.
   */
  public Result provisionBatch(long totalRows, double averageRecordBytes) {
    if (options.shardCount() > 0) {
      return ensureShards(options.shardCount(), true);
    }
    if (options.autoShardCalculation()) {
      int required =
          ShardMath.batchShards(totalRows, averageRecordBytes, options.batchTargetSeconds());
      LOG.info(
          "kinesis stream '{}': auto_shard_calculation for {} rows of {} bytes in {} s: {} shards",
          options.streamName(), totalRows, Math.round(averageRecordBytes),
          options.batchTargetSeconds(), required);
      return ensureShards(required, false);
    }
    return unchanged();
  }

  private Result unchanged() {
    StreamDescriptionSummary s = checkWritable();
    int open = s == null ? -1 : s.openShardCount();
    return new Result(options.streamName(), false, open, open, Collections.<Integer>emptyList());
  }

  /**
   * Creates the stream with {@code target} shards, or resizes it to {@code target} (only upwards
   * unless {@code mayLower}), and waits until it is ACTIVE.
   */
  public Result ensureShards(int target, boolean mayLower) {
    long deadline = deadline();
    StreamDescriptionSummary s = describe(deadline, false);
    if (s == null) {
      try {
        client.createStream(
            CreateStreamRequest.builder()
                .streamName(options.streamName())
                .shardCount(target)
                .streamModeDetails(
                    StreamModeDetails.builder().streamMode(StreamMode.PROVISIONED).build())
                .build());
        waitActive(deadline);
        LOG.info("kinesis stream '{}': created with {} shards at {}",
            options.streamName(), target, options.destination());
        return new Result(options.streamName(), true, 0, target, Collections.<Integer>emptyList());
      } catch (ResourceInUseException e) {
        // Someone created it meanwhile: resize it like any existing stream.
        s = describe(deadline, false);
      } catch (KinesisException e) {
        throw failed("creating it with " + target + " shards", e);
      }
    }
    if (s.streamStatus() == StreamStatus.DELETING) {
      throw KinesisErrors.streamDeleting(options);
    }
    if (s.streamModeDetails() != null
        && s.streamModeDetails().streamMode() == StreamMode.ON_DEMAND) {
      if (mayLower) {
        throw new IllegalStateException(
            "sink_config.shard_count (" + target + "): Kinesis stream '" + options.streamName()
                + "' is ON_DEMAND, which sizes itself; remove shard_count, or switch the stream to"
                + " PROVISIONED");
      }
      LOG.info("kinesis stream '{}' is ON_DEMAND: auto_shard_calculation leaves it as it is",
          options.streamName());
      return new Result(options.streamName(), false, -1, -1, Collections.<Integer>emptyList());
    }
    s = waitActive(deadline);
    int open = s.openShardCount();
    if (open == target || (open > target && !mayLower)) {
      return new Result(options.streamName(), false, open, open, Collections.<Integer>emptyList());
    }
    List<Integer> steps = ShardMath.resizeSteps(open, target);
    for (int step : steps) {
      try {
        client.updateShardCount(
            UpdateShardCountRequest.builder()
                .streamName(options.streamName())
                .targetShardCount(step)
                .scalingType(ScalingType.UNIFORM_SCALING)
                .build());
      } catch (KinesisException e) {
        throw failed("changing its shard count from " + open + " to " + step, e);
      }
      waitActive(deadline);
    }
    LOG.info("kinesis stream '{}': shard count changed from {} to {} (steps {})",
        options.streamName(), open, target, steps);
    return new Result(options.streamName(), false, open, target, steps);
  }

  /**
   * Fails with a clear message unless the stream exists, is not being deleted, and the endpoint
   * and credentials work. A principal allowed to write but not to describe gets a warning and the
   * write goes ahead (returns null then).
   */
  public StreamDescriptionSummary checkWritable() {
    StreamDescriptionSummary s = describe(deadline(), true);
    if (s == null) {
      return null;
    }
    if (s.streamStatus() == StreamStatus.DELETING) {
      throw KinesisErrors.streamDeleting(options);
    }
    return s;
  }

  /**
   * The average record size, data + partition key bytes, over a bounded sample of the unified
   * stream (for example a batch of a few thousand generated rows).
   */
  public static double averageRecordBytes(Dataset<Row> sample) {
    Row r =
        sample
            .agg(
                functions.avg(
                    functions
                        .length(functions.col(UnifiedStream.SERIALIZED_PAYLOAD))
                        .plus(functions.expr("octet_length(" + UnifiedStream.PARTITION_KEY + ")"))),
                functions.count(functions.lit(1)))
            .first();
    if (r.getLong(1) == 0) {
      throw new IllegalArgumentException(
          "auto_shard_calculation: the sample to measure the record size is empty; pass some"
              + " generated rows");
    }
    return r.getDouble(0);
  }

  @Override
  public void close() {
    client.close();
  }

  /**
   * The stream's summary. When it does not exist: null, or with {@code checkOnly} a clear error.
   * With {@code checkOnly}, a principal that may not describe the stream gets null and a warning.
   */
  private StreamDescriptionSummary describe(long deadline, boolean checkOnly) {
    long pause = FIRST_POLL_MILLIS;
    while (true) {
      try {
        return client
            .describeStreamSummary(
                DescribeStreamSummaryRequest.builder().streamName(options.streamName()).build())
            .streamDescriptionSummary();
      } catch (ResourceNotFoundException e) {
        if (checkOnly) {
          throw KinesisErrors.streamNotFound(options);
        }
        return null;
      } catch (LimitExceededException e) {
        // DescribeStreamSummary is rate-limited (20/s per account): wait and ask again.
        if (System.nanoTime() - deadline >= 0) {
          throw failed("describing it", e);
        }
        pause = sleep(pause);
      } catch (KinesisException e) {
        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
        if (code != null && BAD_CREDENTIAL_CODES.contains(code)) {
          throw KinesisErrors.credentialsRejected(options, code);
        }
        if ("AccessDeniedException".equals(code) && checkOnly) {
          LOG.warn("kinesis stream '{}': not allowed to describe it, so its existence is not"
              + " checked before writing", options.streamName());
          return null;
        }
        throw failed("describing it", e);
      } catch (SdkClientException e) {
        throw KinesisErrors.unreachable(options, e);
      }
    }
  }

  private StreamDescriptionSummary waitActive(long deadline) {
    long pause = FIRST_POLL_MILLIS;
    String status = "missing";
    while (true) {
      StreamDescriptionSummary s = describe(deadline, false);
      if (s != null) {
        if (s.streamStatus() == StreamStatus.ACTIVE) {
          return s;
        }
        if (s.streamStatus() == StreamStatus.DELETING) {
          throw KinesisErrors.streamDeleting(options);
        }
        status = s.streamStatusAsString();
      }
      if (System.nanoTime() - deadline >= 0) {
        throw KinesisErrors.streamNotReady(options, status, options.streamReadyTimeoutSeconds());
      }
      pause = sleep(pause);
    }
  }

  private long deadline() {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(options.streamReadyTimeoutSeconds());
  }

  private static long sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kinesis stream", e);
    }
    return Math.min(MAX_POLL_MILLIS, millis * 2);
  }

  private IllegalStateException failed(String action, KinesisException e) {
    String code =
        e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
            ? e.awsErrorDetails().errorCode()
            : e.getClass().getSimpleName();
    String message =
        e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
            ? e.awsErrorDetails().errorMessage()
            : e.getMessage();
    return new IllegalStateException(
        "kinesis stream '" + options.streamName() + "' at " + options.destination() + ": "
            + action + " failed with " + code + ": " + message
            + "; check the stream's limits and the principal's permissions",
        e);
  }

  /** What provisioning did; {@code shardsBefore} is 0 for a created stream, -1 when unknown. */
  public static final class Result {
    private final String streamName;
    private final boolean created;
    private final int shardsBefore;
    private final int shardsAfter;
    private final List<Integer> steps;

    Result(String streamName, boolean created, int shardsBefore, int shardsAfter,
        List<Integer> steps) {
      this.streamName = streamName;
      this.created = created;
      this.shardsBefore = shardsBefore;
      this.shardsAfter = shardsAfter;
      this.steps = steps;
    }

    public String streamName() {
      return streamName;
    }

    public boolean created() {
      return created;
    }

    public int shardsBefore() {
      return shardsBefore;
    }

    public int shardsAfter() {
      return shardsAfter;
    }

    /** The UpdateShardCount targets used, in order. */
    public List<Integer> steps() {
      return steps;
    }

    @Override
    public String toString() {
      return "kinesis stream '" + streamName + "': "
          + (created ? "created with " + shardsAfter + " shards"
              : shardsBefore == shardsAfter ? "unchanged at " + shardsAfter + " shards"
                  : "from " + shardsBefore + " to " + shardsAfter + " shards via " + steps);
    }
  }
}
