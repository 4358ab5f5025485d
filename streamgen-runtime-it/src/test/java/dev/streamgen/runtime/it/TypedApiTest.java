package dev.streamgen.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamgen.it.quickstart.EventsCatalog;
import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** StreamGen.typed: one event type as a typed DataFrame, from the generated Column code. */
class TypedApiTest {

  @Test
  void typedRowsHoldTheKernelsValues() {
    long seed = 11;
    Dataset<Row> purchases =
        StreamGen.typed(ItSpark.session(), EventsCatalog.class, "user.purchase", 1_000, seed, 1_767_225_600_000_000L, 1000);
    assertThat(purchases.schema().simpleString())
        .isEqualTo("struct<user_id:int,transaction_id:string,amount:double>");
    List<Row> rows = purchases.collectAsList();
    EventsCatalog catalog = new EventsCatalog();
    for (int i = 0; i < rows.size(); i++) {
      ByteWriter out = new ByteWriter();
      catalog.kernel(1).write(seed, i, 0, Format.JSON, out);
      JsonNode kernel = Payloads.json(out.toByteArray());
      Row r = rows.get(i);
      assertThat(r.getInt(0)).isEqualTo(kernel.get("user_id").asInt());
      assertThat(r.getString(1)).isEqualTo(kernel.get("transaction_id").asText());
      assertThat(r.getDouble(2)).isEqualTo(kernel.get("amount").asDouble());
    }
  }

  @Test
  void unknownTypeSuggestsTheClosest() {
    assertThatThrownBy(() -> StreamGen.typed(ItSpark.session(), EventsCatalog.class, "user.purchse", 10, 0))
        .hasMessage(
            "catalog dev.streamgen.it.quickstart.EventsCatalog has no event type 'user.purchse'; did you mean"
                + " 'user.purchase'?");
  }
}
