package dev.streamgen.runtime.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The kernel every compiled type runs, over one generator of each kind: the row writers equal "draw,
 * then encode the value" (what the typed event classes do), the binary layout reads back through
 * each kind's reader, and a kernel refuses fields built for other positions.
 */
class EventTypeKernelTest {
  private static final long SEED = 11;
  private static final long TIME = 1_767_225_600_123_456L;

  private final IntField count = new IntField("count", 0, 101, -5, 5);
  private final FloatField price = new FloatField("price", 1, 102, 0.5, 2.5);
  private final StringField device = new StringField("device", 2, 103, new String[] {"iOS", "Android", "Web"}, new double[] {0.4, 0.8});
  private final UuidField id = new UuidField("id", 3, 104);
  private final TimestampField at = new TimestampField("at", 4);
  private final EventTypeKernel kernel = new EventTypeKernel("t.one", 0x1234L, count, price, device, id, at);

  @Test
  void rowWritersEqualTheTypedValuesEncoded() {
    for (long row = 0; row < 500; row++) {
      int c = count.value(SEED, row, TIME);
      double p = price.value(SEED, row, TIME);
      String d = device.value(SEED, row, TIME);
      UUID u = id.value(SEED, row, TIME);
      long t = at.value(SEED, row, TIME);
      for (Format format : Format.values()) {
        ByteWriter typed = new ByteWriter();
        switch (format) {
          case JSON:
            count.writeJson(typed, c);
            price.writeJson(typed, p);
            device.writeJson(typed, d);
            id.writeJson(typed, u);
            at.writeJson(typed, t);
            typed.write('}');
            break;
          case AVRO:
            typed.write(kernel.avroHeader());
            count.writeAvro(typed, c);
            price.writeAvro(typed, p);
            device.writeAvro(typed, d);
            id.writeAvro(typed, u);
            at.writeAvro(typed, t);
            break;
          case BINARY:
            count.writeBinary(typed, c);
            price.writeBinary(typed, p);
            device.writeBinary(typed, d);
            id.writeBinary(typed, u);
            at.writeBinary(typed, t);
            break;
          default:
            count.writeProtobuf(typed, c);
            price.writeProtobuf(typed, p);
            device.writeProtobuf(typed, d);
            id.writeProtobuf(typed, u);
            at.writeProtobuf(typed, t);
        }
        assertThat(bytes(format, row)).as("%s row %d", format, row).isEqualTo(typed.toByteArray());
      }
      assertThat(BinaryDecoder.decode(bytes(Format.BINARY, row), Arrays.asList("int", "float", "string", "uuid", "timestamp")))
          .containsExactly(c, p, d, u, t);
      assertThat(kernel.fieldText(SEED, row, TIME, 0)).isEqualTo(Integer.toString(c));
      assertThat(kernel.fieldText(SEED, row, TIME, 2)).isEqualTo(d);
      assertThat(kernel.fieldText(SEED, row, TIME, 3)).isEqualTo(u.toString());
    }
  }

  @Test
  void jsonHasTheDeclaredKeysInOrderAndAnEmptyTypeIsAnEmptyObject() {
    String json = new String(bytes(Format.JSON, 3), StandardCharsets.UTF_8);
    assertThat(json).startsWith("{\"count\":").contains(",\"price\":", ",\"device\":\"", ",\"id\":\"")
        .endsWith(",\"at\":\"2026-01-01T00:00:00.123456Z\"}");
    ByteWriter out = new ByteWriter();
    new EventTypeKernel("t.empty", 1L).write(SEED, 0, TIME, Format.JSON, out);
    assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void describesItsFieldsAndRejectsMisplacedOnes() {
    assertThat(kernel.fieldNames()).isEqualTo(List.of("count", "price", "device", "id", "at"));
    assertThat(kernel.field(2).kind()).isEqualTo("string");
    assertThatThrownBy(() -> new EventTypeKernel("t.two", 1L, price))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event type 't.two': field 0 ('price') was built with index 1");
    assertThatThrownBy(() -> kernel.fieldText(SEED, 0, TIME, 5))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("field 5 of t.one; it has 5");
    assertThatThrownBy(() -> new StringField("s", 0, 1, new String[] {"a", "b"}, new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 's': 2 values need 1 cuts, got 0");
  }

  private byte[] bytes(Format format, long row) {
    ByteWriter out = new ByteWriter();
    kernel.write(SEED, row, TIME, format, out);
    return out.toByteArray();
  }
}
