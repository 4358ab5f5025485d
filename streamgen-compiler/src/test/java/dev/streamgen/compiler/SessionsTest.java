package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import dev.streamgen.runtime.kinds.PackedCatalog;
import dev.streamgen.runtime.kinds.RowClock;
import dev.streamgen.runtime.kinds.SessionMachine;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/sessions.yaml compiled and its generated catalog run: the machine's start type carries
 * the machine's weight, every session read back from the payloads (grouped by session_id, in row
 * order) is a path of the declared machine with one start, at most one end, last, and one user; the
 * packed catalog writes the kernels' bytes.
 */
class SessionsTest {
  static final Path CONFIG = Path.of("../docs/examples/sessions.yaml");
  static final long SEED = 5;
  static final ObjectMapper JSON = new ObjectMapper();
  /** The machine as the YAML declares it, written out here (not read from the compiler). */
  static final Map<String, Set<String>> NEXT = Map.of(
      "session.start", Set.of("page.view"),
      "page.view", Set.of("page.view", "cart.add", "session.end"),
      "cart.add", Set.of("page.view", "order.placed", "session.end"),
      "order.placed", Set.of("session.end"),
      "session.end", Set.of());

  @TempDir static Path dir;
  static URLClassLoader loader;
  static Catalog catalog;

  @BeforeAll
  static void compileAndLoad() throws Exception {
    CompileRequest request = GeneratedSources.request(CONFIG, dir.resolve("out"));
    CompileResult result = Compiler.compile(request);
    assertThat(result.errors()).isEmpty();
    loader = GeneratedSources.compileAndLoad(request, dir.resolve("classes"));
    catalog = (Catalog) loader.loadClass("streamgen.generated.SessionsCatalog").getConstructor().newInstance();
  }

  @AfterAll
  static void close() throws IOException {
    loader.close();
  }

  @Test
  void theStartTypeCarriesTheMachinesWeight() {
    assertThat(catalog.size()).isEqualTo(6);
    assertThat(catalog.weight(0)).isEqualTo(0.4);
    assertThat(catalog.weight(1)).isEqualTo(0.6);
    for (int t = 2; t < 6; t++) {
      assertThat(catalog.weight(t)).isEqualTo(0.0);
    }
    assertThat(catalog.sessionMachines()).hasSize(1);
    SessionMachine m = catalog.sessionMachines().get(0);
    assertThat(m.startType()).isEqualTo(1);
    assertThat(m.concurrency()).isEqualTo(500);
    assertThat(m.maxEvents()).isEqualTo(30);
  }

  @Test
  void everySessionIsAPathOfTheMachine() throws Exception {
    SessionMachine m = catalog.sessionMachines().get(0);
    double[] weights = new double[catalog.size()];
    List<EventTypeKernel> kernels = new ArrayList<>();
    for (int t = 0; t < weights.length; t++) {
      weights[t] = catalog.weight(t);
      kernels.add((EventTypeKernel) catalog.kernel(t));
    }
    AliasTable pick = AliasTable.of(weights);
    PackedCatalog packed = PackedCatalog.of(kernels, Format.JSON);
    Map<String, List<JsonNode>> sessions = new HashMap<>();
    Map<String, List<String>> types = new HashMap<>();
    long[] out = new long[3];
    int heartbeats = 0;
    int rows = 60_000;
    for (long row = 0; row < rows; row++) {
      int type = pick.pick(Rng.hash(row, Rng.stream(SEED, Rng.TYPE_SALT)));
      if (type == 0) {
        heartbeats++;
        continue;
      }
      assertThat(m.locate(SEED, row, out)).isTrue();
      type = m.typeOf((int) out[0]);
      ByteWriter w = new ByteWriter();
      catalog.kernel(type).write(SEED, row, 0, Format.JSON, w);
      ByteWriter p = new ByteWriter();
      packed.write(type, SEED, row, 0, p);
      assertThat(p.toByteArray()).isEqualTo(w.toByteArray());
      JsonNode event = JSON.readTree(w.toByteArray());
      String id = event.get("session_id").asText();
      sessions.computeIfAbsent(id, k -> new ArrayList<>()).add(event);
      types.computeIfAbsent(id, k -> new ArrayList<>()).add(catalog.kernel(type).eventTypeId());
    }
    // The heartbeats are their declared share within 5 sigma.
    double sigma = Math.sqrt(rows * 0.4 * 0.6);
    assertThat(Math.abs(heartbeats - rows * 0.4)).isLessThan(5 * sigma);
    int ended = 0;
    Set<String> users = new HashSet<>();
    for (Map.Entry<String, List<String>> e : types.entrySet()) {
      List<String> path = e.getValue();
      assertThat(path.get(0)).isEqualTo("session.start");
      assertThat(path.size()).isLessThanOrEqualTo(30);
      for (int i = 1; i < path.size(); i++) {
        assertThat(NEXT.get(path.get(i - 1))).as("%s after %s in %s", path.get(i), path.get(i - 1), path).contains(path.get(i));
      }
      int ends = (int) path.stream().filter("session.end"::equals).count();
      assertThat(ends).isLessThanOrEqualTo(1);
      if (ends == 1) {
        ended++;
        assertThat(path.get(path.size() - 1)).isEqualTo("session.end");
      }
      List<JsonNode> events = sessions.get(e.getKey());
      String user = events.get(0).get("user_id").asText();
      for (JsonNode ev : events) {
        assertThat(ev.get("user_id").asText()).isEqualTo(user);
      }
      users.add(user);
    }
    // Most sessions end (the cut ones are in progress at the end of the rows read or of a block).
    assertThat(ended).isGreaterThan(types.size() / 2);
    assertThat(users.size()).isGreaterThan(types.size() / 2);
    assertThat(types.size()).isGreaterThan(1000);
  }

