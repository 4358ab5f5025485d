package dev.streamgen.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamgen.runtime.api.Format;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceOptionsTest {

  private static Map<String, String> options(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void readsKeysInAnyCase() {
    SourceOptions o =
        SourceOptions.parse(
            options("ROWS", "10", "rowspersecond", "250", "Format", "AVRO", "seed", "-3", "PARTITIONS", "7"));
    assertThat(o.rows()).isEqualTo(10L);
    assertThat(o.rowsPerSecond()).isEqualTo(250L);
    assertThat(o.format()).isEqualTo(Format.AVRO);
    assertThat(o.seed()).isEqualTo(-3L);
    assertThat(o.partitions()).isEqualTo(7);
  }

  @Test
  void defaultsAreDocumented() {
    SourceOptions o = SourceOptions.parse(options());
    assertThat(o.rowsPerSecond()).isEqualTo(1000L);
    assertThat(o.format()).isEqualTo(Format.JSON);
    assertThat(o.seed()).isZero();
    assertThat(o.maxRowsPerBatch()).isEqualTo(10_000L);
    assertThat(o.emitIntervalMillis()).isEqualTo(1000L);
    assertThat(o.partitionKeyField()).isNull();
    assertThat(o.rows()).isNull();
  }

  @Test
  void maxRowsPerBatchDefaultFollowsTheRate() {
    assertThat(SourceOptions.parse(options("rowsPerSecond", "5000")).maxRowsPerBatch()).isEqualTo(50_000L);
  }

  @Test
  void rateShapeReplacesTheConstantRateAndSizesTheBatchCapByItsPeak() {
    SourceOptions o = SourceOptions.parse(options("rate", "ramp 100 to 2000 over 1m", "rowsPerSecond", "10"));
    assertThat(o.rate().text()).isEqualTo("ramp 100 to 2000 over 1m");
    assertThat(o.maxRowsPerBatch()).isEqualTo(20_000L);
    assertThat(SourceOptions.parse(o.asMap()).rate()).isEqualTo(o.rate());
    assertThat(SourceOptions.parse(options("rowsPerSecond", "10")).rate().isConstant()).isTrue();
  }

  @Test
  void rejectsAMalformedRateShapeSayingWhy() {
    assertThatThrownBy(() -> SourceOptions.parse(options("rate", "ramp 1 to 2 in 1m")))
        .hasMessage(
            "streamgen option 'rate' = 'ramp 1 to 2 in 1m': a ramp is written 'ramp 100 to 1000 over 10m',"
                + " e.g. .option(\"rate\", \"ramp 100 to 1000 over 10m\")");
  }

  @Test
  void speedMustBeAPositiveNumber() {
    assertThat(SourceOptions.parse(options("speed", "0.5")).speed()).isEqualTo(0.5);
    assertThat(SourceOptions.parse(options("speed", "60")).asMap()).containsEntry("speed", "60.0");
    for (String bad : new String[] {"0", "-1", "fast", "Infinity", "NaN"}) {
      assertThatThrownBy(() -> SourceOptions.parse(options("speed", bad)))
          .as(bad)
          .hasMessageStartingWith("streamgen option 'speed' = '" + bad + "': expected a number greater than 0");
    }
  }

  @Test
  void rejectsMisspeltOptionWithSuggestion() {
    assertThatThrownBy(() -> SourceOptions.parse(options("rowsPerSecnd", "5")))
        .hasMessage(
            "unknown streamgen option 'rowsPerSecnd'; did you mean 'rowsPerSecond'? (options: catalog, rows,"
                + " rowsPerSecond, rate, maxRows, durationSeconds, partitions, seed, format, envelope, partitionKeyField, startTimeMicros,"
                + " speed, maxRowsPerBatch, emitIntervalMillis, typeCounter, clock, faults, framing)");
  }

  @Test
  void rejectsNonNumericRate() {
    assertThatThrownBy(() -> SourceOptions.parse(options("rowsPerSecond", "fast")))
        .hasMessage(
            "streamgen option 'rowsPerSecond' = 'fast': expected a whole number greater than 0,"
                + " e.g. .option(\"rowsPerSecond\", \"1000\")");
  }

  @Test
  void rejectsZeroRows() {
    assertThatThrownBy(() -> SourceOptions.parse(options("rows", "0")))
        .hasMessage(
            "streamgen option 'rows' = '0': expected a whole number greater than 0, e.g. .option(\"rows\", \"1000000\")");
  }

  @Test
  void rejectsUnknownFormat() {
    assertThatThrownBy(() -> SourceOptions.parse(options("format", "xml")))
        .hasMessage(
            "streamgen option 'format' = 'xml': expected one of json, avro, binary, protobuf, e.g. .option(\"format\", \"json\")");
  }

  @Test
  void envelopeNeedsProtobuf() {
    assertThatThrownBy(() -> SourceOptions.parse(options("envelope", "true", "format", "json")))
        .hasMessage(
            "streamgen option 'envelope' = 'true' needs format protobuf (format is 'json'): remove the envelope"
                + " option or set .option(\"format\", \"protobuf\")");
    assertThat(SourceOptions.parse(options("envelope", "true", "format", "protobuf")).envelope()).isTrue();
  }

  @Test
  void rejectsNonBooleanEnvelope() {
    assertThatThrownBy(() -> SourceOptions.parse(options("envelope", "yes")))
        .hasMessage("streamgen option 'envelope' = 'yes': expected true or false, e.g. .option(\"envelope\", \"true\")");
  }

  @Test
  void asMapRoundTrips() {
    SourceOptions o =
        SourceOptions.parse(
            options("rows", "10", "format", "protobuf", "envelope", "true", "partitionKeyField", "user_id",
                "startTimeMicros", "5", "maxRowsPerBatch", "9", "emitIntervalMillis", "0"));
    assertThat(SourceOptions.parse(o.asMap()).asMap()).isEqualTo(o.asMap());
    assertThat(o.asMap())
        .containsEntry("rows", "10")
        .containsEntry("envelope", "true")
        .containsEntry("emitIntervalMillis", "0");
  }
}
