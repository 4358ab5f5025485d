package dev.streamgen.runtime.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.get_json_object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamgen.it.webshop.WebshopCatalog;
import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/examples/webshop.yaml, run by the job to a real Delta table and read back with Spark: what a
 * consumer's joins and aggregations find. The orders' product ids join product.created's in the
 * declared share (the rest are orphans no product has), every shipment joins an order, a pool
 * member's attributes never differ between events or types, a zipf popularity makes the first member
 * the hottest by the share the power law gives, unique ids never repeat, and the partition key is
 * the user's id. Expected values come from the YAML's parameters, never from the generator.
 */
class RelationshipsEndToEndTest {
  private static final long ROWS = 100_000;
  private static Dataset<Row> events;

  @BeforeAll
  static void writeTheShopToDelta() {
    events = ItJob.toDelta(WebshopCatalog.class, "webshop").cache();
    assertThat(events.count()).isEqualTo(ROWS);
  }

  private static Dataset<Row> ofType(String type, String... fields) {
    Dataset<Row> rows = events.filter(col("event_type_id").equalTo(type));
    for (String f : fields) {
      rows = rows.withColumn(f, get_json_object(col("payload"), "$." + f));
    }
    return rows;
  }

  @Test
  void ordersJoinCreatedProductsInTheDeclaredShare() {
    Dataset<Row> orders = ofType("order.placed", "product_id");
    Dataset<Row> created = ofType("product.created", "product_id").select("product_id").distinct();
    long n = orders.count();
    long matched = orders.join(created, orders.col("product_id").equalTo(created.col("product_id")), "left_semi").count();
    double share = (double) matched / n;
    double sigma = Math.sqrt(0.98 * 0.02 / n);
    assertThat(share).as("%d of %d orders join a created product", matched, n).isBetween(0.98 - 5 * sigma, 0.98 + 5 * sigma);
    // Orphans are ids of the id's own form, just not of any created product.
    assertThat(orders.filter(col("product_id").rlike("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")).count())
        .isEqualTo(n);
  }

  @Test
  void everyShipmentJoinsAnOrderPlacedBeforeIt() {
    Dataset<Row> placed = ofType("order.placed", "order_id").select(col("order_id"), col("timestamp").as("placed_at"));
    Dataset<Row> shipped = ofType("order.shipped", "order_id");
    Dataset<Row> joined = shipped.join(placed, "order_id");
    assertThat(joined.count()).as("shipments with their order").isEqualTo(shipped.count());
    assertThat(joined.filter(col("placed_at").gt(col("timestamp"))).count()).as("orders placed after their shipment").isZero();
  }

  @Test
  void aPoolMembersAttributesNeverChange() {
    Dataset<Row> views = ofType("page.view", "user_id", "country", "tier", "sku", "category");
    Dataset<Row> orders = ofType("order.placed", "user_id", "country");
    Dataset<Row> countries = views.select("user_id", "country").union(orders.select("user_id", "country"));
    assertThat(countries.groupBy("user_id").agg(countDistinct("country").as("n")).filter(col("n").gt(1)).count())
        .as("users seen with two countries").isZero();
    assertThat(views.groupBy("user_id").agg(countDistinct("tier").as("n")).filter(col("n").gt(1)).count()).isZero();
    assertThat(views.groupBy("sku").agg(countDistinct("category").as("n")).filter(col("n").gt(1)).count())
        .as("one product member: its sku and category").isZero();
    Dataset<Row> prices = ofType("product.created", "sku", "price");
    assertThat(prices.groupBy("sku").agg(countDistinct("price").as("n")).filter(col("n").gt(1)).count()).isZero();

    long users = events.select(get_json_object(col("payload"), "$.user_id").as("u")).distinct().count();
    assertThat(users).as("distinct users").isLessThanOrEqualTo(20_000).isGreaterThan(19_000);

    // Over distinct members, countries follow the pool's weights.
    Map<String, Long> byCountry = new HashMap<>();
    for (Row r : countries.distinct().groupBy("country").count().collectAsList()) {
      byCountry.put(r.getString(0), r.getLong(1));
    }
    long members = byCountry.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Double> weights = Map.of("US", 0.4, "DE", 0.25, "FR", 0.2, "BR", 0.15);
    weights.forEach((country, w) -> {
      double sigma = Math.sqrt(w * (1 - w) / members);
      assertThat((double) byCountry.getOrDefault(country, 0L) / members).as(country).isBetween(w - 5 * sigma, w + 5 * sigma);
    });
  }

