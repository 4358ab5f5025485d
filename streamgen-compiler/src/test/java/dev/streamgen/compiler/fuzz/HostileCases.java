package dev.streamgen.compiler.fuzz;

import static dev.streamgen.compiler.fuzz.Mutations.bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hand-written attacks, run once each at the start of every fuzz run: resource bombs (billion
 * laughs, deep nesting, 100K-element lists, 2000-digit numbers, megabyte strings, 100K pools, a type
 * referring to 499 others), encodings, files that are all punctuation, and the widest pool under
 * every popularity. Sizes are what a hostile or broken file could plausibly hold.
 */
final class HostileCases {
  private HostileCases() {}

  record Hostile(String name, Supplier<byte[]> content) {}

  static final String VALID_TYPE =
      "  - event_type_id: \"a\"\n    weight: 1.0\n    fields:\n      x:\n        type: \"int\"\n        range: [1, 10]\n";

  static List<Hostile> all() {
    List<Hostile> all = new ArrayList<>();
    all.add(new Hostile("billion-laughs", HostileCases::billionLaughs));
    all.add(new Hostile("billion-laughs-as-fields", HostileCases::laughsAsFields));
    all.add(new Hostile("alias-as-event-type", () -> bytes(
        "event_types:\n  - &t {event_type_id: \"a\", weight: 0.5}\n  - *t\n")));
    all.add(new Hostile("merge-key", () -> bytes(
        "x: &f {type: \"int\", range: [1, 2]}\nevent_types:\n  - event_type_id: \"a\"\n    weight: 1\n    fields:\n      y:\n        <<: *f\n")));
    all.add(new Hostile("undefined-alias", () -> bytes("event_types: *nowhere\n")));
    all.add(new Hostile("recursive-anchor", () -> bytes("a: &x [*x]\nevent_types: *x\n")));
    for (int depth : new int[] {1_000, 10_000, 100_000}) {
      all.add(new Hostile("deep-flow-lists-" + depth, () -> bytes("event_types: " + "[".repeat(depth) + "]".repeat(depth) + "\n")));
      all.add(new Hostile("deep-flow-maps-" + depth, () -> bytes("common_fields: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth) + "\n")));
    }
    all.add(new Hostile("deep-block-maps-5000", () -> {
      StringBuilder b = new StringBuilder("common_fields:\n");
      for (int i = 1; i <= 5_000; i++) {
        b.append(" ".repeat(i)).append("k:\n");
      }
      return bytes(b.toString());
    }));
    all.add(new Hostile("deep-block-lists-5000", () -> {
      StringBuilder b = new StringBuilder("event_types:\n");
      for (int i = 1; i <= 5_000; i++) {
        b.append(" ".repeat(i)).append("-\n");
      }
      return bytes(b.toString());
    }));
    all.add(new Hostile("100k-event-types-same-id", () -> {
      StringBuilder b = new StringBuilder("event_types:\n");
      for (int i = 0; i < 100_000; i++) {
        b.append("  - {event_type_id: \"a\", weight: 0.00001}\n");
      }
      return bytes(b.toString());
    }));
    all.add(new Hostile("100k-event-types-scalars", () -> bytes("event_types: [" + "1, ".repeat(99_999) + "1]\n")));
    all.add(new Hostile("100k-string-values", () -> {
      StringBuilder b = new StringBuilder(VALID_TYPE.replace("type: \"int\"\n        range: [1, 10]", "type: \"string\"\n        values: ["));
      b.insert(0, "event_types:\n");
      int at = b.indexOf("values: [") + "values: [".length();
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < 100_000; i++) {
        values.append(i == 0 ? "" : ", ").append("v").append(i);
      }
      b.insert(at, values.append("]"));
      return bytes(b.toString());
    }));
    all.add(new Hostile("100k-weights", () -> bytes(
        "event_types:\n  - event_type_id: \"a\"\n    weight: 1\n    fields:\n      s:\n        type: \"string\"\n        values: [\"a\", \"b\"]\n        weights: ["
            + "0.00001, ".repeat(99_999) + "0.00001]\n")));
    all.add(new Hostile("100k-common-fields", () -> {
      StringBuilder b = new StringBuilder("common_fields:\n");
      for (int i = 0; i < 100_000; i++) {
        b.append("  f").append(i).append(": {type: \"uuid\"}\n");
      }
      return bytes(b.append("event_types:\n").append(VALID_TYPE).toString());
    }));
    all.add(new Hostile("100k-duplicate-keys", () -> bytes("common_fields:\n" + "  a: {type: \"uuid\"}\n".repeat(100_000) + "event_types:\n" + VALID_TYPE)));
    all.add(new Hostile("100k-range-items", () -> bytes(
        "event_types:\n  - event_type_id: \"a\"\n    weight: 1\n    fields:\n      x: {type: \"int\", range: [" + "1, ".repeat(99_999) + "1]}\n")));
    all.add(new Hostile("2000-digit-weight", () -> bytes("event_types:\n  - event_type_id: \"a\"\n    weight: " + "9".repeat(2000) + "\n")));
    all.add(new Hostile("2000-digit-fraction-weight", () -> bytes("event_types:\n  - event_type_id: \"a\"\n    weight: 0." + "9".repeat(2000) + "\n")));
    all.add(new Hostile("huge-exponent-range", () -> bytes(
        "event_types:\n  - event_type_id: \"a\"\n    weight: 1\n    fields:\n      x: {type: \"float\", range: [-1e308, 1e308]}\n")));
    all.add(new Hostile("subnormal-range", () -> bytes(
        "event_types:\n  - event_type_id: \"a\"\n    weight: 1\n    fields:\n      x: {type: \"float\", range: [4.9e-324, 4.9e-324]}\n")));
    all.add(new Hostile("nan-weights", () -> bytes(
        "event_types:\n  - {event_type_id: \"a\", weight: .nan}\n  - {event_type_id: \"b\", weight: .inf}\n  - {event_type_id: \"c\", weight: -.inf}\n")));
    all.add(new Hostile("one-megabyte-key", () -> bytes("\"" + "k".repeat(1 << 20) + "\": 1\nevent_types:\n" + VALID_TYPE)));
    all.add(new Hostile("one-megabyte-type-id", () -> bytes("event_types:\n  - {event_type_id: \"" + "a".repeat(1 << 20) + "\", weight: 1}\n")));
    all.add(new Hostile("one-megabyte-field-name", () -> bytes(
        "event_types:\n  - event_type_id: \"a\"\n    weight: 1\n    fields:\n      " + "f".repeat(1 << 20) + ": {type: \"uuid\"}\n")));
    all.add(new Hostile("70k-quoted-field-name", () -> bytes(
        "event_types:\n  - event_type_id: \"a\"\n    weight: 1\n    fields:\n      \"" + "f".repeat(70_000) + "\": {type: \"uuid\"}\n")));
    all.add(new Hostile("one-megabyte-value", () -> bytes(
        "event_types:\n  - event_type_id: \"a\"\n    weight: 1\n    fields:\n      s: {type: \"string\", values: [\"" + "v".repeat(1 << 20) + "\"]}\n")));
    all.add(new Hostile("ten-megabyte-comment", () -> bytes("# " + "c".repeat(10 << 20) + "\nevent_types:\n" + VALID_TYPE)));
    all.add(new Hostile("empty", () -> new byte[0]));
    all.add(new Hostile("whitespace-only", () -> bytes(" \n\t\n  \n")));
    all.add(new Hostile("comment-only", () -> bytes("# nothing here\n")));
    all.add(new Hostile("document-markers-only", () -> bytes("---\n...\n")));
    all.add(new Hostile("tilde", () -> bytes("~\n")));
    all.add(new Hostile("nul-bytes", () -> new byte[] {0, 0, 0, 0}));
    all.add(new Hostile("invalid-utf8", () -> Mutations.concat(bytes("event_types:\n  - event_type_id: \""), new byte[] {(byte) 0xc3, (byte) 0x28, '"', '\n'})));
    all.add(new Hostile("utf8-surrogate", () -> Mutations.concat(bytes("a: \""), new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '\n'})));
    all.add(new Hostile("utf8-overlong", () -> Mutations.concat(bytes("a: \""), new byte[] {(byte) 0xc0, (byte) 0xaf, '"', '\n'})));
    all.add(new Hostile("utf16-with-bom", () -> ("event_types:\n" + VALID_TYPE).getBytes(StandardCharsets.UTF_16)));
    all.add(new Hostile("utf32", () -> ("event_types:\n" + VALID_TYPE).getBytes(java.nio.charset.Charset.forName("UTF-32"))));
    all.add(new Hostile("utf8-bom", () -> Mutations.concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, bytes("event_types:\n" + VALID_TYPE))));
    all.add(new Hostile("bom-in-middle", () -> bytes("event_types:\n\ufeff" + VALID_TYPE)));
    all.add(new Hostile("tabs-as-indent", () -> bytes("event_types:\n" + VALID_TYPE.replace("    ", "\t"))));
    all.add(new Hostile("crlf", () -> bytes(("event_types:\n" + VALID_TYPE).replace("\n", "\r\n"))));
    all.add(new Hostile("cr-only", () -> bytes(("event_types:\n" + VALID_TYPE).replace("\n", "\r"))));
    all.add(new Hostile("no-final-newline", () -> bytes(("event_types:\n" + VALID_TYPE).stripTrailing())));
    all.add(new Hostile("json-syntax", () -> bytes("{\"event_types\": [{\"event_type_id\": \"a\", \"weight\": 1}]}")));
    all.add(new Hostile("control-chars-in-scalar", () -> bytes("event_types:\n  - {event_type_id: \"a\u0001\u0007\", weight: 1}\n")));
    all.add(new Hostile("unicode-field-names", () -> bytes(
        "event_types:\n  - event_type_id: \"a\"\n    weight: 1\n    fields:\n      名前: {type: \"uuid\"}\n      émoji_😀: {type: \"uuid\"}\n      \"\u202eevil\": {type: \"uuid\"}\n")));
    all.add(new Hostile("reserved-words-everywhere", () -> bytes(
        "common_fields:\n  class: {type: \"uuid\"}\n  message: {type: \"uuid\"}\n  syntax: {type: \"uuid\"}\n  record: {type: \"uuid\"}\n"
            + "event_types:\n  - event_type_id: \"Object\"\n    weight: 1\n    fields:\n      package: {type: \"uuid\"}\n      option: {type: \"uuid\"}\n")));
    all.add(new Hostile("all-punctuation", () -> bytes(":-[]{}&*!|>'\"%@`,?#\n")));
    all.add(new Hostile("complex-key", () -> bytes("? [a, b]\n: 1\nevent_types:\n" + VALID_TYPE)));
    all.add(new Hostile("mapping-as-key", () -> bytes("{a: 1}: 2\nevent_types:\n" + VALID_TYPE)));
    all.add(new Hostile("null-key", () -> bytes("~: 1\nnull: 2\n\"\": 3\nevent_types:\n" + VALID_TYPE)));
    all.add(new Hostile("many-documents", () -> bytes(("event_types:\n" + VALID_TYPE + "---\n").repeat(1000))));
    all.add(new Hostile("binary-tag-values", () -> bytes(
        "event_types:\n  - event_type_id: !!binary YQ==\n    weight: !!binary MQ==\n")));
    all.add(new Hostile("five-hundred-event-types", () -> {
      StringBuilder b = new StringBuilder("event_types:\n");
      for (int i = 0; i < 500; i++) {
        b.append("  - {event_type_id: \"t").append(i).append("\", weight: 0.002}\n");
      }
      return bytes(b.toString());
    }));
    all.add(new Hostile("100k-pools", () -> {
      StringBuilder b = new StringBuilder("entities:\n");
      for (int i = 0; i < 100_000; i++) {
        b.append("  p").append(i).append(": {count: 1, fields: {id: {type: \"uuid\"}}}\n");
      }
      return bytes(b.append("event_types:\n").append(VALID_TYPE).append("      u: {ref: p99999.id}\n").toString());
    }));
    all.add(new Hostile("widest-pool-every-popularity", () -> bytes(
        "entities:\n  p: {count: 4611686018427387904, fields: {id: {type: \"uuid\", unique: true}, n: {type: \"long\", "
            + "range: [-4611686018427387904, 4611686018427387902], unique: true}}}\n"
            + "event_types:\n  - event_type_id: \"a\"\n    weight: 1\n    fields:\n"
            + "      a: {ref: p.id, distribution: {type: zipf, exponent: 1.0000001}}\n"
            + "      b: {ref: p.n, role: r1, distribution: normal}\n"
            + "      c: {ref: p.n, role: r2, distribution: {type: lognormal, mu: 40, sigma: 3}}\n"
            + "      d: {ref: p.id, role: r3, distribution: {type: exponential, mean: 1e300}}\n"
            + "      e: {ref: p.n, role: r4, distribution: {type: buckets, buckets: [{range: [4611686018427387903, 4611686018427387903], weight: 1}]}}\n")));
    all.add(new Hostile("reference-cycle", () -> bytes(
        "event_types:\n  - event_type_id: \"a\"\n    weight: 0.5\n    fields:\n      x: {ref: b.y}\n"
            + "  - event_type_id: \"b\"\n    weight: 0.5\n    fields:\n      y: {ref: a.x}\n")));
    all.add(new Hostile("500-refs-to-500-types", () -> {
      StringBuilder b = new StringBuilder("event_types:\n  - event_type_id: \"r\"\n    weight: 0.002\n    fields:\n");
      for (int i = 0; i < 499; i++) {
        b.append("      f").append(i).append(": {ref: t").append(i).append(".id, match: 0.5}\n");
      }
      for (int i = 0; i < 499; i++) {
        b.append("  - {event_type_id: \"t").append(i).append("\", weight: 0.002, fields: {id: {type: \"uuid\"}}}\n");
      }
      return bytes(b.toString());
    }));
    return all;
  }

  private static byte[] billionLaughs() {
    StringBuilder b = new StringBuilder("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for (int i = 1; i < 10; i++) {
      b.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    return bytes(b.append("event_types: *a9\n").toString());
  }

  /** The bomb where the compiler would expand it: as the values of a string field. */
  private static byte[] laughsAsFields() {
    StringBuilder b = new StringBuilder("x0: &x0 [\"l\", \"o\", \"l\", \"z\"]\n");
    for (int i = 1; i < 12; i++) {
      b.append("x").append(i).append(": &x").append(i).append(" [*x").append(i - 1).append(", *x").append(i - 1)
          .append(", *x").append(i - 1).append(", *x").append(i - 1).append("]\n");
    }
    return bytes(b.append("event_types:\n  - event_type_id: \"a\"\n    weight: 1\n    fields:\n      s: {type: \"string\", values: *x11}\n").toString());
  }
}
