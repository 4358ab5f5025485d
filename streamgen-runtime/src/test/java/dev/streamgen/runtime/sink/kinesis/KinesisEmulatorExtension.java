package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.testkit.kinesis.KinesisEmulator;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the one emulator of this test run (started on first use, stopped when the whole run
 * ends), as a parameter of type {@link KinesisEmulator}.
 */
final class KinesisEmulatorExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KinesisEmulatorExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KinesisEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("emulator", k -> new Running(KinesisEmulator.start()), Running.class)
        .emulator;
  }

  /** Closed by JUnit when the root context ends, i.e. after the last test of the run. */
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    final KinesisEmulator emulator;

    Running(KinesisEmulator emulator) {
      this.emulator = emulator;
    }

    @Override
    public void close() {
      emulator.close();
    }
  }
}
