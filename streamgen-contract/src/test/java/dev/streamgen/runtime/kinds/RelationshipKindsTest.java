package dev.streamgen.runtime.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.api.RowsOfType;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The relationship kinds and what they stand on, each against an expectation computed another way:
 *
 * <ul>
 *   <li>{@link Permutation} is a bijection of [0, n) (every image distinct and in range) and takes
 *       its argument modulo n;
 *   <li>{@link RowsOfType} (object and packed {@code words()} form) says "of type t" exactly when
 *       {@link AliasTable#pick} of the row's type hash is t, and its {@code weight()} is the
 *       normalized weight;
 *   <li>{@link MemberPick} stays in the pool, uniform within a binomial bound, zipf with member 0
 *       the most popular;
 *   <li>{@link EmittedRows}: a matched row refers to an earlier row of the target type (as {@link
 *       AliasTable#pick} types it), every other row to a row that is not of the type (an orphan,
 *       whose value the target type never emits), in the match share;
 *   <li>{@link RefField} inside an {@link EventTypeKernel}: the packed row writer equals the target
 *       generator's typed value at the source row, encoded by the target's typed writers (a
 *       nullable target with {@link NullableField}'s typed methods, as generated classes do), byte
 *       for byte in every format, and its field text is the target's text at the source row;
 *   <li>references to one pool pick in a row (the packed writer draws the member once) write what
 *       each reference alone writes: the target's typed value at the pick's member;
 *   <li>{@link UniqueNumberField} and unique {@link UuidField}: packed equals typed in every format,
 *       encoded as the plain int, long and uuid kinds encode, with distinct values in range.
 * </ul>
 */
class RelationshipKindsTest {
  private static final long SEED = 20_261_207L;
  private static final long TIME = 1_767_225_600_123_456L;

  // ---- Permutation ----

  @Test
  void permutationIsABijectionOfZeroToNAndTakesItsArgumentModuloN() {
    long[] sizes = {1, 2, 3, 5, 64, 1000, 4097};
    long[] keys = {0L, 1L, -1L, 0x5DEECE66DL, Rng.stream(SEED, 99), Long.MIN_VALUE};
    for (long n : sizes) {
      for (long key : keys) {
        boolean[] seen = new boolean[(int) n];
        int fixedPoints = 0;
        for (long x = 0; x < n; x++) {
          long y = Permutation.apply(x, n, key);
          assertThat(y).as("n %d key %d x %d", n, key, x).isBetween(0L, n - 1);
          assertThat(seen[(int) y]).as("n %d key %d: %d hit twice", n, key, y).isFalse();
          seen[(int) y] = true;
          if (y == x) {
            fixedPoints++;
          }
          for (long k = 1; k <= 3; k++) {
            assertThat(Permutation.apply(x + k * n, n, key)).as("n %d key %d x %d + %d n", n, key, x, k).isEqualTo(y);
          }
        }
        if (n >= 1000) {
          // A random permutation has about one fixed point; the identity would have n.
          assertThat(fixedPoints).as("n %d key %d fixed points", n, key).isLessThan(20);
        }
      }
    }
    assertThat(Permutation.apply(123_456_789L, 1, 7L)).isZero();
  }

  // ---- RowsOfType ----

  @Test
  void rowsOfTypeAgreeWithTheAliasPickForEveryType() {
    Random random = new Random(42);
    double[] fifty = new double[50];
    for (int i = 0; i < fifty.length; i++) {
      fifty[i] = i % 7 == 3 ? 0.0 : random.nextDouble() * (1 + i % 5);
    }
    double[][] catalogs = {
      {1.0},
      {0.5, 0.3, 0.2},
      fifty,
      {1000.0, 1.0, 0.5, 2.0},
      {0.25, 0.25, 0.25, 0.25},
      {0.0, 3.0, 0.0},
    };
    long[] seeds = {SEED, -3L};
    int hashes = 200_000;
    for (double[] weights : catalogs) {
      AliasTable table = AliasTable.of(weights);
      int types = weights.length;
      double sum = 0;
      for (double w : weights) {
        sum += w;
      }
      RowsOfType[] rows = new RowsOfType[types];
      long[][] words = new long[types][];
      for (int t = 0; t < types; t++) {
        rows[t] = table.rowsOf(t);
        assertThat(rows[t].type()).isEqualTo(t);
        assertThat(rows[t].weight()).as("%d types: weight of %d", types, t).isCloseTo(weights[t] / sum, within(1e-9));
        // Packed at an offset, as a packed catalog keeps it among other words.
        long[] w = rows[t].words();
        words[t] = new long[w.length + 3];
        System.arraycopy(w, 0, words[t], 3, w.length);
      }
      long[] counts = new long[types];
      int mismatches = 0;
      String first = null;
      for (long seed : seeds) {
        long typeStream = Rng.stream(seed, Rng.TYPE_SALT);
        for (long row = 0; row < hashes; row++) {
          int picked = table.pick(Rng.hash(row, typeStream));
          counts[picked]++;
          for (int t = 0; t < types; t++) {
            boolean expected = picked == t;
            boolean object = rows[t].contains(seed, row);
            boolean packed = RowsOfType.contains(words[t], 3, seed, row);
            if (object != expected || packed != expected) {
              mismatches++;
              if (first == null) {
                first = "seed " + seed + " row " + row + " picked " + picked + ", type " + t + ": contains " + object + ", packed " + packed;
              }
            }
          }
        }
      }
      assertThat(mismatches).as("%d types, first: %s", types, first).isZero();
      for (int t = 0; t < types; t++) {
        if (weights[t] == 0) {
          assertThat(counts[t]).as("zero weight type %d", t).isZero();
        }
      }
    }
  }

  // ---- MemberPick ----

  @Test
  void uniformMemberPickStaysInThePoolWithBinomialFrequencies() {
    int count = 10;
    int rows = 200_000;
    MemberPick pick = new MemberPick(401, count, null);
    long[] counts = new long[count];
    for (long row = 0; row < rows; row++) {
      long member = pick.sourceRow(SEED, row);
      assertThat(member).isBetween(0L, count - 1L);
      counts[(int) member]++;
    }
    double p = 1.0 / count;
    double mean = rows * p;
    double sigma = Math.sqrt(rows * p * (1 - p));
    for (int m = 0; m < count; m++) {
      assertThat((double) counts[m]).as("member %d", m).isCloseTo(mean, within(5 * sigma));
    }
    assertThat(new MemberPick(401, 1, null).sourceRow(SEED, 12_345)).isZero();
  }

  @Test
  void zipfMemberPickFavoursTheFirstMembers() {
    int count = 10;
    int rows = 200_000;
    MemberPick pick = new MemberPick(402, count, Distribution.zipf(1.2, count));
    long[] counts = new long[count];
    for (long row = 0; row < rows; row++) {
      long member = pick.sourceRow(SEED, row);
      assertThat(member).isBetween(0L, count - 1L);
      counts[(int) member]++;
    }
    for (int m = 1; m < count; m++) {
      assertThat(counts[0]).as("member 0 vs %d: %s", m, java.util.Arrays.toString(counts)).isGreaterThan(counts[m]);
    }
    for (int m = 1; m < 5; m++) {
      assertThat(counts[m]).as("member %d vs %d: %s", m, m - 1, java.util.Arrays.toString(counts)).isLessThan(counts[m - 1]);
    }
    // Power-law density x^-1.2 on [1, 11): rank 1 takes (1 - 2^-0.2) / (1 - 11^-0.2) of the rows.
    double first = (1 - Math.pow(2, -0.2)) / (1 - Math.pow(11, -0.2));
    double sigma = Math.sqrt(rows * first * (1 - first));
    assertThat((double) counts[0]).isCloseTo(rows * first, within(5 * sigma));
  }

  // ---- EmittedRows ----

  private static final double[] THREE = {0.6, 0.3, 0.1};

  /** The type of a row as the catalog's alias pick gives it: independent of {@link RowsOfType}. */
  private static int typeOf(AliasTable table, long seed, long row) {
    return table.pick(Rng.hash(row, Rng.stream(seed, Rng.TYPE_SALT)));
  }

  private static boolean matchedDraw(long seed, long salt, long row, double match) {
    return Rng.unit(Rng.hash(row, Rng.stream(seed, salt))) < match;
  }

  @Test
  void emittedRowsReferToEarlierRowsOfTheTypeInTheMatchShareAndOrphansOtherwise() {
    AliasTable table = AliasTable.of(THREE);
    int target = 2;
    long salt = 501;
    int rows = 100_000;
    for (double match : new double[] {0.9, 1.0, 0.0}) {
      EmittedRows source = new EmittedRows(salt, match, table.rowsOf(target));
      boolean seenTarget = false;
      long counted = 0;
      long ofType = 0;
      double positionSum = 0;
      long positions = 0;
      for (long row = 0; row <= rows; row++) {
        long src = source.sourceRow(SEED, row);
        boolean srcOfType = typeOf(table, SEED, src) == target;
        if (matchedDraw(SEED, salt, row, match) && seenTarget) {
          assertThat(src).as("match %s row %d: matched source", match, row).isBetween(0L, row - 1);
          assertThat(srcOfType).as("match %s row %d: matched source %d is of the type", match, row, src).isTrue();
          if (row >= 1000) {
            positionSum += (src + 0.5) / row;
            positions++;
          }
        } else {
          assertThat(srcOfType).as("match %s row %d: orphan source %d is not of the type", match, row, src).isFalse();
          assertThat(src).as("match %s row %d: orphan source", match, row).isBetween(0L, row);
        }
        if (row >= 1000) {
          counted++;
          if (srcOfType) {
            ofType++;
          }
        }
        seenTarget |= typeOf(table, SEED, row) == target;
      }
      double share = (double) ofType / counted;
      double sigma = Math.sqrt(match * (1 - match) / counted);
      assertThat(share).as("match %s: share of rows referring to the type", match).isCloseTo(match, within(5 * sigma + 1e-12));
      if (positions > 0) {
        // Uniform among the earlier rows of the type (spread evenly over the rows before): source / row ~ U(0, 1).
        assertThat(positionSum / positions).as("match %s: mean relative position", match)
            .isCloseTo(0.5, within(5 * Math.sqrt(1.0 / 12 / positions) + 0.002));
      }
    }
  }

  @Test
  void windowedEmittedRowsReferToRowsOfTheTypeInTheWindowAndNeverPastTheRunsEnd() {
    AliasTable table = AliasTable.of(THREE);
    int target = 2;
    long salt = 505;
    long within = 300;
    int end = 20_000; // a bounded run: rows [0, end)
    double match = 0.9;
    for (EmittedRows.Window window : EmittedRows.Window.values()) {
      EmittedRows source = new EmittedRows(salt, match, window, within, table.rowsOf(target));
      long counted = 0;
      long matched = 0;
      long after = 0;
      for (long row = 0; row < end; row++) {
        long from = window == EmittedRows.Window.LATER ? row + 1 : Math.max(0, row - within);
        long to = window == EmittedRows.Window.EARLIER ? row - 1 : Math.min(end - 1, row + within);
        boolean any = false;
        for (long r = from; r <= to && !any; r++) {
          any = r != row && typeOf(table, SEED, r) == target;
        }
        long src = source.sourceRow(SEED, row, end);
        boolean srcOfType = typeOf(table, SEED, src) == target;
        if (matchedDraw(SEED, salt, row, match) && any) {
          assertThat(src).as("%s row %d: matched source in the window", window, row).isBetween(from, to).isNotEqualTo(row);
          assertThat(srcOfType).as("%s row %d: matched source %d is of the type", window, row, src).isTrue();
          after += src > row ? 1 : 0;
        } else {
          assertThat(srcOfType).as("%s row %d: orphan source %d is not of the type", window, row, src).isFalse();
        }
        if (row >= within && row < end - within) {
          counted++;
          matched += srcOfType ? 1 : 0;
        }
      }
      // Away from the run's ends every window holds a row of the type (a third of rows): the share is match.
      double sigma = Math.sqrt(match * (1 - match) / counted);
      assertThat((double) matched / counted).as("%s: share", window).isCloseTo(match, within(5 * sigma));
      if (window == EmittedRows.Window.EITHER) {
        assertThat(after).as("either: sources after the row, of %d", counted).isBetween((long) (0.45 * counted * match), (long) (0.55 * counted * match));
      }
    }
    // Without an end (a stream), a later window's source may lie past any bound.
    EmittedRows later = new EmittedRows(salt, 1.0, EmittedRows.Window.LATER, within, table.rowsOf(target));
    long past = 0;
    for (long row = end - 50; row < end; row++) {
      past += later.sourceRow(SEED, row) >= end ? 1 : 0;
      assertThat(later.sourceRow(SEED, row, end)).as("row %d of a run ending before %d", row, end).isLessThan(end);
    }
    assertThat(past).as("sources past the end without one").isPositive();
  }

  @Test
  void aRunWhoseFirstRowsAreOfTheTypeStillGetsOrphansNotOfTheType() {
    AliasTable table = AliasTable.of(THREE);
    int target = 2;
    long seed = 0;
    while (!(typeOf(table, seed, 0) == target && typeOf(table, seed, 1) == target)) {
      seed++;
    }
    for (double match : new double[] {0.0, 0.5, 1.0}) {
      EmittedRows source = new EmittedRows(503, match, table.rowsOf(target));
      long src = source.sourceRow(seed, 0);
      assertThat(typeOf(table, seed, src)).as("seed %d match %s: row 0 refers to row %d", seed, match, src).isNotEqualTo(target);
    }
  }

  @Test
  void orphansOfADominantTargetTypeAreNotOfTheType() {
    AliasTable table = AliasTable.of(new double[] {0.05, 0.95});
    int target = 1;
    long salt = 502;
    double match = 0.5;
    EmittedRows source = new EmittedRows(salt, match, table.rowsOf(target));
    boolean seenTarget = false;
    int orphans = 0;
    int wrong = 0;
    String first = null;
    for (long row = 0; row < 20_000; row++) {
      long src = source.sourceRow(SEED, row);
      boolean srcOfType = typeOf(table, SEED, src) == target;
      if (matchedDraw(SEED, salt, row, match) && seenTarget) {
        assertThat(srcOfType).as("row %d: matched source %d", row, src).isTrue();
        assertThat(src).as("row %d: matched source", row).isLessThan(row);
      } else {
        orphans++;
        if (srcOfType) {
          wrong++;
          if (first == null) {
            first = "row " + row + " -> " + src;
          }
        }
      }
      seenTarget |= typeOf(table, SEED, row) == target;
    }
    assertThat(orphans).isGreaterThan(9000);
    assertThat(wrong).as("orphans of the type, first: %s", first).isZero();
  }

  // ---- RefField in a kernel ----

  private final IntField plain = new IntField("n", 0, 201, -100, 100);
  private final StringField memberName =
      new StringField("member_name", 1, 202, new String[] {"ada", "grace", "linus", "ken"}, new double[] {0.25, 0.5, 0.75});
  private final RefField byMember = new RefField(new MemberPick(301, 50, null), memberName);
  private final UuidField orderId = new UuidField("order_id", 2, 203);
  private final RefField byOrder = new RefField(new EmittedRows(302, 0.8, AliasTable.of(THREE).rowsOf(2)), orderId);
  private final IntField score = new IntField("score", 3, 204, 0, 2);
  private final NullableField maybeScore = new NullableField(score, 205, 0.3, ProtobufWriter.WIRE_VARINT);
  private final RefField byPopular = new RefField(new MemberPick(303, 20, Distribution.zipf(1.1, 20)), maybeScore);
  private final UniqueNumberField serial = new UniqueNumberField("serial", 4, 206, 1_000_000_000_000L, 5000, true);
  private final RefField bySerial = new RefField(new EmittedRows(304, 1.0, AliasTable.of(THREE).rowsOf(0)), serial);
  private final EventTypeKernel refs = new EventTypeKernel("t.refs", 0x5678L, plain, byMember, byOrder, byPopular, bySerial);

  @Test
  void referencesWriteTheTargetsTypedValueAtTheSourceRowInEveryFormat() {
    int nulls = 0;
    int zeros = 0;
    for (long row = 0; row < 500; row++) {
      int n = plain.value(SEED, row, TIME);
      long memberRow = byMember.sourceRow(SEED, row);
      String name = memberName.value(SEED, memberRow, TIME);
      long orderRow = byOrder.sourceRow(SEED, row);
      UUID order = orderId.value(SEED, orderRow, TIME);
      long popularRow = byPopular.sourceRow(SEED, row);
      Integer popular = maybeScore.isNull(SEED, popularRow) ? null : score.value(SEED, popularRow, TIME);
      long serialRow = bySerial.sourceRow(SEED, row);
      long serialValue = serial.value(SEED, serialRow, TIME);
      assertThat(memberRow).isBetween(0L, 49L);
      assertThat(popularRow).isBetween(0L, 19L);
      if (popular == null) {
        nulls++;
      } else if (popular == 0) {
        zeros++;
      }
      for (Format format : Format.values()) {
        ByteWriter typed = new ByteWriter();
        if (format == Format.AVRO) {
          typed.write(refs.avroHeader());
        }
        switch (format) {
          case JSON:
            plain.writeJson(typed, n);
            memberName.writeJson(typed, name);
            orderId.writeJson(typed, order);
            break;
          case AVRO:
            plain.writeAvro(typed, n);
            memberName.writeAvro(typed, name);
            orderId.writeAvro(typed, order);
            break;
          case BINARY:
            plain.writeBinary(typed, n);
            memberName.writeBinary(typed, name);
            orderId.writeBinary(typed, order);
            break;
          default:
            plain.writeProtobuf(typed, n);
            memberName.writeProtobuf(typed, name);
            orderId.writeProtobuf(typed, order);
        }
        if (popular == null) {
          maybeScore.writeNull(format, typed);
        } else {
          int start = maybeScore.beforeValue(format, typed);
          switch (format) {
            case JSON:
              score.writeJson(typed, popular);
              break;
            case AVRO:
              score.writeAvro(typed, popular);
              break;
            case BINARY:
              score.writeBinary(typed, popular);
              break;
            default:
              score.writeProtobuf(typed, popular);
          }
          maybeScore.afterValue(format, typed, start);
        }
        switch (format) {
          case JSON:
            serial.writeJson(typed, serialValue);
            typed.write('}');
            break;
          case AVRO:
            serial.writeAvro(typed, serialValue);
            break;
          case BINARY:
            serial.writeBinary(typed, serialValue);
            break;
          default:
            serial.writeProtobuf(typed, serialValue);
        }
        ByteWriter packed = new ByteWriter();
        refs.write(SEED, row, TIME, format, packed);
        assertThat(packed.toByteArray()).as("%s row %d", format, row).isEqualTo(typed.toByteArray());
      }
      assertThat(refs.fieldText(SEED, row, TIME, 0)).isEqualTo(Integer.toString(n));
      assertThat(refs.fieldText(SEED, row, TIME, 1)).as("row %d", row).isEqualTo(name);
      assertThat(refs.fieldText(SEED, row, TIME, 2)).as("row %d", row).isEqualTo(order.toString());
      assertThat(refs.fieldText(SEED, row, TIME, 3)).as("row %d", row).isEqualTo(popular == null ? "null" : popular.toString());
      assertThat(refs.fieldText(SEED, row, TIME, 4)).as("row %d", row).isEqualTo(Long.toString(serialValue));
    }
    // Both the null branch and Protobuf's present default (a 0 put back) were written.
    assertThat(nulls).isPositive();
    assertThat(zeros).isPositive();
    assertThat(refs.field(1).kind()).isEqualTo("ref");
    assertThat(byOrder.target()).isSameAs(orderId);
  }

  @Test
  void aReferencedRowsFieldsAreTheSameWhereverTheyAreRead() {
    // The referring row writes exactly what the referenced row writes in its own field.
    EventTypeKernel members = new EventTypeKernel("t.member", 1L, new IntField("n", 0, 201, -100, 100), memberName);
    for (long row = 0; row < 200; row++) {
      long memberRow = byMember.sourceRow(SEED, row);
      assertThat(refs.fieldText(SEED, row, TIME, 1)).isEqualTo(members.fieldText(SEED, memberRow, TIME, 1));
    }
  }

  // References to one pick (same salt, count and distribution) share a row's member in the packed
  // writer; these interleave picks, a plain field and a pick of the same salt but another count.
  private final IntField[] pickTargets = {
    new IntField("a1", 0, 801, 0, 100_000),
    new IntField("z1", 1, 802, 0, 100_000),
    new IntField("z2", 2, 803, -50, 50),
    new IntField("between", 3, 804, 0, 100_000),
    new IntField("a2", 4, 805, 0, 100_000),
    new IntField("other_count", 5, 806, 0, 100_000),
    new IntField("a3", 6, 807, 0, 100_000),
  };
  private final RowSource[] picks = {
    new MemberPick(701, 50, null),
    new MemberPick(702, 1000, Distribution.zipf(1.1, 1000)),
    new MemberPick(702, 1000, Distribution.zipf(1.1, 1000)),
    null,
    new MemberPick(701, 50, null),
    new MemberPick(701, 60, null),
    new MemberPick(701, 50, null),
  };

  @Test
  void referencesToOnePickInARowWriteItsMemberAsEachAloneWould() {
    FieldGenerator[] fields = new FieldGenerator[pickTargets.length];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = picks[i] == null ? pickTargets[i] : new RefField(picks[i], pickTargets[i]);
    }
    EventTypeKernel kernel = new EventTypeKernel("t.picks", 0x4321L, fields);
    int differ = 0;
    for (long row = 0; row < 2000; row++) {
      for (Format format : Format.values()) {
        ByteWriter typed = new ByteWriter();
        if (format == Format.AVRO) {
          typed.write(kernel.avroHeader());
        }
        for (int i = 0; i < fields.length; i++) {
          IntField target = pickTargets[i];
          int value = target.value(SEED, picks[i] == null ? row : picks[i].sourceRow(SEED, row), TIME);
          switch (format) {
            case JSON:
              target.writeJson(typed, value);
              break;
            case AVRO:
              target.writeAvro(typed, value);
              break;
            case BINARY:
              target.writeBinary(typed, value);
              break;
            default:
              target.writeProtobuf(typed, value);
          }
        }
        if (format == Format.JSON) {
          typed.write('}');
        }
        ByteWriter packed = new ByteWriter();
        kernel.write(SEED, row, TIME, format, packed);
        assertThat(packed.toByteArray()).as("%s row %d", format, row).isEqualTo(typed.toByteArray());
      }
      if (picks[5].sourceRow(SEED, row) != picks[0].sourceRow(SEED, row)) {
        differ++;
      }
    }
    // The pick of another count (same salt, so the same hash) names another member unless the hash
    // modulo 300 is below 50: in 5/6 of rows, 1,667 ± 17 of 2,000; 5 sigma below is 1,583. So the
    // comparison above would have caught a member reused across the two.
    assertThat(differ).isGreaterThan(1583);
  }

  // ---- unique ids ----

  private final UniqueNumberField uniqueInt = new UniqueNumberField("u_int", 0, 601, -500, 1000, false);
  private final UniqueNumberField uniqueLong = new UniqueNumberField("u_long", 1, 602, 10_000_000_000L, 1000, true);
  private final UuidField uniqueUuid = new UuidField("u_uuid", 2, 603, true);
  private final UniqueNumberField topInt = new UniqueNumberField("u_top", 3, 604, Integer.MAX_VALUE - 999L, 1000, false);
  private final EventTypeKernel uniques = new EventTypeKernel("t.unique", 0x9ABCL, uniqueInt, uniqueLong, uniqueUuid, topInt);
  // The plain kinds with the same names, positions and signedness: how an int, a long and a uuid encode.
  private final IntField plainInt = new IntField("u_int", 0, 1, -500, 499);
  private final LongField plainLong = new LongField("u_long", 1, 1, 10_000_000_000L, 10_000_000_999L);
  private final UuidField plainUuid = new UuidField("u_uuid", 2, 1);
  private final IntField plainTop = new IntField("u_top", 3, 1, Integer.MAX_VALUE - 999L, Integer.MAX_VALUE);

  @Test
  void uniqueFieldsWriteTheirTypedValuesEncodedAsThePlainKinds() {
    for (long row = 0; row < 300; row++) {
      int i = uniqueInt.intValue(SEED, row, TIME);
      long l = uniqueLong.value(SEED, row, TIME);
      UUID u = uniqueUuid.value(SEED, row, TIME);
      int top = topInt.intValue(SEED, row, TIME);
      assertThat((long) i).isEqualTo(uniqueInt.value(SEED, row, TIME));
      for (Format format : Format.values()) {
        ByteWriter typed = new ByteWriter();
        ByteWriter plainKinds = new ByteWriter();
        if (format == Format.AVRO) {
          typed.write(uniques.avroHeader());
          plainKinds.write(uniques.avroHeader());
        }
        switch (format) {
          case JSON:
            uniqueInt.writeJson(typed, i);
            uniqueLong.writeJson(typed, l);
            uniqueUuid.writeJson(typed, u);
            topInt.writeJson(typed, top);
            typed.write('}');
            plainInt.writeJson(plainKinds, i);
            plainLong.writeJson(plainKinds, l);
            plainUuid.writeJson(plainKinds, u);
            plainTop.writeJson(plainKinds, top);
            plainKinds.write('}');
            break;
          case AVRO:
            uniqueInt.writeAvro(typed, i);
            uniqueLong.writeAvro(typed, l);
            uniqueUuid.writeAvro(typed, u);
            topInt.writeAvro(typed, top);
            plainInt.writeAvro(plainKinds, i);
            plainLong.writeAvro(plainKinds, l);
            plainUuid.writeAvro(plainKinds, u);
            plainTop.writeAvro(plainKinds, top);
            break;
          case BINARY:
            uniqueInt.writeBinary(typed, i);
            uniqueLong.writeBinary(typed, l);
            uniqueUuid.writeBinary(typed, u);
            topInt.writeBinary(typed, top);
            plainInt.writeBinary(plainKinds, i);
            plainLong.writeBinary(plainKinds, l);
            plainUuid.writeBinary(plainKinds, u);
            plainTop.writeBinary(plainKinds, top);
            break;
          default:
            uniqueInt.writeProtobuf(typed, i);
            uniqueLong.writeProtobuf(typed, l);
            uniqueUuid.writeProtobuf(typed, u);
            topInt.writeProtobuf(typed, top);
            plainInt.writeProtobuf(plainKinds, i);
            plainLong.writeProtobuf(plainKinds, l);
            plainUuid.writeProtobuf(plainKinds, u);
            plainTop.writeProtobuf(plainKinds, top);
        }
        ByteWriter packed = new ByteWriter();
        uniques.write(SEED, row, TIME, format, packed);
        assertThat(packed.toByteArray()).as("%s row %d: packed vs typed", format, row).isEqualTo(typed.toByteArray());
        assertThat(typed.toByteArray()).as("%s row %d: typed vs plain kinds", format, row).isEqualTo(plainKinds.toByteArray());
      }
      assertThat(uniques.fieldText(SEED, row, TIME, 0)).isEqualTo(Integer.toString(i));
      assertThat(uniques.fieldText(SEED, row, TIME, 1)).isEqualTo(Long.toString(l));
      assertThat(uniques.fieldText(SEED, row, TIME, 2)).isEqualTo(u.toString());
      assertThat(uniques.fieldText(SEED, row, TIME, 3)).isEqualTo(Integer.toString(top));
    }
    assertThat(uniqueInt.kind()).isEqualTo("int");
    assertThat(uniqueLong.kind()).isEqualTo("long");
    assertThat(uniqueUuid.kind()).isEqualTo("uuid");
  }

  @Test
  void uniqueNumbersAreDistinctAndInRangeOverTheRangesSize() {
    UniqueNumberField[] fields = {uniqueInt, uniqueLong, topInt};
    long[] mins = {-500, 10_000_000_000L, Integer.MAX_VALUE - 999L};
    for (int f = 0; f < fields.length; f++) {
      Set<Long> values = new HashSet<>();
      for (long row = 0; row < 1000; row++) {
        long v = fields[f].value(SEED, row, TIME);
        assertThat(v).as("%s row %d", fields[f].name(), row).isBetween(mins[f], mins[f] + 999);
        values.add(v);
        // Past the range's size values repeat: the row is taken modulo the size.
        assertThat(fields[f].value(SEED, row + 1000, TIME)).isEqualTo(v);
      }
      assertThat(values).as(fields[f].name()).hasSize(1000);
    }
    // Another seed permutes differently.
    int moved = 0;
    for (long row = 0; row < 1000; row++) {
      if (uniqueInt.value(SEED, row, TIME) != uniqueInt.value(SEED + 1, row, TIME)) {
        moved++;
      }
    }
    assertThat(moved).isGreaterThan(900);
    UniqueNumberField single = new UniqueNumberField("one", 0, 605, 7, 1, false);
    assertThat(single.intValue(SEED, 99, TIME)).isEqualTo(7);
  }

  @Test
  void uniqueUuidsAreDistinctVersion4Uuids() {
    Set<UUID> values = new HashSet<>();
    for (long row = 0; row < 100_000; row++) {
      UUID u = uniqueUuid.value(SEED, row, TIME);
      assertThat(u.version()).isEqualTo(4);
      assertThat(u.variant()).isEqualTo(2);
      values.add(u);
    }
    assertThat(values).hasSize(100_000);
  }
}
