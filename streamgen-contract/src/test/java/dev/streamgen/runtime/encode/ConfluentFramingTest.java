package dev.streamgen.runtime.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.api.Format;
import org.junit.jupiter.api.Test;

/** The Confluent prefix, byte by byte as docs/formats.md shows it (expected bytes written out by hand). */
class ConfluentFramingTest {

  @Test
  void avroAndJsonGetTheMagicByteAndTheIdBigEndian() {
    assertThat(ConfluentFraming.prefix(Format.AVRO, 7, 3)).containsExactly(0x00, 0x00, 0x00, 0x00, 0x07);
    assertThat(ConfluentFraming.prefix(Format.JSON, 0x01020304, 0)).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04);
  }

  @Test
  void protobufsFirstMessageIsTheSingleByteZero() {
    assertThat(ConfluentFraming.prefix(Format.PROTOBUF, 256, 0)).containsExactly(0x00, 0x00, 0x00, 0x01, 0x00, 0x00);
  }

  @Test
  void protobufsOtherMessagesAreACountAndAnIndexAsZigZagVarints() {
    assertThat(ConfluentFraming.prefix(Format.PROTOBUF, 7, 2)).containsExactly(0x00, 0x00, 0x00, 0x00, 0x07, 0x02, 0x04);
    // 64 zig-zagged is 128: the varint 80 01.
    assertThat(ConfluentFraming.prefix(Format.PROTOBUF, 7, 64))
        .containsExactly(0x00, 0x00, 0x00, 0x00, 0x07, 0x02, 0x80, 0x01);
  }
}
