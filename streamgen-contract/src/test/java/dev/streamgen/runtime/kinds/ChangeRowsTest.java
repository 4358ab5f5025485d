package dev.streamgen.runtime.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.api.RowsOfType;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ChangeRows} against a brute-force replay that scans the rows in order and keeps each
 * member's state: every change of the type is a change of the member its lane belongs to, with a
 * version above that member's previous one; its previous change is the member's last one; the
 * operation follows c → u* → d → c ... (an insert when the member is absent, an update or a delete
 * when present, a delete exactly when the delete draw is below the ratio); the before image is the
 * previous change's after image; deletes are the declared share of non-inserts within 5 sigma. Then
 * the envelope in a kernel: the packed JSON of every change has before equal to the previous after
 * of its key, computed by parsing the payloads in row order.
 */
class ChangeRowsTest {
  private static final long SEED = 4242L;
  private static final long KEY_SALT = 0x1234_5678_9abcL;
  private static final long DELETE_SALT = 0x0fed_cba9_8765L;
  private static final long TIME = 1_767_225_600_000_000L;

  private static RowsOfType rowsOf(double[] weights, int type) {
    return AliasTable.of(weights).rowsOf(type);
  }

  private static final class State {
    long lastRow = -1;
    long lastVersion;
    boolean live;
    long lastImageRow;
  }

  @Test
  void withTombstonesADeleteIsFollowedByATombstoneThenAnInsert() {
    long members = 53;
    double ratio = 0.3;
    double[] weights = {0.5, 0.5};
    ChangeRows changes = new ChangeRows(members, KEY_SALT, ratio, DELETE_SALT, true, rowsOf(weights, 0));
    assertThat(changes.tombstones()).isTrue();
    // Per member the last operation, replayed in row order: the expected operation follows from it and the draw alone.
    Map<Long, Character> last = new HashMap<>();
    Map<Long, Character> expected = new HashMap<>();
    long live = 0;
    long deletes = 0;
    long tombstones = 0;
    for (long row = 0; row < members * 600; row++) {
      if (AliasTable.of(weights).pick(Rng.hash(row, Rng.stream(SEED, Rng.TYPE_SALT))) != 0) {
        continue;
      }
      long k = changes.member(SEED, row);
      Character previous = last.get(k);
      boolean deleteDraw = Rng.unit(Rng.hash(row, Rng.stream(SEED, DELETE_SALT))) < ratio;
      char op = previous == null ? 'c' : previous == 'd' ? 't' : previous == 't' ? 'c' : deleteDraw ? 'd' : 'u';
      if (previous != null && previous != 'd' && previous != 't') {
        live++;
        deletes += op == 'd' ? 1 : 0;
      }
      tombstones += op == 't' ? 1 : 0;
      assertThat(changes.op(SEED, row)).as("row %d member %d after %s", row, k, previous).isEqualTo(op);
      last.put(k, op);
      expected.put(row, op);
    }
    assertThat(tombstones).isPositive();
    double sigma = Math.sqrt(ratio * (1 - ratio) / live);
    assertThat((double) deletes / live).isBetween(ratio - 5 * sigma, ratio + 5 * sigma);
    // Asked out of order (the per-thread memo missing every time), the answers are the same.
    java.util.List<Long> rows = new java.util.ArrayList<>(expected.keySet());
    java.util.Collections.shuffle(rows, new java.util.Random(7));
    for (long row : rows) {
      assertThat(changes.op(SEED, row)).as("row %d out of order", row).isEqualTo(expected.get(row));
    }
    // The images of a tombstone are both null; a delete has a before, an insert an after.
    assertThat(ChangeRows.imageNull('t', true) && ChangeRows.imageNull('t', false)).isTrue();
    assertThat(ChangeRows.imageNull('d', true) || ChangeRows.imageNull('c', false)).isFalse();
  }

  @Test
  void changesReplayedInRowOrderFollowThePerMemberStateMachine() {
    long members = 97;
    double ratio = 0.2;
    RowsOfType rows = rowsOf(new double[] {0.35, 0.4, 0.25}, 0);
    ChangeRows changes = new ChangeRows(members, KEY_SALT, ratio, DELETE_SALT, rows);
    Map<Long, State> states = new HashMap<>();
    Set<Long> imageRows = new HashSet<>();
    Set<Long> firstRound = new HashSet<>();
    long nonInserts = 0;
    long deletes = 0;
    long reinserts = 0;
    for (long row = 0; row < members * 800; row++) {
      long k = changes.member(SEED, row);
      assertThat(k).isBetween(0L, members - 1);
      if (row < members) {
        firstRound.add(k);
      }
      // The type test is the catalog's pick, computed without the class under test.
      boolean ofType = AliasTable.of(new double[] {0.35, 0.4, 0.25}).pick(Rng.hash(row, Rng.stream(SEED, Rng.TYPE_SALT))) == 0;
      assertThat(changes.isChange(SEED, row)).isEqualTo(ofType);
      if (!ofType) {
        continue;
      }
      State s = states.computeIfAbsent(k, x -> new State());
      long version = changes.version(row);
      assertThat(version).as("row %d member %d", row, k).isEqualTo(row / members + 1).isGreaterThan(s.lastVersion);
      assertThat(changes.previous(SEED, row)).as("row %d", row).isEqualTo(s.lastRow);
      char op = changes.op(SEED, row);
      boolean deleteDraw = Rng.unit(Rng.hash(row, Rng.stream(SEED, DELETE_SALT))) < ratio;
      if (s.lastRow < 0 || !s.live) {
        assertThat(op).as("row %d: member %d absent", row, k).isEqualTo('c');
        if (s.lastRow >= 0) {
          reinserts++;
        }
        s.live = true;
      } else {
        nonInserts++;
        assertThat(op).as("row %d: member %d present", row, k).isEqualTo(deleteDraw ? 'd' : 'u');
        assertThat(ChangeRows.beforeImageRow(changes.words(), 0, SEED, row)).as("before of row %d", row).isEqualTo(s.lastImageRow);
        if (op == 'd') {
          deletes++;
          s.live = false;
        }
      }
      long image = changes.imageRow(SEED, row);
      assertThat(image % members).as("image row of member %d", k).isEqualTo(k);
      assertThat(imageRows.add(image)).as("image row %d used twice", image).isTrue();
      s.lastRow = row;
      s.lastVersion = version;
      s.lastImageRow = image;
    }
    assertThat(firstRound).as("each member owns one lane").hasSize((int) members);
    assertThat(states).hasSize((int) members);
    double sigma = Math.sqrt(ratio * (1 - ratio) / nonInserts);
    assertThat((double) deletes / nonInserts).as("%d deletes of %d non-inserts", deletes, nonInserts)
        .isBetween(ratio - 5 * sigma, ratio + 5 * sigma);
    assertThat(reinserts).as("re-inserts after deletes").isGreaterThan(0);
  }

