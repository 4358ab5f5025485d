package it.seed;

import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Enumeration;

/**
 * Finds the generated catalog the way the runtime does (the class-path index), and writes 50 events
 * of every type as JSON and as Avro, one per line: type, format, row, base64 payload. The verify
 * script decodes them with tools of its own.
 */
public final class SampleEvents {
  static final long SEED = 42L;
  static final long EVENT_TIME_MICROS = 1767225600000000L; // 2026-01-01T00:00:00Z
  static final int ROWS = 50;

  public static void main(String[] args) throws Exception {
    int types = 0;
    int events = 0;
    try (PrintWriter out = new PrintWriter(args[0], "UTF-8")) {
      Enumeration<URL> indexes = SampleEvents.class.getClassLoader().getResources(Catalog.INDEX_RESOURCE);
      while (indexes.hasMoreElements()) {
        try (BufferedReader index = new BufferedReader(
            new InputStreamReader(indexes.nextElement().openStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = index.readLine()) != null; ) {
            if (line.trim().isEmpty()) {
              continue;
            }
            Catalog catalog = (Catalog) Class.forName(line.trim()).getConstructor().newInstance();
            ByteWriter buffer = new ByteWriter();
            for (int t = 0; t < catalog.size(); t++, types++) {
              EventKernel kernel = catalog.kernel(t);
              for (Format format : new Format[] {Format.JSON, Format.AVRO}) {
                for (long row = 0; row < ROWS; row++, events++) {
                  buffer.reset();
                  kernel.write(SEED, row, EVENT_TIME_MICROS, format, buffer);
                  out.println(kernel.eventTypeId() + "\t" + format.configName() + "\t" + row + "\t"
                      + Base64.getEncoder().encodeToString(buffer.toByteArray()));
                }
              }
            }
          }
        }
      }
    }
    System.out.println("sampled " + events + " events of " + types + " event types");
  }
}
