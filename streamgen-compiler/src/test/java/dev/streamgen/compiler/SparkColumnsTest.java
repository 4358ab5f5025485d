package dev.streamgen.compiler;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.columns.ColumnCatalog;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scala.collection.JavaConverters;

/**
 * The generated Spark columns compute, on a local Spark session, exactly the values the generated
 * Java computes for the same rows (bit-equal doubles, same UUID text, same timestamps and dates), for
 * the catalog of every field kind and the one of entity pools, references and unique fields (whose
 * columns call the kernels' functions in UDFs: unique values, rows another type emitted).
 */
class SparkColumnsTest {
  static final long SEED = 11;
  static final long BASE_MICROS = 1_795_000_000_123_456L;
  static final int ROWS = 5_000;

  @TempDir static Path dir;
  static SparkSession spark;
  static final List<URLClassLoader> loaders = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("SparkColumnsTest")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .getOrCreate();
  }

  @AfterAll
  static void stop() throws Exception {
    if (spark != null) {
      spark.stop();
    }
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "src/test/resources/configs/all_kinds.yaml, streamgen.generated.AllKindsCatalog",
    "src/test/resources/configs/entities.yaml, streamgen.generated.EntitiesCatalog"
  })
  void columnsEqualTheKernelsValuesRowForRow(Path config, String catalogClass) throws Exception {
    Path work = dir.resolve(catalogClass);
    CompileRequest request = GeneratedSources.request(config, work.resolve("out"));
    assertThat(Compiler.compile(request).errors()).isEmpty();
    URLClassLoader loader = GeneratedSources.compileAndLoad(request, work.resolve("classes"));
    loaders.add(loader);
    Catalog catalog = (Catalog) loader.loadClass(catalogClass).getConstructor().newInstance();
    JsonNode manifest = new ObjectMapper().readTree(request.schemaOutputDirectory().resolve("manifest.json").toFile());
    assertThat(catalog).isInstanceOf(ColumnCatalog.class);
    ColumnCatalog columns = (ColumnCatalog) catalog;
    for (int i = 0; i < catalog.size(); i++) {
      JsonNode type = manifest.get("sources").get(0).get("event_types").get(i);
      Class<?> eventClass = loader.loadClass(type.get("java_class").asText());
      Column row = col("id");
      Column time = col("id").multiply(1_001L).plus(lit(BASE_MICROS));
      Dataset<Row> df = spark.range(0, ROWS).select(columns.columns(i, SEED, row, time));
      List<String> names = new ArrayList<>();
      type.get("fields").forEach(f -> names.add(f.get("name").asText()));
      assertThat(df.columns()).containsExactlyElementsOf(names);
      List<Row> rows = df.collectAsList();
      assertThat(rows).hasSize(ROWS);
      for (int r = 0; r < ROWS; r++) {
        Object event =
            eventClass.getMethod("generate", long.class, long.class, long.class).invoke(null, SEED, (long) r, BASE_MICROS + r * 1_001L);
        int f = 0;
        for (JsonNode field : type.get("fields")) {
          Object expected = eventClass.getField(field.get("identifier").asText()).get(event);
          Object actual = rows.get(r).get(f);
          DataType dataType = df.schema().fields()[f].dataType();
          check(field, dataType, actual, expected, "row " + r);
          f++;
        }
      }
    }
  }

  /** Checks one Spark value of type {@code dataType} against the typed class's value, nested ones recursively. */
  private static void check(JsonNode field, DataType dataType, Object actual, Object expected, String at) {
    if (expected == null || actual == null) {
      assertThat(GeneratedCodeTest.nullable(field)).as("%s %s", at, field).isTrue();
      assertThat(actual).as("%s %s", at, field).isEqualTo(expected);
      return;
    }
    switch (field.get("type").asText()) {
      case "int" -> {
        assertThat(dataType).isEqualTo(DataTypes.IntegerType);
        assertThat(actual).isEqualTo(expected);
      }
      case "long" -> {
        assertThat(dataType).isEqualTo(DataTypes.LongType);
        assertThat(actual).as("%s %s", at, field).isEqualTo(expected);
      }
      case "boolean" -> {
        assertThat(dataType).isEqualTo(DataTypes.BooleanType);
        assertThat(actual).as("%s %s", at, field).isEqualTo(expected);
      }
      case "date" -> {
        assertThat(dataType).isEqualTo(DataTypes.DateType);
        assertThat(((java.sql.Date) actual).toLocalDate()).as("%s %s", at, field).isEqualTo(expected);
      }
      case "float", "double" -> {
        assertThat(dataType).isEqualTo(DataTypes.DoubleType);
        assertThat(Double.doubleToRawLongBits((Double) actual)).as("%s %s", at, field).isEqualTo(Double.doubleToRawLongBits((Double) expected));
      }
      case "expr" -> {
        switch (field.get("result").asText()) {
          case "int" -> assertThat(dataType).isEqualTo(DataTypes.IntegerType);
          case "long" -> assertThat(dataType).isEqualTo(DataTypes.LongType);
          default -> assertThat(dataType).isEqualTo(DataTypes.DoubleType);
        }
        // Doubles bit for bit (Double.equals compares the bits).
        assertThat(actual).as("%s %s", at, field).isEqualTo(expected);
      }
      case "decimal" -> {
        assertThat(dataType).isEqualTo(DataTypes.createDecimalType(field.get("precision").asInt(), field.get("scale").asInt()));
        assertThat(actual).as("%s %s", at, field).isEqualTo(expected);
      }
      case "bytes" -> {
        assertThat(dataType).isEqualTo(DataTypes.BinaryType);
        assertThat((byte[]) actual).as("%s %s", at, field).isEqualTo((byte[]) expected);
      }
      case "string", "uuid", "enum", "sequence", "template", "regex", "faker" -> {
        assertThat(dataType).isEqualTo(DataTypes.StringType);
        assertThat(actual).as("%s %s", at, field).isEqualTo(expected.toString());
      }
      case "timestamp" -> {
        assertThat(dataType).isEqualTo(DataTypes.TimestampType);
        Instant instant = ((Timestamp) actual).toInstant();
        assertThat(ChronoUnit.MICROS.between(Instant.EPOCH, instant)).isEqualTo(expected);
      }
      case "struct" -> {
        assertThat(dataType).isInstanceOf(StructType.class);
        StructType struct = (StructType) dataType;
        Row row = (Row) actual;
        int j = 0;
        for (JsonNode child : field.get("fields")) {
          assertThat(struct.fields()[j].name()).isEqualTo(child.get("name").asText());
          check(child, struct.fields()[j].dataType(), row.get(j), GeneratedCodeTest.member(expected, child), at + " " + field.get("name").asText());
          j++;
        }
        assertThat(row.size()).isEqualTo(j);
      }
      case "array" -> {
        assertThat(dataType).isInstanceOf(ArrayType.class);
        List<?> items = (List<?>) expected;
        List<?> values = JavaConverters.seqAsJavaList((scala.collection.Seq<?>) actual);
        assertThat(values).as("%s %s", at, field).hasSameSizeAs(items);
        for (int k = 0; k < items.size(); k++) {
          check(field.get("items"), ((ArrayType) dataType).elementType(), values.get(k), items.get(k), at + " " + field.get("name").asText() + "[" + k + "]");
        }
      }
      case "map" -> {
        // A Spark map comes back as a scala Map, whose iteration order is not the entries' order.
        assertThat(dataType).isInstanceOf(MapType.class);
        assertThat(((MapType) dataType).keyType()).isEqualTo(DataTypes.StringType);
        Map<?, ?> entries = (Map<?, ?>) expected;
        Map<?, ?> values = JavaConverters.mapAsJavaMap((scala.collection.Map<?, ?>) actual);
        assertThat(values.keySet()).as("%s %s", at, field).isEqualTo(entries.keySet());
        for (Map.Entry<?, ?> e : entries.entrySet()) {
          check(field.get("values"), ((MapType) dataType).valueType(), values.get(e.getKey()), e.getValue(), at + " " + field.get("name").asText() + "{" + e.getKey() + "}");
        }
      }
      // A reference's column is its target's, at the row it refers to.
      case "ref" -> check(GeneratedCodeTest.refTarget(field), dataType, actual, expected, at);
      default -> throw new AssertionError(field);
    }
  }
}
