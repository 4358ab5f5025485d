package dev.streamgen.runtime.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.settings.ConfigKeys;
import dev.streamgen.runtime.settings.KinesisKeys;
import dev.streamgen.runtime.settings.LocalSinkKeys;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinksTest {

  @Test
  void everySinkTypeOfTheTableHasAWriterAndNoOtherDoes() {
    assertThat(Sinks.types()).containsExactlyElementsOf(ConfigKeys.sinkTypes());
  }

  @Test
  void optionsAreTypedWithTheDefaultsOfTheTable() {
    Map<String, String> raw = new HashMap<>();
    raw.put("STREAM_NAME", " events ");
    raw.put("max_in_flight_requests", "8");
    SinkOptions o = new SinkOptions("kinesis", raw, Format.AVRO);
    assertThat(o.text(KinesisKeys.STREAM_NAME)).isEqualTo("events");
    assertThat(o.intNumber(KinesisKeys.MAX_IN_FLIGHT_REQUESTS)).isEqualTo(8);
    assertThat(o.number(KinesisKeys.MAX_REQUEST_BYTES)).isEqualTo(5L * 1024 * 1024);
    assertThat(o.flag(KinesisKeys.AUTO_SHARD_CALCULATION)).isFalse();
    assertThat(o.has(KinesisKeys.SHARD_COUNT)).isFalse();
    assertThat(o.format()).isEqualTo(Format.AVRO);
    assertThatThrownBy(() -> o.text(LocalSinkKeys.DELTA_PATH))
        .hasMessage("sink_config.path is not a key of sink type 'kinesis'");
  }

  @Test
  void theFormatTravelsToADataSourceAndBack() {
    SinkOptions o = new SinkOptions("kinesis", Collections.singletonMap("stream_name", "s"), Format.PROTOBUF);
    SinkOptions back = SinkOptions.fromDataSource("kinesis", o.dataSourceOptions());
    assertThat(back.format()).isEqualTo(Format.PROTOBUF);
    assertThat(back.text(KinesisKeys.STREAM_NAME)).isEqualTo("s");
  }

  @Test
  void defaultsOfAnotherModeAreNotFilledIn() {
    Map<String, String> raw = new HashMap<>();
    raw.put("connection_string", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v");
    raw.put("eventhub_name", "hub");
    raw.put("protocol", "kafka");
    SinkOptions kafkaMode = new SinkOptions("eventhubs", raw);
    assertThat(kafkaMode.has(dev.streamgen.runtime.settings.EventHubsKeys.TRANSPORT)).isFalse();
    assertThat(kafkaMode.has(dev.streamgen.runtime.settings.EventHubsKeys.MAX_RETRIES)).isTrue();
    raw.put("protocol", "amqp");
    assertThat(new SinkOptions("eventhubs", raw).text(dev.streamgen.runtime.settings.EventHubsKeys.TRANSPORT))
        .isEqualTo("amqp");
  }
}
