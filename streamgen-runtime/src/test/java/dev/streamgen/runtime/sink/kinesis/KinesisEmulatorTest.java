package dev.streamgen.runtime.sink.kinesis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamgen.testkit.kinesis.KinesisEmulator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture fails, never skips, when the machine cannot install the emulator. */
class KinesisEmulatorTest {

  @Test
  void withoutNpmTheTestsFailWithTheReason(@TempDir Path dir) {
    assertThatThrownBy(() -> KinesisEmulator.install(dir, "npm-missing-on-this-machine"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "cannot run 'npm-missing-on-this-machine' to install the Kinesis emulator"
                + " (kinesis-local@0.6.2); the Kinesis tests need Node.js and npm on the PATH"
                + " (Debian: apt-get install nodejs npm)");
  }
}
