package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import dev.streamgen.runtime.kinds.PackedCatalog;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins what the kernels write, byte for byte: every type, every format and every field's text for a
 * few rows and seeds, against {@code <config>.payloads} beside the config. The pinned files were
 * written by the compiler before kernels shared code by shape (one class of code per type), so
 * they prove the shared code computes exactly the values of the per-type code. The golden sources
 * pin the code; these pin what it does.
 *
 * <p>{@code entities.payloads} was pinned when pools, references and unique fields were added (its
 * references are checked against their targets in {@link EntityReferencesTest}); the packed catalog
 * writing the kernels' bytes is checked here for them too.
 *
 * <p>Regenerate only after an intended change of values ({@code -Dstreamgen.updateGolden=true}, as
 * for {@link GoldenFilesTest}), and review the diff.
 */
class PinnedPayloadsTest {
  private static final long[] SEEDS = {0, 42};
  private static final long[] ROWS = {0, 1, 2, 3, 1_000_000_007L, Long.MAX_VALUE};
  private static final long EVENT_TIME = 1_795_000_000_123_456L;

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "src/test/resources/golden/events.yaml, streamgen.generated.EventsCatalog",
    "src/test/resources/configs/all_kinds.yaml, streamgen.generated.AllKindsCatalog",
    "src/test/resources/configs/entities.yaml, streamgen.generated.EntitiesCatalog"
  })
  void kernelsWriteThePinnedBytes(Path config, String catalogClass) throws Exception {
    CompileRequest request = GeneratedSources.request(config, dir.resolve("out"));
    assertThat(Compiler.compile(request).errors()).isEmpty();
    List<String> lines = new ArrayList<>();
    // The same entries from the whole catalog packed, as the streamgen source runs it.
    List<String> packedLines = new ArrayList<>();
    try (URLClassLoader loader = GeneratedSources.compileAndLoad(request, dir.resolve("classes"))) {
      Catalog catalog = (Catalog) loader.loadClass(catalogClass).getConstructor().newInstance();
      List<EventTypeKernel> kernels = new ArrayList<>();
      for (int t = 0; t < catalog.size(); t++) {
        kernels.add((EventTypeKernel) catalog.kernel(t));
      }
      Map<Format, PackedCatalog> packed = new EnumMap<>(Format.class);
      for (Format format : Format.values()) {
        packed.put(format, PackedCatalog.of(kernels, format));
      }
      for (int t = 0; t < catalog.size(); t++) {
        EventKernel kernel = catalog.kernel(t);
        for (long seed : SEEDS) {
          for (long row : ROWS) {
            String at = kernel.eventTypeId() + " seed " + seed + " row " + row;
            for (Format format : Format.values()) {
              ByteWriter out = new ByteWriter();
              kernel.write(seed, row, EVENT_TIME, format, out);
              lines.add(at + " " + format.configName() + " " + HexFormat.of().formatHex(out.toByteArray()));
              ByteWriter fromPacked = new ByteWriter();
              packed.get(format).write(t, seed, row, EVENT_TIME, fromPacked);
              packedLines.add(at + " " + format.configName() + " " + HexFormat.of().formatHex(fromPacked.toByteArray()));
            }
            for (int f = 0; f < kernel.fieldNames().size(); f++) {
              // As hex, so a line break in a value cannot split an entry.
              String text = kernel.fieldText(seed, row, EVENT_TIME, f);
              lines.add(at + " text " + f + " " + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)));
              for (Format format : Format.values()) {
                String packedText = packed.get(format).fieldText(t, f, seed, row, EVENT_TIME);
                assertThat(packedText).as(at + " text " + f + " packed for " + format).isEqualTo(text);
              }
              packedLines.add(at + " text " + f + " " + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)));
            }
          }
        }
      }
    }
    String actual = String.join("\n", lines) + "\n";
    assertThat(String.join("\n", packedLines) + "\n").isEqualTo(actual);
    Path pinned = Path.of(config.toString().replaceFirst("\\.yaml$", ".payloads"));
    if (Boolean.getBoolean("streamgen.updateGolden")) {
      Files.writeString(pinned, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(pinned, StandardCharsets.UTF_8));
  }
}