  /**
   * The step of each event is its index in its session; its session time is the start's event time
   * (the runtime's, start + floor(row * 1e6 / rate)) plus the drawn gaps, each in its declared range,
   * the machine's exponential gap (1 + Exp(mean 20) clipped at 120 s) and cart.add -> order.placed's
   * uniform [5, 60] s with their means within 5 standard errors. Expected values are computed here
   * from the YAML's numbers, not read from the compiler.
   */
  @Test
  void stepsCountAndSessionTimesAddTheDeclaredGaps() throws Exception {
    SessionMachine m = catalog.sessionMachines().get(0);
    double[] weights = new double[catalog.size()];
    List<EventTypeKernel> kernels = new ArrayList<>();
    for (int t = 0; t < weights.length; t++) {
      weights[t] = catalog.weight(t);
      kernels.add((EventTypeKernel) catalog.kernel(t));
    }
    long rate = 5_000;
    long start = 1_800_000_000_000_000L;
    AliasTable pick = AliasTable.of(weights);
    PackedCatalog packed = PackedCatalog.of(kernels, Format.JSON).clock(RowClock.constant(rate));
    Map<String, List<long[]>> sessions = new HashMap<>(); // step, session time, event time, type
    long[] out = new long[3];
    for (long row = 0; row < 120_000; row++) {
      int type = pick.pick(Rng.hash(row, Rng.stream(SEED, Rng.TYPE_SALT)));
      if (type == 0) {
        continue;
      }
      assertThat(m.locate(SEED, row, out)).isTrue();
      type = m.typeOf((int) out[0]);
      long eventTime = start + row / rate * 1_000_000 + row % rate * 1_000_000 / rate;
      ByteWriter p = new ByteWriter();
      packed.write(type, SEED, row, eventTime, p);
      JsonNode event = JSON.readTree(p.toByteArray());
      java.time.Instant t = java.time.Instant.parse(event.get("session_time").asText());
      long micros = t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
      sessions.computeIfAbsent(event.get("session_id").asText(), k -> new ArrayList<>())
          .add(new long[] {event.get("step").asLong(), micros, eventTime, type});
    }
    double expSum = 0;
    double uniformSum = 0;
    int expN = 0;
    int uniformN = 0;
    int orderPlaced = catalog.kernel(4).eventTypeId().equals("order.placed") ? 4 : -1;
    int cartAdd = catalog.kernel(3).eventTypeId().equals("cart.add") ? 3 : -1;
    assertThat(orderPlaced).isPositive();
    assertThat(cartAdd).isPositive();
    for (List<long[]> events : sessions.values()) {
      assertThat(events.get(0)[1]).as("the start's session time is its event time").isEqualTo(events.get(0)[2]);
      for (int i = 0; i < events.size(); i++) {
        assertThat(events.get(i)[0]).as("step").isEqualTo(i);
        if (i == 0) {
          continue;
        }
        long gap = events.get(i)[1] - events.get(i - 1)[1];
        if (events.get(i - 1)[3] == cartAdd && events.get(i)[3] == orderPlaced) {
          assertThat(gap).isBetween(5_000_000L, 60_000_000L);
          uniformSum += gap / 1e6;
          uniformN++;
        } else {
          assertThat(gap).isBetween(1_000_000L, 120_000_000L);
          expSum += gap / 1e6;
          expN++;
        }
      }
    }
    assertThat(uniformN).isGreaterThan(1000);
    assertThat(expN).isGreaterThan(20_000);
    double expMean = 1 + 20 * (1 - Math.exp(-119.0 / 20));
    assertThat(Math.abs(expSum / expN - expMean)).isLessThan(5 * 20 / Math.sqrt(expN));
    assertThat(Math.abs(uniformSum / uniformN - 32.5)).isLessThan(5 * Math.sqrt(55.0 * 55 / 12 / uniformN));
  }

  /**
   * The runtime's faults re-read earlier rows (a duplicate is its original row generated again), so
   * the per-thread cursor of locateFast must answer a jump back, and the rows after it, as a fresh
   * walk does: here every row is followed by a row up to 300 rows back, as a duplicate would be.
   */
  @Test
  void theCursorAnswersJumpsBackAsAFreshWalk() {
    SessionMachine m = catalog.sessionMachines().get(0);
    int rows = 20_000;
    long[][] fresh = new long[rows][];
    long[] out = new long[3];
    for (int row = 0; row < rows; row++) {
      fresh[row] = m.locate(SEED, row, out) ? out.clone() : null; // no cursor: a walk from the block start
    }
    int checked = 0;
    for (int row = 0; row < rows; row++) {
      for (int at : new int[] {row, Math.max(0, row - 1 - (int) Math.floorMod(Rng.hash(row, 99), 300L))}) {
        long[] got = m.locateFast(SEED, at, out) ? out.clone() : null;
        assertThat(got).as("row %s after row %s", at, row).isEqualTo(fresh[at]);
        checked += got != null ? 1 : 0;
      }
    }
    assertThat(checked).isGreaterThan(rows / 2);
  }
}