  @Test
  void aSecondRoleIsAnotherMemberOfThePool() {
    Dataset<Row> orders = ofType("order.placed", "user_id", "seller_id");
    long n = orders.count();
    assertThat(orders.filter(col("user_id").equalTo(col("seller_id"))).count()).as("buyer = seller").isLessThan(n / 100);
    Dataset<Row> users = events.select(get_json_object(col("payload"), "$.user_id").as("seller_id")).distinct();
    long sellers = orders.select("seller_id").distinct().count();
    long known = orders.select("seller_id").distinct().join(users, "seller_id").count();
    assertThat((double) known / sellers).as("sellers that are also seen as users").isGreaterThan(0.95);
  }

  @Test
  void zipfPopularityMakesTheFirstMemberTheHottest() {
    Dataset<Row> views = ofType("page.view", "sku");
    long n = views.count();
    List<Row> top = views.groupBy("sku").count().orderBy(col("count").desc()).limit(2).collectAsList();
    assertThat(top.get(0).getString(0)).isEqualTo("SKU-1000");
    // The draw inverts a power law on [1, count + 1): P(rank 1) = (2^(1-s) - 1) / ((count + 1)^(1-s) - 1).
    double s = 1.1;
    double p = (Math.pow(2, 1 - s) - 1) / (Math.pow(501, 1 - s) - 1);
    double sigma = Math.sqrt(p * (1 - p) / n);
    assertThat((double) top.get(0).getLong(1) / n).isBetween(p - 5 * sigma, p + 5 * sigma);
    assertThat(top.get(1).getString(0)).isEqualTo("SKU-1001");
  }

  @Test
  void uniqueIdsNeverRepeatAndTheUserIsThePartitionKey() {
    Dataset<Row> all = events.withColumn("event_id", get_json_object(col("payload"), "$.event_id"))
        .withColumn("user_id", get_json_object(col("payload"), "$.user_id"));
    assertThat(all.select("event_id").distinct().count()).isEqualTo(ROWS);
    Dataset<Row> orders = ofType("order.placed", "order_id");
    assertThat(orders.select("order_id").distinct().count()).isEqualTo(orders.count());
    assertThat(orders.filter(col("order_id").cast("long").lt(1).or(col("order_id").cast("long").gt(9_000_000_000L))).count()).isZero();
    assertThat(all.filter(col("partition_key").notEqual(col("user_id"))).count()).isZero();
  }

  @Test
  void typedColumnsOfReferencesEqualTheKernels() {
    long seed = 7;
    for (String type : List.of("order.placed", "page.view")) {
      Dataset<Row> typed = StreamGen.typed(ItSpark.session(), WebshopCatalog.class, type, 300, seed, 1_767_225_600_000_000L, 1000);
      WebshopCatalog catalog = new WebshopCatalog();
      int index = type.equals("order.placed") ? 2 : 1;
      List<Row> rows = typed.collectAsList();
      String[] names = typed.columns();
      for (int i = 0; i < rows.size(); i++) {
        ByteWriter out = new ByteWriter();
        catalog.kernel(index).write(seed, i, 1_767_225_600_000_000L + i * 1000L, Format.JSON, out);
        JsonNode kernel = Payloads.json(out.toByteArray());
        for (int c = 0; c < names.length; c++) {
          if (names[c].equals("event_time")) {
            continue;
          }
          JsonNode expected = kernel.get(names[c]);
          Object actual = rows.get(i).get(c);
          if (expected.isNumber()) {
            assertThat(((Number) actual).doubleValue()).as("%s row %d %s", type, i, names[c]).isEqualTo(expected.asDouble());
          } else {
            assertThat(String.valueOf(actual)).as("%s row %d %s", type, i, names[c]).isEqualTo(expected.asText());
          }
        }
      }
    }
  }
}
