package dev.streamgen.runtime.source;

import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/** A batch read: rows [0, rows) dealt to partitions by {@link RowSplit}, event times from one origin. */
final class StreamgenBatch implements Batch {
  private final GenerationPlan plan;
  private final long rows;
  private final int partitions;
  private final long startMicros;

  StreamgenBatch(GenerationPlan plan, long rows, int partitions, long startMicros) {
    this.plan = plan;
    this.rows = rows;
    this.partitions = partitions;
    this.startMicros = startMicros;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    return plan.rowSplit().split(0, rows, partitions, startMicros);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new RowRangeReader.Factory(plan);
  }
}
