package dev.streamgen.runtime.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ByteWriter;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** {@link RegexField}'s walk and draw numbering, and {@link StringField#pool} (type faker). */
class GeneratedStringsTest {
  private static final long SALT = 0x1234L;
  private static final long SEED = 5;

  private static long hash(long row, long draw) {
    return Rng.hash(row, Rng.stream(SEED, SALT + draw));
  }

  @Test
  void regexDrawsFromFixedBlocksWhateverTheRowDraws() {
    // (x|[ab]){1,3}-[0-9]: a repetition (draw 0) of 3 blocks of an alternation (1 pick + 1 class =
    // 2 draws each: 1..6), then a literal and a class (draw 7).
    RegexField field =
        new RegexField(
            "code",
            0,
            SALT,
            RegexField.sequence(
                RegexField.repeat(1, 3, RegexField.alternatives(RegexField.literal("x"), RegexField.chars("ab"))),
                RegexField.literal("-"),
                RegexField.chars("0123456789")));
    for (long row = 0; row < 500; row++) {
      StringBuilder expected = new StringBuilder();
      long count = Rng.between(hash(row, 0), 1, 3);
      for (long r = 0; r < count; r++) {
        long block = 1 + 2 * r;
        expected.append(Rng.between(hash(row, block), 0, 1) == 0 ? "x" : "ab".charAt((int) Rng.between(hash(row, block + 1), 0, 1)));
      }
      expected.append('-').append("0123456789".charAt((int) Rng.between(hash(row, 7), 0, 9)));
      String value = field.value(SEED, row, 0);
      assertThat(value).isEqualTo(expected.toString()).matches("(x|[ab]){1,3}-[0-9]");
      PackedCatalog packed = PackedCatalog.of(Collections.singletonList(new EventTypeKernel("t", 0L, field)), Format.BINARY);
      assertThat(packed.fieldText(0, 0, SEED, row, 0)).isEqualTo(value);
      ByteWriter out = new ByteWriter();
      packed.write(0, SEED, row, 0, out);
      // Binary: the length (one LEB128 byte here), then the ASCII text.
      assertThat(new String(out.toByteArray(), 1, value.length(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(value);
      assertThat(out.toByteArray()).startsWith((byte) value.length()).hasSize(1 + value.length());
    }
  }

  @Test
  void aPoolSplitsItsChunksAndDrawsLikeAStringFieldOfEqualWeights() {
    StringField pool = StringField.pool("name", 0, SALT, "Ann\0Bo\0", "Cé\0\0");
    assertThat(pool.values()).containsExactly("Ann", "Bo", "Cé", "");
    assertThat(pool.kind()).isEqualTo("faker");
    StringField plain = new StringField("name", 0, SALT, pool.values(), new double[] {0.25, 0.5, 0.75});
    assertThat(pool.cuts()).containsExactly(plain.cuts());
    for (long row = 0; row < 100; row++) {
      assertThat(pool.value(SEED, row, 0)).isEqualTo(plain.value(SEED, row, 0));
    }
    assertThatThrownBy(() -> StringField.pool("name", 0, SALT, "Ann\0Bo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must end with a separator");
  }
}
