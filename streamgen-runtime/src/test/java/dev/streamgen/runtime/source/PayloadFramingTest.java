package dev.streamgen.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamgen.runtime.api.Format;
import org.junit.jupiter.api.Test;

class PayloadFramingTest {

  @Test
  void theSchemaIdsTravelAsTheOptionAndBackThroughSourceOptions() {
    PayloadFraming framing = PayloadFraming.confluent(new int[] {3, 1, 4});
    assertThat(framing.text()).isEqualTo("confluent:3,1,4");
    SourceOptions options = SourceOptions.builder().rows(10).framing(framing).build();
    assertThat(options.asMap()).containsEntry(SourceOptions.FRAMING, "confluent:3,1,4");
    assertThat(SourceOptions.parse(options.asMap()).framing()).isEqualTo(framing);
    assertThat(SourceOptions.builder().rows(10).build().asMap()).doesNotContainKey(SourceOptions.FRAMING);
  }

  @Test
  void eachTypeGetsItsOwnPrefixWithItsMessageIndex() {
    byte[][] prefixes = PayloadFraming.confluent(new int[] {9, 10}).prefixes(Format.PROTOBUF, 2);
    assertThat(prefixes[0]).containsExactly(0x00, 0x00, 0x00, 0x00, 0x09, 0x00);
    assertThat(prefixes[1]).containsExactly(0x00, 0x00, 0x00, 0x00, 0x0A, 0x02, 0x02);
    assertThat(PayloadFraming.NONE.prefixes(Format.AVRO, 2)).isNull();
  }

  @Test
  void rejectsAnOptionThatIsNoListOfIds() {
    assertThatThrownBy(() -> PayloadFraming.parse("confluent:1,x"))
        .hasMessage("streamgen option 'framing' = 'confluent:1,x': expected confluent:<schema id per event type,"
            + " comma-separated>, and schema id 1 ('x') is a whole number");
    assertThatThrownBy(() -> PayloadFraming.confluent(new int[] {1}).prefixes(Format.AVRO, 2))
        .hasMessage("streamgen option 'framing' has 1 schema ids but the catalog has 2 event types");
  }
}
