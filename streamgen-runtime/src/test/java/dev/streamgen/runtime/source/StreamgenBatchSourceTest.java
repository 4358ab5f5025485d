package dev.streamgen.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.columns.UnifiedStream;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.testing.ChiSquare;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import dev.streamgen.runtime.testing.SyntheticTestCatalog;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.Test;

/**
 * The batch source over hand-written test catalogs (generated catalogs are exercised end to end in
 * streamgen-it). Statistical tests use fixed seeds, so they are deterministic; the thresholds are
 * the 0.1% critical values, i.e. a correct implementation fails one seed in a thousand.
 */
class StreamgenBatchSourceTest {
  private static final long START = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z
  private static final String QUICKSTART = QuickstartTestCatalog.class.getName();

  private static Dataset<Row> read(String catalog, long rows, String... options) {
    SparkSession spark = SharedSpark.session();
    org.apache.spark.sql.DataFrameReader r =
        spark.read()
            .format("streamgen")
            .option("catalog", catalog)
            .option("rows", rows)
            .option("startTimeMicros", START);
    for (int i = 0; i < options.length; i += 2) {
      r = r.option(options[i], options[i + 1]);
    }
    return r.load();
  }

  @Test
  void schemaIsTheUnifiedStream() {
    assertThat(read(QUICKSTART, 10).schema()).isEqualTo(UnifiedStream.SCHEMA);
  }

  @Test
  void sameSeedSameRowsWhateverThePartitionCount() {
    List<Row> one = read(QUICKSTART, 5_000, "seed", "42", "partitions", "1").collectAsList();
    List<Row> seven = read(QUICKSTART, 5_000, "seed", "42", "partitions", "7").collectAsList();
    assertThat(one).hasSize(5_000);
    assertThat(seven).isEqualTo(one);
    List<Row> otherSeed = read(QUICKSTART, 5_000, "seed", "43", "partitions", "7").collectAsList();
    assertThat(otherSeed).isNotEqualTo(one);
  }

