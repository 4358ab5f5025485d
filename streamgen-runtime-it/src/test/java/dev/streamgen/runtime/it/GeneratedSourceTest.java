package dev.streamgen.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.CodedInputStream;
import dev.streamgen.it.quickstart.EventsCatalog;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The streamgen source over the catalog the compiler generated from the seed's Quick Start YAML
 * (src/test/streamgen/events.yaml). Statistical checks use fixed seeds (deterministic outcomes) and
 * the 0.1% critical values of chi-square: a correct generator fails one seed in a thousand.
 */
class GeneratedSourceTest {
  private static final long START = 1_767_225_600_000_000L;
  private static final int ROWS = 200_000;
  private static List<Row> json;

  private static Dataset<Row> read(long rows, String... options) {
    org.apache.spark.sql.DataFrameReader r =
        ItSpark.session()
            .read()
            .format("streamgen")
            .option("catalog", EventsCatalog.class.getName())
            .option("rows", rows)
            .option("startTimeMicros", START);
    for (int i = 0; i < options.length; i += 2) {
      r = r.option(options[i], options[i + 1]);
    }
    return r.load();
  }

  @BeforeAll
  static void generate() {
    json = read(ROWS, "seed", "20260101", "partitionKeyField", "user_id").collectAsList();
  }

  /** Chi-square critical values at 0.999 by degrees of freedom. */
  private static final double[] CHI2_999 = {0, 10.83, 13.82, 16.27, 18.47, 20.52, 22.46, 24.32, 26.12, 27.88, 29.59};

  private static double chiSquare(long[] observed, double[] p) {
    long n = Arrays.stream(observed).sum();
    double chi = 0;
    for (int i = 0; i < observed.length; i++) {
      double e = n * p[i];
      chi += (observed[i] - e) * (observed[i] - e) / e;
    }
    return chi;
  }

  @Test
  void sameRowsForOneAndSevenPartitions() {
    List<Row> one = read(20_000, "seed", "3", "partitions", "1", "format", "avro").collectAsList();
    List<Row> seven = read(20_000, "seed", "3", "partitions", "7", "format", "avro").collectAsList();
    assertThat(seven).isEqualTo(one);
  }

  @Test
  void typeMixFollowsTheYamlWeights() {
    long[] counts = new long[3];
    List<String> ids = Arrays.asList("user.session.start", "user.purchase", "user.session.end");
    for (Row r : json) {
      counts[ids.indexOf(r.getString(0))]++;
    }
    assertThat(chiSquare(counts, new double[] {0.5, 0.3, 0.2})).isLessThan(CHI2_999[2]);
  }

  @Test
  void fieldValuesFollowTheirDeclarations() {
    long[] userIdDeciles = new long[10];
    long[] amountDeciles = new long[10];
    long[] durationDeciles = new long[10];
    Map<String, Long> devices = new HashMap<>();
    for (Row r : json) {
      JsonNode e = Payloads.json((byte[]) r.get(3));
      long userId = e.get("user_id").asLong();
      assertThat(userId).isBetween(1L, 1_000_000L);
      userIdDeciles[(int) ((userId - 1) / 100_000)]++;
      assertThat(r.getString(2)).as("partition key = user_id").isEqualTo(Long.toString(userId));
      switch (r.getString(0)) {
        case "user.session.start":
          assertThat(UUID.fromString(e.get("session_id").asText()).version()).isEqualTo(4);
          devices.merge(e.get("device_type").asText(), 1L, Long::sum);
          assertThat(e.size()).isEqualTo(3);
          break;
        case "user.purchase":
          assertThat(UUID.fromString(e.get("transaction_id").asText()).version()).isEqualTo(4);
          double amount = e.get("amount").asDouble();
          assertThat(amount).isGreaterThanOrEqualTo(0.99).isLessThan(999.99);
          amountDeciles[(int) ((amount - 0.99) / 99.9)]++;
          break;
        case "user.session.end":
          long d = e.get("session_duration_sec").asLong();
          assertThat(d).isBetween(60L, 7200L);
          durationDeciles[(int) ((d - 60) * 10 / 7141)]++;
          break;
        default:
          throw new AssertionError(r.getString(0));
      }
    }
    double[] uniform = new double[10];
    Arrays.fill(uniform, 0.1);
    // user_id: 1..1e6 in ten equal bins; amount: ten equal bins of [0.99, 999.99).
    assertThat(chiSquare(userIdDeciles, uniform)).isLessThan(CHI2_999[9]);
    assertThat(chiSquare(amountDeciles, uniform)).isLessThan(CHI2_999[9]);
    // session_duration_sec: 7141 values in bins of 714/715 values, so p differs by < 0.02%.
    double[] durationP = new double[10];
    for (int b = 0; b < 10; b++) {
      long lo = (long) Math.ceil(b * 7141 / 10.0);
      long hi = (long) Math.ceil((b + 1) * 7141 / 10.0);
      durationP[b] = (hi - lo) / 7141.0;
    }
    assertThat(chiSquare(durationDeciles, durationP)).isLessThan(CHI2_999[9]);
    // device_type values by weights [0.4, 0.4, 0.2].
    long[] deviceCounts = {devices.get("iOS"), devices.get("Android"), devices.get("Web")};
    assertThat(devices).hasSize(3);
    assertThat(chiSquare(deviceCounts, new double[] {0.4, 0.4, 0.2})).isLessThan(CHI2_999[2]);
  }

  @Test
  void avroPayloadsDecodeWithTheGeneratedSchemasAndMatchJson() {
    List<Row> avro = read(2_000, "seed", "20260101", "format", "avro").collectAsList();
    Payloads.Avro decoder = new Payloads.Avro();
    for (int i = 0; i < avro.size(); i++) {
      Row a = avro.get(i);
      GenericRecord record = decoder.decode((byte[]) a.get(3));
      assertThat(decoder.schema((byte[]) a.get(3)).getDoc()).isEqualTo("streamgen event type " + a.getString(0));
      JsonNode same = Payloads.json((byte[]) json.get(i).get(3));
      assertThat(json.get(i).getString(0)).isEqualTo(a.getString(0));
      assertThat(((Number) record.get("user_id")).longValue()).isEqualTo(same.get("user_id").asLong());
      if (a.getString(0).equals("user.purchase")) {
        assertThat((Double) record.get("amount")).isEqualTo(same.get("amount").asDouble());
        assertThat(record.get("transaction_id").toString()).isEqualTo(same.get("transaction_id").asText());
      }
    }
  }

  @Test
  void protobufEnvelopeDecodesWithProtobufJava() throws Exception {
    List<Row> proto = read(2_000, "seed", "20260101", "format", "protobuf", "envelope", "true").collectAsList();
    for (int i = 0; i < proto.size(); i++) {
      Row p = proto.get(i);
      CodedInputStream envelope = CodedInputStream.newInstance((byte[]) p.get(3));
      assertThat(envelope.readTag()).isEqualTo(10);
      assertThat(envelope.readString()).isEqualTo(p.getString(0));
      assertThat(envelope.readTag()).isEqualTo(18);
      CodedInputStream event = CodedInputStream.newInstance(envelope.readByteArray());
      assertThat(envelope.isAtEnd()).isTrue();
      // Field 1 of every message is user_id (int32).
      assertThat(event.readTag()).isEqualTo(8);
      JsonNode same = Payloads.json((byte[]) json.get(i).get(3));
      assertThat((long) event.readInt32()).isEqualTo(same.get("user_id").asLong());
    }
  }
}
