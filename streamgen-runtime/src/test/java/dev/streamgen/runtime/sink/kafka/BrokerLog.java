package dev.streamgen.runtime.sink.kafka;

import dev.streamgen.testkit.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.record.RecordBatch;

/**
 * The record batches of a topic as the broker stored them, read from its log segments: what the
 * producer sent (compression, producer id, batch sizes), which a consumer does not show. The broker
 * keeps the producer's batches as they are (its {@code compression.type} is {@code producer}).
 */
final class BrokerLog {
  /** One stored batch, copied out of the segment. */
  static final class Batch {
    final String compression;
    final long producerId;
    final int bytes;
    final int records;

    Batch(RecordBatch b) {
      this.compression = b.compressionType().name;
      this.producerId = b.producerId();
      this.bytes = b.sizeInBytes();
      this.records = b.countOrNull();
    }
  }

  private BrokerLog() {}

  static List<Batch> batches(KafkaBroker broker, String topic) {
    List<Batch> batches = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(broker.directory().resolve("data"))) {
      for (Path dir : dirs.filter(d -> d.getFileName().toString().matches(topic.replace(".", "\\.") + "-\\d+"))
          .collect(Collectors.toList())) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path log : files.filter(f -> f.toString().endsWith(".log")).collect(Collectors.toList())) {
            try (FileRecords records = FileRecords.open(log.toFile())) {
              for (RecordBatch b : records.batches()) {
                batches.add(new Batch(b));
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return batches;
  }
}