  @Test
  void withoutDeletesEveryLaterChangeIsAnUpdate() {
    long members = 31;
    ChangeRows changes = new ChangeRows(members, KEY_SALT, 0, DELETE_SALT, rowsOf(new double[] {0.5, 0.5}, 1));
    Set<Long> seen = new HashSet<>();
    for (long row = 0; row < members * 200; row++) {
      if (changes.isChange(SEED, row)) {
        assertThat(changes.op(SEED, row)).isEqualTo(seen.add(changes.member(SEED, row)) ? 'c' : 'u');
      }
    }
  }

  @Test
  void theEnvelopeInAKernelChainsEachBeforeToThePreviousAfterOfItsKey() throws IOException {
    long members = 40;
    RowsOfType rows = rowsOf(new double[] {0.3, 0.7}, 0);
    ChangeRows changes = new ChangeRows(members, KEY_SALT, 0.25, DELETE_SALT, rows);
    long idSalt = 0x11L;
    long scoreSalt = 0x22L;
    EventTypeKernel kernel = new EventTypeKernel("customers.cdc", 0L,
        new ChangeOpField("op", 0, changes),
        new RefField(new ChangeRowSource(changes, ChangeRowSource.Mode.MEMBER), new UuidField("key", 1, idSalt, true)),
        image("before", 2, changes, true, idSalt, scoreSalt),
        image("after", 3, changes, false, idSalt, scoreSalt),
        new ChangeNumberField("version", 4, true, members),
        new ChangeNumberField("ts_ms", 5, false, members));
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> lastAfter = new HashMap<>();
    Map<String, Long> lastVersion = new HashMap<>();
    int changesSeen = 0;
    for (long row = 0; row < members * 300; row++) {
      if (!rows.contains(SEED, row)) {
        continue;
      }
      changesSeen++;
      long time = TIME + row * 1000;
      ByteWriter out = new ByteWriter();
      kernel.write(SEED, row, time, Format.JSON, out);
      JsonNode event = json.readTree(out.toByteArray());
      String key = event.get("key").asText();
      String op = event.get("op").asText();
      assertThat(kernel.fieldText(SEED, row, time, 1)).isEqualTo(key);
      assertThat(event.get("ts_ms").asLong()).isEqualTo(time / 1000);
      long version = event.get("version").asLong();
      assertThat(version).isGreaterThan(lastVersion.getOrDefault(key, 0L));
      lastVersion.put(key, version);
      JsonNode previous = lastAfter.get(key);
      switch (op) {
        case "c":
          assertThat(previous).as("insert of a present key at row %d", row).isNull();
          assertThat(event.get("before").isNull()).isTrue();
          assertThat(kernel.fieldText(SEED, row, time, 2)).isEqualTo("null");
          break;
        case "u":
        case "d":
          assertThat(previous).as("%s of an absent key at row %d", op, row).isNotNull();
          assertThat(event.get("before")).as("before of row %d", row).isEqualTo(previous);
          break;
        default:
          throw new AssertionError("op " + op);
      }
      if (op.equals("d")) {
        assertThat(event.get("after").isNull()).isTrue();
        lastAfter.remove(key);
      } else {
        assertThat(event.get("after").get("id").asText()).isEqualTo(key);
        lastAfter.put(key, event.get("after"));
      }
      for (Format f : Format.values()) {
        ByteWriter other = new ByteWriter();
        kernel.write(SEED, row, time, f, other);
        assertThat(other.size()).as("%s of row %d", f, row).isGreaterThan(0);
      }
    }
    assertThat(changesSeen).isGreaterThan(1000);
  }

  private static FieldGenerator image(String name, int index, ChangeRows changes, boolean before, long idSalt, long scoreSalt) {
    StructField struct = new StructField(name, index,
        new RefField(new ChangeRowSource(changes, ChangeRowSource.Mode.MEMBER), new UuidField("id", 0, idSalt, true)),
        new RefField(new ChangeRowSource(changes, before ? ChangeRowSource.Mode.BEFORE : ChangeRowSource.Mode.AFTER),
            new IntField("score", 1, scoreSalt, 0, 1_000_000)));
    return new NullableField(new ChangeImageField(struct, changes, before), 0x33L, 0.0, ProtobufWriter.WIRE_LENGTH_DELIMITED);
  }
}
