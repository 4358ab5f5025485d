package dev.streamgen.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamgenOffsetTest {
  @Test
  void jsonRoundTrip() {
    StreamgenOffset o = new StreamgenOffset(1234, 1767225600000000L);
    assertThat(o.json()).isEqualTo("{\"row\":1234,\"startMicros\":1767225600000000}");
    assertThat(StreamgenOffset.fromJson(o.json())).isEqualTo(o);
    assertThat(StreamgenOffset.fromJson("{\"startMicros\": -5, \"row\": 0}").startMicros()).isEqualTo(-5);
  }

  @Test
  void rejectsForeignOffsets() {
    assertThatThrownBy(() -> StreamgenOffset.fromJson("{\"topic\":{\"0\":15}}"))
        .hasMessage(
            "not a streamgen offset: '{\"topic\":{\"0\":15}}' (expected {\"row\":<n>,\"startMicros\":<n>});"
                + " was the checkpoint written by another source?");
    assertThatThrownBy(() -> StreamgenOffset.fromJson("12")).hasMessageStartingWith("not a streamgen offset: '12'");
    assertThatThrownBy(() -> StreamgenOffset.fromJson("{\"row\":1.5,\"startMicros\":0}"))
        .hasMessageStartingWith("not a streamgen offset");
  }
}
