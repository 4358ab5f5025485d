package dev.streamgen.runtime.testing;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures everything logged through log4j2 (Spark's and ours) at INFO and above while open: the
 * root level is lowered for the duration, so INFO lines that would normally be filtered are seen.
 */
public final class LogCapture implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final WriterAppender appender;
  private final LoggerConfig root;
  private final Level previous;
  private final LoggerContext context;

  private LogCapture() {
    context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender =
        WriterAppender.createAppender(
            PatternLayout.newBuilder().withPattern("%p %c: %m%n%ex").build(), null, text, "capture", false, true);
    appender.start();
    root = config.getRootLogger();
    previous = root.getLevel();
    root.addAppender(appender, Level.INFO, null);
    root.setLevel(Level.INFO);
    context.updateLoggers();
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  public synchronized String text() {
    return text.toString();
  }

  @Override
  public void close() {
    root.removeAppender("capture");
    root.setLevel(previous);
    context.updateLoggers();
    appender.stop();
  }
}
