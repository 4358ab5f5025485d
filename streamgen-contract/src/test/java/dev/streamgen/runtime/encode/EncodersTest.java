package dev.streamgen.runtime.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.runtime.kinds.BinaryDecoder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The byte-level encoders against the JDK and Jackson as references (never against themselves). */
class EncodersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ISO_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void timestampsMatchJavaTimeAcrossYears0To9999() {
    Random random = new Random(1);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    long max = Instant.parse("9999-12-31T23:59:59.999999Z").getEpochSecond() * 1_000_000L;
    long[] corners = {0, -1, 1, min, max, 951_782_400_000_000L /* 2000-02-29 */, -62_135_596_800_000_000L};
    for (long micros : corners) {
      assertThat(Timestamps.toIso(micros)).isEqualTo(ISO_MICROS.format(instant(micros)));
    }
    for (int i = 0; i < 100_000; i++) {
      long micros = min + (long) (random.nextDouble() * (max - min));
      assertThat(Timestamps.toIso(micros)).isEqualTo(ISO_MICROS.format(instant(micros)));
    }
  }

  @Test
  void datesMatchJavaTimeAcrossYears0To9999() {
    Random random = new Random(5);
    long min = LocalDate.parse("0000-01-01").toEpochDay();
    long max = LocalDate.parse("9999-12-31").toEpochDay();
    long[] corners = {0, -1, 1, min, max, LocalDate.parse("2000-02-29").toEpochDay(), LocalDate.parse("1900-03-01").toEpochDay()};
    for (long days : corners) {
      assertThat(Timestamps.dateText(days)).isEqualTo(LocalDate.ofEpochDay(days).toString());
    }
    for (int i = 0; i < 100_000; i++) {
      long days = min + (long) (random.nextDouble() * (max - min + 1));
      assertThat(Timestamps.dateText(days)).isEqualTo(LocalDate.ofEpochDay(days).toString());
    }
  }

  @Test
  void jsonStringsParseBackToTheOriginal() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x100; c++) {
      all.append(c);
    }
    List<String> samples =
        List.of("", "plain", "quote\" back\\ tab\t nl\n", all.toString(), "naïve ☃ 😀 𝄞", "€", "\u2028\u2029");
    for (String s : samples) {
      ByteWriter out = new ByteWriter(1);
      JsonWriter.writeString(out, s);
      assertThat(JSON.readValue(out.toByteArray(), String.class)).isEqualTo(s);
      assertThat(Arrays.copyOfRange(out.toByteArray(), 1, out.size() - 1))
          .as("UTF-8 like the JDK when nothing needs escaping")
          .satisfiesAnyOf(
              b -> assertThat(s).containsPattern("[\"\\\\\\x00-\\x1f]"),
              b -> assertThat(b).isEqualTo(s.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void unpairedSurrogatesBecomeTheReplacementCharacter() {
    ByteWriter out = new ByteWriter();
    Utf8.write(out, "a\uD800b");
    assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("a\uFFFDb");
    assertThat(Utf8.length("a\uD800b")).isEqualTo(out.size());
  }

  @Test
  void jsonNumbersParseBackExactly() throws Exception {
    Random random = new Random(2);
    for (int i = 0; i < 100_000; i++) {
      double d = i % 2 == 0 ? random.nextDouble() * 1000 - 500 : Double.longBitsToDouble(random.nextLong());
      if (!Double.isFinite(d)) {
        continue;
      }
      ByteWriter out = new ByteWriter(1);
      JsonWriter.writeDouble(out, d);
      assertThat(JSON.readTree(out.toByteArray()).doubleValue()).isEqualTo(d);
      long l = random.nextLong();
      out.reset();
      JsonWriter.writeLong(out, l);
      assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(Long.toString(l));
    }
    for (long l : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, 10, 9, 100}) {
      ByteWriter out = new ByteWriter(1);
      JsonWriter.writeLong(out, l);
      assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(Long.toString(l));
    }
    assertThatThrownBy(() -> JsonWriter.writeDouble(new ByteWriter(), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void doublesAreWrittenShortestAndReadBackExactly() {
    Random random = new Random(4);
    double[] corners = {
      0.03125, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.99, 999.99, 31.25, 1.5, 100.0, 1e15, 9007199254740991.0,
      4503599627370496.0, 4503599627370495.5, 0.0625, 0.5, 1.0, 2.0, 9.999999999999998, 99.99999999999999,
      Math.nextUp(1.0), Math.nextDown(1.0), Math.nextUp(0.03125), Math.nextDown(9007199254740992.0)
    };
    for (double d : corners) {
      checkShortest(d);
      checkShortest(-d);
    }
    for (int i = 0; i < 200_000; i++) {
      checkShortest(random.nextDouble() * 2000 - 1000);
      checkShortest(random.nextDouble());
      checkShortest(Math.scalb(1 + random.nextDouble(), random.nextInt(60) - 6));
    }
    assertThat(JsonWriter.doubleText(0.99)).isEqualTo("0.99");
    assertThat(JsonWriter.doubleText(100.0)).isEqualTo("100.0");
    assertThat(JsonWriter.doubleText(-0.0)).isEqualTo("-0.0");
    assertThat(JsonWriter.doubleText(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(JsonWriter.doubleText(1e-5)).isEqualTo("1.0E-5");
  }

  /** Reads back to the same double, and never has more significant digits than the JDK's form. */
  private static void checkShortest(double d) {
    String text = JsonWriter.doubleText(d);
    assertThat(Double.parseDouble(text)).as("%s -> %s", d, text).isEqualTo(d);
    assertThat(significantDigits(text)).as("%s -> %s vs %s", d, text, Double.toString(d))
        .isLessThanOrEqualTo(significantDigits(Double.toString(d)));
    assertThat(text).matches("-?(0|[1-9][0-9]*)\\.[0-9]+(E-?[0-9]+)?");
  }

  private static int significantDigits(String text) {
    String mantissa = text.replaceAll("E.*", "").replace("-", "").replace(".", "");
    mantissa = mantissa.replaceAll("^0+", "").replaceAll("0+$", "");
    return Math.max(1, mantissa.length());
  }

  @Test
  void decimalsMatchBigDecimalTextAndBigIntegerBytes() {
    Random random = new Random(3);
    long limit = Decimals.pow10(Decimals.MAX_PRECISION) - 1;
    for (int i = 0; i < 100_000; i++) {
      long unscaled = i < 20 ? new long[] {0, 1, -1, 127, 128, -128, -129, 255, 256, limit, -limit}[i % 11] : random.nextLong() % (limit + 1);
      int scale = random.nextInt(Decimals.MAX_PRECISION + 1);
      String text = BigDecimal.valueOf(unscaled, scale).toPlainString();
      ByteWriter plain = new ByteWriter(1);
      Decimals.writePlain(plain, unscaled, scale);
      assertThat(new String(plain.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(text);
      assertThat(Decimals.plainLength(unscaled, scale)).isEqualTo(text.length());
      assertThat(Decimals.text(unscaled, scale)).isEqualTo(text);
      // Avro decimal: zig-zag count, then BigInteger's minimal two's-complement bytes.
      byte[] twos = BigInteger.valueOf(unscaled).toByteArray();
      ByteWriter avro = new ByteWriter(1);
      AvroWriter.writeDecimal(avro, unscaled);
      assertThat(avro.toByteArray()[0]).isEqualTo((byte) (2 * twos.length));
      assertThat(Arrays.copyOfRange(avro.toByteArray(), 1, avro.size())).isEqualTo(twos);
    }
  }

  @Test
  void bytesInJsonAreStandardPaddedBase64() throws Exception {
    for (int n = 0; n < 10; n++) {
      byte[] value = new byte[n];
      new Random(n).nextBytes(value);
      ByteWriter out = new ByteWriter(1);
      JsonWriter.writeBase64(out, value);
      assertThat(JSON.readValue(out.toByteArray(), String.class)).isEqualTo(Base64.getEncoder().encodeToString(value));
    }
  }

  @Test
  void uuidTextEqualsJavaUtilUuidAndHasVersion4() {
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      long msb = Uuids.msb(random.nextLong());
      long lsb = Uuids.lsb(random.nextLong());
      UUID uuid = new UUID(msb, lsb);
      assertThat(Uuids.toString(msb, lsb)).isEqualTo(uuid.toString());
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
    }
  }

  @Test
  void binaryDecoderRejectsShortAndLongPayloads() {
    ByteWriter out = new ByteWriter();
    BinaryWriter.writeInt(out, -7);
    BinaryWriter.writeString(out, "héllo");
    assertThat(BinaryDecoder.decode(out.toByteArray(), List.of("int", "string"))).containsExactly(-7, "héllo");
    assertThatThrownBy(() -> BinaryDecoder.decode(out.toByteArray(), List.of("int", "string", "int")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more needed");
    assertThatThrownBy(() -> BinaryDecoder.decode(out.toByteArray(), List.of("int")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bytes left");
  }

  @Test
  void insertedLengthsAreVarintsBeforeTheContent() {
    for (int length : new int[] {0, 1, 127, 128, 300, 16_383, 16_384, 70_000}) {
      ByteWriter out = new ByteWriter();
      out.write(0x0A); // a tag before the content stays where it is
      int start = out.size();
      for (int i = 0; i < length; i++) {
        out.write(i);
      }
      ProtobufWriter.insertLength(out, start);
      // The varint by the spec: 7 bits per byte, low group first, high bit = more follows.
      java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
      expected.write(0x0A);
      long rest = length;
      do {
        expected.write((int) (rest & 0x7F) | (rest >= 0x80 ? 0x80 : 0));
        rest >>>= 7;
      } while (rest != 0);
      for (int i = 0; i < length; i++) {
        expected.write(i);
      }
      assertThat(out.toByteArray()).as("length %s", length).isEqualTo(expected.toByteArray());
      assertThat(ProtobufWriter.varintSize(length)).isEqualTo(expected.size() - 1 - length);
    }
  }

  @Test
  void removeDropsBytesInTheMiddle() {
    ByteWriter out = new ByteWriter();
    out.write(new byte[] {1, 2, 3, 4, 5});
    out.remove(1, 2);
    assertThat(out.toByteArray()).containsExactly(1, 4, 5);
    out.remove(3, 0);
    assertThat(out.toByteArray()).containsExactly(1, 4, 5);
    assertThatThrownBy(() -> out.remove(2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void binaryDecoderReadsNestedStructsAndArrays() {
    ByteWriter out = new ByteWriter();
    BinaryWriter.writeInt(out, 7); // struct: int
    out.write(1); // its nullable array is present
    BinaryWriter.writeVarint(out, 2); // two items
    BinaryWriter.writeString(out, "a");
    BinaryWriter.writeString(out, "");
    out.write(0); // a null struct
    BinaryWriter.writeVarint(out, 0); // an empty array
    List<Object> values =
        BinaryDecoder.decode(out.toByteArray(), List.of("struct<int,array<string>?>", "struct<int>?", "array<struct<int,int>>"));
    assertThat(values).containsExactly(Arrays.asList(7, Arrays.asList("a", "")), null, List.of());
    assertThatThrownBy(() -> BinaryDecoder.decode(out.toByteArray(), List.of("struct<int")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected '>'");
    assertThatThrownBy(() -> BinaryDecoder.decode(out.toByteArray(), List.of("array<int>x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unexpected 'x'");
  }

  @Test
  void binaryDecoderReadsMapsInPayloadOrderAndRejectsRepeatedKeys() {
    ByteWriter out = new ByteWriter();
    BinaryWriter.writeVarint(out, 2); // two entries
    BinaryWriter.writeString(out, "z");
    BinaryWriter.writeInt(out, 1);
    BinaryWriter.writeString(out, "");
    BinaryWriter.writeInt(out, 2);
    out.write(0); // a null map
    List<Object> values = BinaryDecoder.decode(out.toByteArray(), List.of("map<int>", "map<struct<int>>?"));
    assertThat(values.get(1)).isNull();
    assertThat(((java.util.Map<?, ?>) values.get(0)).entrySet())
        .extracting(e -> e.getKey() + "=" + e.getValue())
        .containsExactly("z=1", "=2");
    ByteWriter twice = new ByteWriter();
    BinaryWriter.writeVarint(twice, 2);
    BinaryWriter.writeString(twice, "k");
    BinaryWriter.writeInt(twice, 1);
    BinaryWriter.writeString(twice, "k");
    BinaryWriter.writeInt(twice, 2);
    assertThatThrownBy(() -> BinaryDecoder.decode(twice.toByteArray(), List.of("map<int>")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("map key 'k' repeats");
  }

  @Test
  void binaryBooleansAreOneByteZeroOrOne() {
    ByteWriter out = new ByteWriter();
    BinaryWriter.writeBoolean(out, true);
    BinaryWriter.writeBoolean(out, false);
    assertThat(out.toByteArray()).containsExactly(1, 0);
    assertThat(BinaryDecoder.decode(out.toByteArray(), List.of("boolean", "boolean"))).containsExactly(true, false);
    assertThatThrownBy(() -> BinaryDecoder.decode(new byte[] {2}, List.of("boolean")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither 0 nor 1");
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
