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
  void simulatedTimelineRoundTripsAndOldOffsetsReadAsRealTime() {
    StreamgenOffset o = new StreamgenOffset(7, 1767225600000000L, 1796601600000000L, 60);
    assertThat(o.json())
        .isEqualTo("{\"row\":7,\"startMicros\":1767225600000000,\"wallStartMicros\":1796601600000000,\"speed\":60.0}");
    StreamgenOffset back = StreamgenOffset.fromJson(o.json());
    assertThat(back.wallStartMicros()).isEqualTo(1796601600000000L);
    assertThat(back.speed()).isEqualTo(60.0);
    assertThat(back.withRow(9).json()).isEqualTo(o.json().replace("\"row\":7", "\"row\":9"));
    // A checkpoint written before simulated time: the wall clock is the event clock.
    StreamgenOffset old = StreamgenOffset.fromJson("{\"row\":3,\"startMicros\":5}");
    assertThat(old.simulated()).isFalse();
    assertThat(old.wallStartMicros()).isEqualTo(5);
    assertThat(old.eventElapsedMicros(1_000_001)).isEqualTo(1_000_001);
    assertThat(o.eventElapsedMicros(1_000_001)).isEqualTo(60_000_060);
    assertThat(new StreamgenOffset(0, 0, 0, 0.5).eventElapsedMicros(3)).isEqualTo(1);
    assertThatThrownBy(() -> StreamgenOffset.fromJson("{\"row\":3,\"startMicros\":5,\"wallStartMicros\":9}"))
        .hasMessageStartingWith("not a streamgen offset");
    assertThatThrownBy(() -> StreamgenOffset.fromJson("{\"row\":3,\"startMicros\":5,\"wallStartMicros\":9,\"speed\":0}"))
        .hasMessageStartingWith("not a streamgen offset");
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
