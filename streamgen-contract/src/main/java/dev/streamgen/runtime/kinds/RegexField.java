package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;

/**
 * {@code type: regex}: a string matching a regular expression of the documented subset, drawn by
 * walking the program of {@link Node}s the compiler parsed the expression into; nothing is parsed
 * at run time. Encoded as a {@code string} in every format.
 *
 * <p>Draws. Each node owns a fixed block of draw numbers, whatever the row draws: a class one, an
 * alternation one (which alternative) followed by each alternative's block, a repetition one (how
 * many times) followed by {@code max} blocks of its item, one per repetition, used or not. Draw
 * {@code k} hashes on the field's salt + k. Fixed numbers are what lets the Spark column, which
 * spells every repetition out, hash exactly what the walk hashes.
 *
 * <p>Packed: salt, Protobuf tag, then the program: each node is {@code op, words, draws} (its
 * length in words and its block size, so a walk skips a node without reading it) and its body: a
 * literal or a class, its chars, one per word; a sequence or an alternation, its count and items; a
 * repetition, min, max and its item.
 */
public final class RegexField extends FieldGenerator {
  static final int CODE = 25;

  private static final int LITERAL = 0;
  private static final int CHARS = 1;
  private static final int SEQUENCE = 2;
  private static final int ALTERNATIVES = 3;
  private static final int REPEAT = 4;

  private static final int WORDS = 1;
  private static final int DRAWS = 2;
  private static final int BODY = 3;

  private final long salt;
  private final Node program;
  private final int protoTag;
  /** The program packed alone, so the typed {@link #value} runs the same walk as the packed writer. */
  private final long[] code;

  public RegexField(String name, int index, long salt, Node program) {
    super(name, index);
    this.salt = salt;
    this.program = program;
    this.protoTag = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
    Packer own = new Packer();
    // The program packs the same for every format (the format only chooses the encoder per row).
    pack(own, Format.JSON);
    this.code = own.code();
  }

  /** Literal text. */
  public static Node literal(String text) {
    return new Chars(LITERAL, text, 0);
  }

  /** One of {@code members}, each equally likely. */
  public static Node chars(String members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a regex class needs at least one character");
    }
    return new Chars(CHARS, members, 1);
  }

  /** The items one after the other. */
  public static Node sequence(Node... items) {
    return new Items(SEQUENCE, items, 0);
  }

  /** One of the alternatives, each equally likely. */
  public static Node alternatives(Node... choices) {
    if (choices.length == 0) {
      throw new IllegalArgumentException("a regex alternation needs at least one alternative");
    }
    return new Items(ALTERNATIVES, choices, 1);
  }

  /** The item repeated a uniform number of times in [min, max]. */
  public static Node repeat(final int min, final int max, final Node item) {
    if (min < 0 || min > max) {
      throw new IllegalArgumentException("regex repetition {" + min + "," + max + "} is not valid");
    }
    return new Node(1 + (long) max * item.draws) {
      @Override
      void packBody(Packer p) {
        p.word(min);
        p.word(max);
        item.pack(p);
      }

      @Override
      int op() {
        return REPEAT;
      }
    };
  }

  /** One node of a regex program: packs its header and body. */
  public abstract static class Node {
    final long draws;

    Node(long draws) {
      this.draws = draws;
    }

    abstract int op();

    abstract void packBody(Packer p);

    final void pack(Packer p) {
      int start = p.word(op());
      int words = p.word(0);
      p.word(draws);
      packBody(p);
      p.set(words, p.words() - start);
    }
  }

  private static final class Chars extends Node {
    private final int op;
    private final String text;

    Chars(int op, String text, long draws) {
      super(draws);
      this.op = op;
      this.text = text;
    }

    @Override
    int op() {
      return op;
    }

    @Override
    void packBody(Packer p) {
      p.word(text.length());
      for (int i = 0; i < text.length(); i++) {
        p.word(text.charAt(i));
      }
    }
  }

  private static final class Items extends Node {
    private final int op;
    private final Node[] items;

    Items(int op, Node[] items, long ownDraws) {
      super(ownDraws + sumDraws(items));
      this.op = op;
      this.items = items.clone();
    }

    private static long sumDraws(Node[] items) {
      long sum = 0;
      for (Node item : items) {
        sum += item.draws;
      }
      return sum;
    }

    @Override
    int op() {
      return op;
    }

    @Override
    void packBody(Packer p) {
      p.word(items.length);
      for (Node item : items) {
        item.pack(p);
      }
    }
  }

  @Override
  public String kind() {
    return "regex";
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(salt);
    p.word(protoTag);
    program.pack(p);
  }

  public String value(long seed, long row, long eventTimeMicros) {
    return text(code, 0, seed, row);
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

  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    RowStrings.write(format, out, text(code, at, seed, row), (int) code[at + 1]);
  }

  /** The draw: the program walked from its first draw, salt + 0. */
  static String text(long[] code, int at, long seed, long row) {
    StringBuilder text = new StringBuilder();
    walk(code, at + 2, seed, row, code[at], 0, text);
    return text.toString();
  }

  /** Appends the text of the node at {@code at}, whose block of draws starts at {@code draw}. */
  private static void walk(long[] code, int at, long seed, long row, long salt, long draw, StringBuilder out) {
    int body = at + BODY;
    switch ((int) code[at]) {
      case LITERAL:
        for (int i = 0, n = (int) code[body]; i < n; i++) {
          out.append((char) code[body + 1 + i]);
        }
        return;
      case CHARS:
        out.append((char) code[body + 1 + (int) Rng.between(hash(seed, row, salt, draw), 0, code[body] - 1)]);
        return;
      case SEQUENCE:
        int w = body + 1;
        long d = draw;
        for (int i = 0, n = (int) code[body]; i < n; i++) {
          walk(code, w, seed, row, salt, d, out);
          d += code[w + DRAWS];
          w += (int) code[w + WORDS];
        }
        return;
      case ALTERNATIVES:
        long picked = Rng.between(hash(seed, row, salt, draw), 0, code[body] - 1);
        int choice = body + 1;
        long choiceDraw = draw + 1;
        for (long i = 0; i < picked; i++) {
          choiceDraw += code[choice + DRAWS];
          choice += (int) code[choice + WORDS];
        }
        walk(code, choice, seed, row, salt, choiceDraw, out);
        return;
      case REPEAT:
        long count = Rng.between(hash(seed, row, salt, draw), code[body], code[body + 1]);
        int item = body + 2;
        long itemDraws = code[item + DRAWS];
        for (long r = 0; r < count; r++) {
          walk(code, item, seed, row, salt, draw + 1 + r * itemDraws, out);
        }
        return;
      default:
        throw new IllegalStateException("unknown regex node code " + code[at]);
    }
  }

  private static long hash(long seed, long row, long salt, long draw) {
    return Rng.hash(row, Rng.stream(seed, salt + draw));
  }
}
