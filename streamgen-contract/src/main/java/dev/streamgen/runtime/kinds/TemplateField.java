package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.encode.Uuids;
import java.nio.charset.StandardCharsets;

/**
 * {@code type: template}: literal text with placeholders ({@code order-{{int:1000..9999}}-{{enum:A|B}}}),
 * as {@link Part}s the compiler parsed; nothing is parsed at run time. Placeholder {@code k} (counting
 * draws from 0, a uuid takes two) draws from the hash on the field's salt + k. Encoded as a {@code
 * string} in every format.
 *
 * <p>Packed: salt, Protobuf tag, the number of parts, then each part: its code and its constants (a
 * literal: its UTF-8 reference; an int: min, max; an enum: the number of choices, the cuts as double
 * bits, a UTF-8 reference per choice; a uuid: nothing).
 */
public final class TemplateField extends FieldGenerator {
  static final int CODE = 14;

  private static final int LITERAL = 0;
  private static final int INT = 1;
  private static final int ENUM = 2;
  private static final int UUID = 3;

  private final long salt;
  private final Part[] parts;
  private final int protoTag;
  /** The parts packed alone, so the typed {@link #value} runs the same draw as the packed writer. */
  private final long[] code;
  private final byte[] bytes;

  public TemplateField(String name, int index, long salt, Part... parts) {
    super(name, index);
    this.salt = salt;
    this.parts = parts.clone();
    this.protoTag = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
    Packer own = new Packer();
    // The parts pack the same for every format (the format only chooses the encoder per row).
    pack(own, Format.JSON);
    this.code = own.code();
    this.bytes = own.byteArray();
  }

  /** Literal text. */
  public static Part literal(String text) {
    final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return new Part() {
      @Override
      void pack(Packer p) {
        p.word(LITERAL);
        p.ref(utf8);
      }
    };
  }

  /** {@code {{int:min..max}}}: a uniform whole number in [min, max], in decimal. */
  public static Part integer(final long min, final long max) {
    if (min > max || max - min + 1 <= 0) {
      throw new IllegalArgumentException("template int range [" + min + ", " + max + "] is not valid");
    }
    return new Part() {
      @Override
      void pack(Packer p) {
        p.word(INT);
        p.word(min);
        p.word(max);
      }
    };
  }

  /** {@code {{enum:A|B|C}}}: one of the choices, each equally likely. */
  public static Part choice(String... choices) {
    if (choices.length == 0) {
      throw new IllegalArgumentException("a template enum needs at least one choice");
    }
    final String[] values = choices.clone();
    final double[] cuts = equalCuts(values.length);
    return new Part() {
      @Override
      void pack(Packer p) {
        p.word(ENUM);
        p.word(values.length);
        for (double cut : cuts) {
          p.word(Double.doubleToRawLongBits(cut));
        }
        for (String v : values) {
          p.ref(v.getBytes(StandardCharsets.UTF_8));
        }
      }
    };
  }

  /** {@code {{uuid}}}: a version-4 UUID's text, as {@code type: uuid} draws it. */
  public static Part uuid() {
    return new Part() {
      @Override
      void pack(Packer p) {
        p.word(UUID);
      }
    };
  }

  /**
   * The cuts of {@code n} equally likely choices for {@link Rng#pick}: (i + 1) / n. Public so the
   * generated Spark column picks with the very same doubles.
   */
  public static double[] equalCuts(int n) {
    double[] cuts = new double[n - 1];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = (double) (i + 1) / n;
    }
    return cuts;
  }

  /** One piece of a template: packs its code and constants. */
  public abstract static class Part {
    Part() {}

    abstract void pack(Packer p);
  }

  @Override
  public String kind() {
    return "template";
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(salt);
    p.word(protoTag);
    p.word(parts.length);
    for (Part part : parts) {
      part.pack(p);
    }
  }

  public String value(long seed, long row, long eventTimeMicros) {
    return text(code, 0, bytes, seed, row);
  }

  public void writeJson(ByteWriter out, String value) {
    out.write(jsonKey);
    RowStrings.write(Format.JSON, out, value, protoTag);
  }

  public void writeAvro(ByteWriter out, String value) {
    RowStrings.write(Format.AVRO, out, value, protoTag);
  }

  public void writeBinary(ByteWriter out, String value) {
    RowStrings.write(Format.BINARY, out, value, protoTag);
  }

  public void writeProtobuf(ByteWriter out, String value) {
    RowStrings.write(Format.PROTOBUF, out, value, protoTag);
  }

  static void write(long[] code, int at, byte[] bytes, Format format, long seed, long row, ByteWriter out) {
    RowStrings.write(format, out, text(code, at, bytes, seed, row), (int) code[at + 1]);
  }

  /** The draw: the parts' texts in order, each placeholder on its own salt. */
  static String text(long[] code, int at, byte[] bytes, long seed, long row) {
    long salt = code[at];
    int parts = (int) code[at + 2];
    StringBuilder text = new StringBuilder();
    int w = at + 3;
    long draw = 0;
    for (int i = 0; i < parts; i++) {
      switch ((int) code[w]) {
        case LITERAL:
          text.append(RowStrings.text(bytes, code[w + 1]));
          w += 2;
          break;
        case INT:
          text.append(Rng.between(hash(seed, row, salt, draw++), code[w + 1], code[w + 2]));
          w += 3;
          break;
        case ENUM:
          int n = (int) code[w + 1];
          int picked = Rng.pick(hash(seed, row, salt, draw++), code, w + 2, n - 1);
          text.append(RowStrings.text(bytes, code[w + 2 + (n - 1) + picked]));
          w += 2 + (n - 1) + n;
          break;
        case UUID:
          long msb = Uuids.msb(hash(seed, row, salt, draw++));
          long lsb = Uuids.lsb(hash(seed, row, salt, draw++));
          text.append(Uuids.toString(msb, lsb));
          w += 1;
          break;
        default:
          throw new IllegalStateException("unknown template part code " + code[w]);
      }
    }
    return text.toString();
  }

  private static long hash(long seed, long row, long salt, long draw) {
    return Rng.hash(row, Rng.stream(seed, salt + draw));
  }
}