  @Test
  void rowIsTheKernelsEventAtItsEventTime() {
    long seed = 9;
    List<Row> rows = read(QUICKSTART, 2_000, "seed", "9", "partitions", "3").collectAsList();
    Catalog catalog = new QuickstartTestCatalog();
    AliasTable types = AliasTable.of(new double[] {0.5, 0.3, 0.2});
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      // Type pick as the contract defines it (Rng and AliasTable are tested on their own).
      EventKernel kernel = catalog.kernel(types.pick(Rng.hash(i, Rng.stream(seed, Rng.TYPE_SALT))));
      long micros = START + BigInteger.valueOf(i).multiply(BigInteger.valueOf(1_000_000)).divide(BigInteger.valueOf(1000)).longValueExact();
      ByteWriter expected = new ByteWriter();
      kernel.write(seed, i, micros, Format.JSON, expected);
      assertThat(r.getString(0)).as("row %d type", i).isEqualTo(kernel.eventTypeId());
      assertThat(r.getTimestamp(1)).as("row %d time", i).isEqualTo(timestamp(micros));
      assertThat(r.getString(2)).as("row %d key (default: the type id)", i).isEqualTo(kernel.eventTypeId());
      assertThat((byte[]) r.get(3)).as("row %d payload", i).isEqualTo(expected.toByteArray());
    }
  }

  @Test
  void typeMixFollowsTheWeights() {
    // 20 types weighted 1..20 (SyntheticTestCatalog); chi-square with 19 degrees of freedom.
    long rows = 200_000;
    List<Row> counts =
        read(SyntheticTestCatalog.Twenty.class.getName(), rows, "seed", "2026")
            .groupBy("event_type_id")
            .count()
            .collectAsList();
    long[] observed = new long[20];
    double[] p = new double[20];
    for (int k = 0; k < 20; k++) {
      p[k] = (k + 1) / 210.0;
    }
    for (Row r : counts) {
      observed[Integer.parseInt(r.getString(0).substring("synthetic.type".length()))] = r.getLong(1);
    }
    double chi = ChiSquare.statistic(observed, p);
    // 43.82 is the 0.999 quantile of chi-square(19).
    assertThat(chi).isLessThan(43.82);
    assertThat(observed).doesNotContain(0L);
  }

  @Test
  void quickstartMixWithinSamplingError() {
    long rows = 100_000;
    List<Row> counts = read(QUICKSTART, rows, "seed", "1").groupBy("event_type_id").count().collectAsList();
    long[] observed = new long[3];
    String[] ids = {"user.session.start", "user.purchase", "user.session.end"};
    for (Row r : counts) {
      observed[java.util.Arrays.asList(ids).indexOf(r.getString(0))] = r.getLong(1);
    }
    // 13.82 is the 0.999 quantile of chi-square(2).
    assertThat(ChiSquare.statistic(observed, new double[] {0.5, 0.3, 0.2})).isLessThan(13.82);
  }

  @Test
  void partitionKeyIsTheFieldsText() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (Row r : read(QUICKSTART, 500, "partitionKeyField", "user_id").collectAsList()) {
      JsonNode payload = json.readTree((byte[]) r.get(3));
      assertThat(r.getString(2)).isEqualTo(payload.get("user_id").asText());
    }
  }

  @Test
  void typesWithoutTheKeyFieldUseTheirTypeId() throws Exception {
    for (Row r : read(QUICKSTART, 300, "partitionKeyField", "device_type").collectAsList()) {
      if (r.getString(0).equals("user.session.start")) {
        assertThat(r.getString(2)).isIn("iOS", "Android", "Web");
      } else {
        assertThat(r.getString(2)).isEqualTo(r.getString(0));
      }
    }
  }

  @Test
  void unknownKeyFieldFailsAtPlanning() {
    assertThatThrownBy(() -> read(QUICKSTART, 10, "partitionKeyField", "user_di").collectAsList())
        .hasMessageContaining(
            "streamgen option 'partitionKeyField' = 'user_di': no event type has this field; did you mean"
                + " 'user_id'? (unset it to use event_type_id)");
  }

  @Test
  void protobufEnvelopeCarriesTypeAndEvent() throws Exception {
    long seed = 5;
    List<Row> rows = read(QUICKSTART, 200, "seed", "5", "format", "protobuf", "envelope", "true").collectAsList();
    Catalog catalog = new QuickstartTestCatalog();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      CodedInputStream in = CodedInputStream.newInstance((byte[]) r.get(3));
      assertThat(in.readTag()).isEqualTo((1 << 3) | 2);
      String typeId = in.readString();
      assertThat(in.readTag()).isEqualTo((2 << 3) | 2);
      byte[] event = in.readByteArray();
      assertThat(in.isAtEnd()).isTrue();
      assertThat(typeId).isEqualTo(r.getString(0));
      EventKernel kernel = null;
      for (int t = 0; t < catalog.size(); t++) {
        if (catalog.kernel(t).eventTypeId().equals(typeId)) {
          kernel = catalog.kernel(t);
        }
      }
      ByteWriter expected = new ByteWriter();
      kernel.write(seed, i, micros(r.getTimestamp(1)), Format.PROTOBUF, expected);
      assertThat(event).isEqualTo(expected.toByteArray());
    }
  }

  @Test
  void largeEnvelopedEventsGetMultiByteLengths() throws Exception {
    // 300-byte events need a two-byte varint length: the back-patched length must still parse.
    List<Row> rows =
        read(LongEventsCatalog.class.getName(), 20, "format", "protobuf", "envelope", "true").collectAsList();
    for (Row r : rows) {
      CodedInputStream in = CodedInputStream.newInstance((byte[]) r.get(3));
      in.readTag();
      assertThat(in.readString()).isEqualTo("long.event");
      in.readTag();
      assertThat(in.readByteArray()).hasSize(300);
      assertThat(in.isAtEnd()).isTrue();
    }
  }

  @Test
  void batchWithoutRowsFailsAtPlanning() {
    Dataset<Row> df = SharedSpark.session().read().format("streamgen").option("catalog", QUICKSTART).load();
    assertThatThrownBy(df::count)
        .hasMessageContaining(
            "streamgen option 'rows' is required for a batch read: set e.g. .option(\"rows\", \"1000000\")");
  }

  @Test
  void wrongCatalogClassIsNamed() {
    assertThatThrownBy(() -> read("com.example.NoSuchCatalog", 10).count())
        .hasMessageContaining(
            "streamgen option 'catalog' = 'com.example.NoSuchCatalog': class not found on the classpath;"
                + " generated catalogs listed there: ");
  }

  @Test
  void everyActionOnOneDataFrameSeesTheSameRows() {
    Dataset<Row> df =
        SharedSpark.session().read().format("streamgen").option("catalog", QUICKSTART).option("rows", 100).load();
    assertThat(df.collectAsList()).isEqualTo(df.collectAsList());
  }

  @Test
  void planSizeDoesNotGrowWithTheNumberOfTypes() {
    Dataset<Row> three = read(SyntheticTestCatalog.Three.class.getName(), 1000);
    Dataset<Row> thousand = read(SyntheticTestCatalog.Thousand.class.getName(), 1000);
    LogicalPlan p3 = three.queryExecution().optimizedPlan();
    LogicalPlan p1000 = thousand.queryExecution().optimizedPlan();
    assertThat(nodes(p1000)).isEqualTo(nodes(p3)).isEqualTo(1);
    assertThat(nodes(thousand.queryExecution().executedPlan()))
        .isEqualTo(nodes(three.queryExecution().executedPlan()));
    // The same text but for the catalog's name, its type count and expression ids.
    String e3 = three.queryExecution().executedPlan().toString().replaceAll("#\\d+", "#");
    String e1000 = thousand.queryExecution().executedPlan().toString().replaceAll("#\\d+", "#");
    assertThat(e1000.replace("Thousand", "").replace("types=1000", ""))
        .isEqualTo(e3.replace("Three", "").replace("types=3", ""));
    assertThat(thousand.count()).isEqualTo(1000);
  }

  private static int nodes(org.apache.spark.sql.catalyst.trees.TreeNode<?> node) {
    int n = 1;
    scala.collection.Iterator<?> it = node.children().iterator();
    while (it.hasNext()) {
      n += nodes((org.apache.spark.sql.catalyst.trees.TreeNode<?>) it.next());
    }
    return n;
  }

  private static Timestamp timestamp(long micros) {
    Timestamp t = new Timestamp(Math.floorDiv(micros, 1000));
    t.setNanos((int) Math.floorMod(micros, 1_000_000) * 1000);
    return t;
  }

  private static long micros(Timestamp t) {
    return Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000;
  }

  /** One type whose protobuf event is 300 bytes. */
  public static final class LongEventsCatalog implements Catalog {
    @Override
    public String sourceName() {
      return "long.yaml";
    }

    @Override
    public String sourceYaml() {
      return "";
    }

    @Override
    public int size() {
      return 1;
    }

    @Override
    public EventKernel kernel(int typeIndex) {
      return new EventKernel() {
        @Override
        public String eventTypeId() {
          return "long.event";
        }

        @Override
        public List<String> fieldNames() {
          return java.util.Collections.singletonList("text");
        }

        @Override
        public long avroFingerprint() {
          return 0;
        }

        @Override
        public void write(long seed, long row, long eventTimeMicros, Format format, ByteWriter out) {
          byte[] text = new byte[297];
          java.util.Arrays.fill(text, (byte) 'x');
          out.write(0x0A);
          out.write(0xA9); // 297 = 0b10_0101001 -> A9 02
          out.write(0x02);
          out.write(text);
        }

        @Override
        public String fieldText(long seed, long row, long eventTimeMicros, int field) {
          return new String(new byte[] {'x'}, StandardCharsets.UTF_8);
        }
      };
    }

    @Override
    public double weight(int typeIndex) {
      return 1;
    }
  }
}
