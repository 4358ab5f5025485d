package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.compiler.model.Identifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A field named like a type the generated code refers to by simple name would hide that type
 * (JLS 6.4.2), so {@link Identifiers#RESERVED} must list every such name: the imports and the
 * java.lang types of the generated sources.
 */
class ReservedNamesTest {
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?[\\w.]*\\.(\\w+);$", Pattern.MULTILINE);
  /**
   * A string literal, as the unrolled loop {@code "[^"\\]*(\\.[^"\\]*)*"}: it recurses once per
   * escape rather than once per character, so a faker pool's long literals do not overflow the stack.
   */
  private static final String STRING_LITERAL = "\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"";
  private static final Pattern CAPITALIZED = Pattern.compile("\\b[A-Z]\\w*\\b");

  @TempDir Path out;

  @Test
  void everySimpleTypeNameInGeneratedCodeIsReserved() throws IOException {
    CompileRequest request = GeneratedSources.request(GeneratedCodeTest.CONFIG, out);
    assertThat(Compiler.compile(request).errors()).isEmpty();
    Set<String> used = new TreeSet<>();
    for (Path file : GeneratedSources.files(request.javaOutputDirectory())) {
      String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll(STRING_LITERAL, "\"\"");
      Matcher imports = IMPORT.matcher(code);
      while (imports.find()) {
        used.add(imports.group(1));
      }
      Matcher words = CAPITALIZED.matcher(code);
      while (words.find()) {
        if (Identifiers.shadowsJavaLang(words.group())) {
          used.add(words.group());
        }
      }
    }
    used.addAll(Set.of("Kernel", "EVENT_TYPE_ID", "AVRO_FINGERPRINT"));
    assertThat(used).contains("Rng", "EventTypeKernel", "IntField", "String", "Override");
    assertThat(Identifiers.RESERVED).containsAll(used);
  }
}
