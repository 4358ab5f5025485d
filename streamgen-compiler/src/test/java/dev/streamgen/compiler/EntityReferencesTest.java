package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.kinds.BinaryDecoder;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import dev.streamgen.runtime.kinds.FieldGenerator;
import dev.streamgen.runtime.kinds.MemberPick;
import dev.streamgen.runtime.kinds.NullableField;
import dev.streamgen.runtime.kinds.PackedCatalog;
import dev.streamgen.runtime.kinds.RefField;
import dev.streamgen.runtime.source.RowTypes;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated code of a catalog with entity pools, references and unique fields
 * ({@code configs/entities.yaml}): typed classes write the kernels' bytes (and the packed catalog's)
 * in every format; standard decoders read the typed values back; a pool member's attributes are the
 * same wherever they are referred to, and are the pool field's values at the member's index;
 * popularity, roles and nullable references draw as declared; references to ids another type
 * emitted find an earlier row of that type for their match share and no such row otherwise; unique
 * fields never repeat. (The Spark columns of the catalog: {@link SparkColumnsTest}.)
 *
 * <p>Expected values come from the YAML and the documented laws (a sequence's text, zipf's density,
 * the run's type of a row as the runtime picks it), not from the code under test, except where a
 * value is compared with a second computation of it (typed class against kernel, pool field's
 * generator at the member index against the referring field).
 */
class EntityReferencesTest {
  static final Path CONFIG = Path.of("src/test/resources/configs/entities.yaml");
  static final long SEED = 5;
  static final long BASE_MICROS = 1_795_000_000_123_456L;
  /** Pools of the catalog and their counts (the YAML's). */
  static final Map<String, Long> POOLS = Map.of("users", 1000L, "products", 50L);

  @TempDir static Path dir;
  static CompileRequest request;
  static URLClassLoader loader;
  static Catalog catalog;
  static JsonNode manifest;

  @BeforeAll
  static void compileAndLoad() throws Exception {
    request = GeneratedSources.request(CONFIG, dir.resolve("out"));
    assertThat(Compiler.compile(request).errors()).isEmpty();
    loader = GeneratedSources.compileAndLoad(request, dir.resolve("classes"));
    catalog = (Catalog) loader.loadClass("streamgen.generated.EntitiesCatalog").getConstructor().newInstance();
    manifest = GeneratedCodeTest.JSON.readTree(request.schemaOutputDirectory().resolve("manifest.json").toFile());
  }

  @AfterAll
  static void close() throws IOException {
    loader.close();
  }

  @Test
  void catalogHasTheTypesAndReferencesOfTheYaml() {
    assertThat(catalog.size()).isEqualTo(3);
    assertThat(kernel("product.created").fieldNames())
        .containsExactly("user_id", "event_time", "product_id", "product_no", "serial", "batch", "token", "user_member_no");
    // Every ref compiles to a RefField over its target's generator named like the referring field.
    int refs = 0;
    for (int t = 0; t < catalog.size(); t++) {
      for (JsonNode field : fields(t)) {
        if (field.get("type").asText().equals("ref")) {
          RefField ref = refField(t, field.get("name").asText());
          assertThat(ref.name()).isEqualTo(field.get("name").asText());
          assertThat(ref.target().name()).isEqualTo(field.get("name").asText());
          refs++;
        }
      }
    }
    // user_id in each type; page.view's 18 and order.placed's 14 own; product.created's user_member_no.
    assertThat(refs).isEqualTo(3 + 18 + 14 + 1);
  }

  @Test
  void eventObjectsWriteTheKernelsAndThePackedCatalogsBytesInEveryFormat() throws Exception {
    List<EventTypeKernel> kernels = new ArrayList<>();
    for (int t = 0; t < catalog.size(); t++) {
      kernels.add((EventTypeKernel) catalog.kernel(t));
    }
    Map<Format, PackedCatalog> packed = new EnumMap<>(Format.class);
    for (Format format : Format.values()) {
      packed.put(format, PackedCatalog.of(kernels, format));
    }
    List<Long> rows = new ArrayList<>(LongStream.range(0, 400).boxed().toList());
    rows.addAll(List.of(1_000_000_007L, 1L << 40, Long.MAX_VALUE - 1, Long.MAX_VALUE));
    for (int t = 0; t < catalog.size(); t++) {
      EventKernel kernel = catalog.kernel(t);
      Class<?> type = eventClass(t);
      for (long row : rows) {
        long time = BASE_MICROS + row % 1_000_000;
        Object event = generate(type, row, time);
        for (Format format : Format.values()) {
          ByteWriter typed = new ByteWriter();
          type.getMethod("write" + switch (format) {
            case JSON -> "Json";
            case AVRO -> "Avro";
            case BINARY -> "Binary";
            case PROTOBUF -> "Protobuf";
          }, ByteWriter.class).invoke(event, typed);
          byte[] bytes = write(kernel, row, time, format);
          String at = kernel.eventTypeId() + " " + format + " row " + row;
          assertThat(typed.toByteArray()).as(at).isEqualTo(bytes);
          ByteWriter fromPacked = new ByteWriter();
          packed.get(format).write(t, SEED, row, time, fromPacked);
          assertThat(fromPacked.toByteArray()).as("packed " + at).isEqualTo(bytes);
        }
        assertThat(event.toString()).isEqualTo(new String(write(kernel, row, time, Format.JSON), StandardCharsets.UTF_8));
        for (int f = 0; f < kernel.fieldNames().size(); f++) {
          String text = kernel.fieldText(SEED, row, time, f);
          for (Format format : Format.values()) {
            assertThat(packed.get(format).fieldText(t, f, SEED, row, time)).as("%s row %s text %s", kernel.eventTypeId(), row, f).isEqualTo(text);
          }
        }
      }
    }
  }

  @Test
  void payloadsDecodeWithStandardToolsToTheEventsValues() throws Exception {
    Descriptors.FileDescriptor proto = GeneratedCodeTest.protoc(request.schemaOutputDirectory().resolve("proto"), "entities.proto", dir);
    GenericData avroModel = new GenericData();
    avroModel.addLogicalTypeConversion(new TimeConversions.DateConversion());
    JsonSchemaFactory jsonSchemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig formats = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    for (int t = 0; t < catalog.size(); t++) {
      EventKernel kernel = catalog.kernel(t);
      String id = kernel.eventTypeId();
      // A reference is encoded, typed and laid out as its target: check it as the target's field.
      List<JsonNode> fields = new ArrayList<>();
      for (JsonNode f : fields(t)) {
        fields.add(f.get("type").asText().equals("ref") ? GeneratedCodeTest.refTarget(f) : f);
      }
      List<String> binaryTypes = fields.stream().map(GeneratedCodeTest::binaryType).toList();
      Schema avroSchema = new Schema.Parser().parse(request.schemaOutputDirectory().resolve("avro/" + id + ".avsc").toFile());
      BinaryMessageDecoder<GenericRecord> avro = new BinaryMessageDecoder<>(avroModel, avroSchema);
      String message = manifestType(t).get("protobuf_message").asText();
      Descriptors.Descriptor descriptor = proto.findMessageTypeByName(message.substring(message.lastIndexOf('.') + 1));
      JsonSchema jsonSchema = jsonSchemas.getSchema(Files.readString(request.schemaOutputDirectory().resolve("json-schema/" + id + ".schema.json")), formats);
      Class<?> type = eventClass(t);
      for (long row = 0; row < 1_000; row++) {
        long time = BASE_MICROS + row * 1_001;
        List<Object> values = values(type, fields, generate(type, row, time));

        byte[] json = write(kernel, row, time, Format.JSON);
        JsonNode parsed = GeneratedCodeTest.JSON.readTree(json);
        JsonNode exact = GeneratedCodeTest.EXACT_JSON.readTree(json);
        List<String> names = new ArrayList<>();
        parsed.fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(kernel.fieldNames());
        for (int i = 0; i < fields.size(); i++) {
          String name = fields.get(i).get("name").asText();
          GeneratedCodeTest.checkJson(fields.get(i), parsed.get(name), exact.get(name), values.get(i));
        }
        assertThat(jsonSchema.validate(parsed)).as("%s row %s: %s", id, row, parsed).isEmpty();

        GenericRecord record = avro.decode(write(kernel, row, time, Format.AVRO));
        for (int i = 0; i < fields.size(); i++) {
          String identifier = fields.get(i).get("identifier").asText();
          GeneratedCodeTest.checkAvro(fields.get(i), avroSchema.getField(identifier).schema(), record.get(identifier), values.get(i));
        }

        byte[] protobuf = write(kernel, row, time, Format.PROTOBUF);
        DynamicMessage message1 = DynamicMessage.parseFrom(descriptor, protobuf);
        GeneratedCodeTest.checkProtoFields(fields, descriptor, message1, values);
        assertThat(message1.toByteArray()).as("canonical protobuf-java encoding").isEqualTo(protobuf);

        List<Object> decoded = BinaryDecoder.decode(write(kernel, row, time, Format.BINARY), binaryTypes);
        assertThat(decoded).hasSameSizeAs(values);
        for (int i = 0; i < fields.size(); i++) {
          GeneratedCodeTest.checkBinary(fields.get(i), decoded.get(i), values.get(i));
        }
      }
    }
  }

  @Test
  void aPoolMembersAttributesAreThePoolFieldsValuesAtItsIndexWhereverReferred() throws Exception {
    // Every generator reading a pool field, across types and roles, by target ("users.country").
    Map<String, List<FieldGenerator>> targets = new LinkedHashMap<>();
    for (int t = 0; t < catalog.size(); t++) {
      for (JsonNode field : fields(t)) {
        if (isPoolRef(field)) {
          targets.computeIfAbsent(field.get("target").asText(), k -> new ArrayList<>()).add(refField(t, field.get("name").asText()).target());
        }
      }
    }
    assertThat(targets.keySet()).hasSize(20);
    // One function of the member index wherever referred: the pool field's own values, member by member.
    Map<String, Object[]> poolValues = new HashMap<>();
    targets.forEach((target, generators) -> {
      long count = POOLS.get(target.substring(0, target.indexOf('.')));
      Object[] values = new Object[(int) count];
      for (int k = 0; k < count; k++) {
        values[k] = valueAt(generators.get(0), k);
        for (FieldGenerator other : generators) {
          assertThat(same(valueAt(other, k), values[k])).as("%s member %s in %s", target, k, other.name()).isTrue();
        }
      }
      poolValues.put(target, values);
    });
    // What the YAML says the members are: a sequence's text is prefix + (start + index * step).
    Object[] handles = poolValues.get("users.handle");
    Object[] skus = poolValues.get("products.sku");
    for (int k = 0; k < 1000; k++) {
      assertThat(handles[k]).isEqualTo("u-" + (7 + 3 * k));
    }
    for (int k = 0; k < 50; k++) {
      assertThat(skus[k]).isEqualTo("sku-" + k);
    }

    // Every row of every type: a referring field's typed value is the pool field's value at the
    // member its row picked; fields naming one pool and role in an event pick one member.
    Map<Object, Map<String, Object>> byUserId = new HashMap<>();
    int rowsChecked = 0;
    for (int t = 0; t < catalog.size(); t++) {
      List<JsonNode> fields = fields(t);
      Class<?> type = eventClass(t);
      // Rows of their own per type, as in a run (one pool and role picks the same member at the same row in any type).
      for (long row = t * 3_000L; row < (t + 1) * 3_000L; row++) {
        List<Object> values = values(type, fields, generate(type, row, BASE_MICROS));
        Map<String, Long> memberOfRole = new HashMap<>();
        Map<String, Map<String, Object>> attributesOfRole = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
          JsonNode field = fields.get(i);
          if (!isPoolRef(field)) {
            continue;
          }
          String target = field.get("target").asText();
          String pool = target.substring(0, target.indexOf('.'));
          String role = pool + "#" + field.path("role").asText("");
          long member = refField(t, field.get("name").asText()).sourceRow(SEED, row);
          assertThat(member).isBetween(0L, POOLS.get(pool) - 1);
          Long first = memberOfRole.putIfAbsent(role, member);
          assertThat(first == null || first == member).as("%s row %s: %s picks the member of its role", kernelId(t), row, field.get("name")).isTrue();
          if (values.get(i) == null) {
            assertThat(GeneratedCodeTest.nullable(field)).isTrue();
            continue;
          }
          assertThat(same(values.get(i), poolValues.get(target)[(int) member]))
              .as("%s row %s field %s: %s at member %s", kernelId(t), row, field.get("name").asText(), target, member).isTrue();
          attributesOfRole.computeIfAbsent(role, r -> new HashMap<>()).put(target, values.get(i));
        }
        // Independently of member indexes: a user's id (unique per member) always comes with the same attributes.
        for (Map<String, Object> attributes : attributesOfRole.values()) {
          Object id = attributes.get("users.id");
          if (id == null) {
            continue;
          }
          Map<String, Object> known = byUserId.computeIfAbsent(id, k -> new HashMap<>());
          attributes.forEach((target, value) -> {
            Object before = known.putIfAbsent(target, value);
            assertThat(before == null || same(before, value)).as("user %s: %s was %s, now %s", id, target, before, value).isTrue();
          });
        }
        rowsChecked++;
      }
    }
    assertThat(rowsChecked).isEqualTo(9_000);
    // 12,000 picks of 1,000 users (two roles in page.view) leave a user out with chance e^-12, and
    // 6,000 picks with country and tier (page.view, order.placed) leave one out with chance e^-6.
    assertThat(byUserId).hasSizeGreaterThan(990);
    assertThat(byUserId.values().stream().filter(a -> a.containsKey("users.country") && a.containsKey("users.tier"))).hasSizeGreaterThan(950);
  }

  @Test
  void membersArePickedUniformlyOrByPopularityAndEachRolePicksItsOwn() throws Exception {
    int t = typeIndex("page.view");
    List<JsonNode> fields = fields(t);
    Class<?> type = eventClass(t);
    int rows = 20_000;
    int[] skuPicks = new int[50];
    double userIndexSum = 0;
    double sellerIndexSum = 0;
    int sameMember = 0;
    int maybeTierNulls = 0;
    for (long row = 0; row < rows; row++) {
      Map<String, Object> event = byName(fields, values(type, fields, generate(type, row, BASE_MICROS)));
      // A member's index from its sequence attribute, as the YAML defines it: "sku-" + k, "u-" + (7 + 3k).
      String sku = (String) event.get("sku");
      assertThat(sku).matches("sku-[0-9]+");
      skuPicks[Integer.parseInt(sku.substring(4))]++;
      long user = (Long.parseLong(((String) event.get("handle")).substring(2)) - 7) / 3;
      userIndexSum += user;
      long seller = refField(t, "seller_id").sourceRow(SEED, row);
      sellerIndexSum += seller;
      sameMember += seller == user ? 1 : 0;
      if (event.get("maybe_tier") == null) {
        maybeTierNulls++;
      } else {
        assertThat(event.get("maybe_tier")).as("the tier of the same member").isEqualTo(event.get("tier"));
      }
    }
    // zipf(s) over n members: rank r (member r - 1) has the power-law density x^-s on [1, n + 1)
    // between r and r + 1, so P(member k) = ((k + 1)^(1-s) - (k + 2)^(1-s)) / (1 - (n + 1)^(1-s)).
    double s = 1.2;
    for (int k = 0; k < 50; k++) {
      double p = (Math.pow(k + 1, 1 - s) - Math.pow(k + 2, 1 - s)) / (1 - Math.pow(51, 1 - s));
      assertThat((double) skuPicks[k]).as("member %s", k).isCloseTo(rows * p, within(fiveSigmas(rows, p)));
    }
    assertThat(skuPicks[0]).isGreaterThan(skuPicks[1]).isGreaterThan(skuPicks[10]);
    // Uniform over 1,000 members: the mean index is 499.5, standard deviation sqrt((1000^2 - 1) / 12) per pick.
    double sigma = Math.sqrt((1000.0 * 1000 - 1) / 12 / rows);
    assertThat(userIndexSum / rows).isCloseTo(499.5, within(5 * sigma));
    assertThat(sellerIndexSum / rows).isCloseTo(499.5, within(5 * sigma));
    // The seller is a second, independent member: the same one as the user 1 time in 1,000.
    assertThat((double) sameMember).isCloseTo(rows / 1000.0, within(fiveSigmas(rows, 0.001)));
    assertThat((double) maybeTierNulls).isCloseTo(rows * 0.3, within(fiveSigmas(rows, 0.3)));

    // order.placed: buckets put 90% of picks on members 0-4 (uniform in [0, 4) then rounded), normal(100, 30) centres them on 100.
    int orders = typeIndex("order.placed");
    List<JsonNode> orderFields = fields(orders);
    Class<?> orderType = eventClass(orders);
    int firstFive = 0;
    double courierSum = 0;
    for (long row = 0; row < rows; row++) {
      Map<String, Object> event = byName(orderFields, values(orderType, orderFields, generate(orderType, row, BASE_MICROS)));
      firstFive += Integer.parseInt(((String) event.get("rare_sku")).substring(4)) <= 4 ? 1 : 0;
      courierSum += (Long.parseLong(((String) event.get("courier")).substring(2)) - 7) / 3;
    }
    assertThat((double) firstFive).isCloseTo(rows * 0.9, within(fiveSigmas(rows, 0.9)));
    // Clipping at member 0 (3.3 sigma below) moves the mean by under 0.1; 5 standard errors are 1.06.
    assertThat(courierSum / rows).isCloseTo(100, within(5 * 30 / Math.sqrt(rows) + 0.1));
  }

  @Test
  void referencesToEmittedIdsFindAnEarlierRowOfTheTypeForTheirMatchShare() throws Exception {
    double[] weights = new double[catalog.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = catalog.weight(i);
    }
    // Which type each row of a run is, as the runtime's source picks it.
    RowTypes rowTypes = new RowTypes(AliasTable.of(weights), SEED, null);
    int products = typeIndex("product.created");
    int orders = typeIndex("order.placed");
    List<JsonNode> productFields = fields(products);
    List<JsonNode> orderFields = fields(orders);
    Class<?> productType = eventClass(products);
    Class<?> orderType = eventClass(orders);
    List<String> ids = List.of("product_id", "product_no", "serial", "batch", "token");
    // The ids product.created rows emitted, each with its row.
    Map<String, Map<Object, Long>> emitted = new HashMap<>();
    ids.forEach(id -> emitted.put(id, new HashMap<>()));
    Map<String, int[]> matched = new HashMap<>();
    ids.forEach(id -> matched.put(id, new int[2])); // matched, present
    int orderRows = 0;
    int batchNulls = 0;
    long firstProduct = -1;
    int rows = 30_000;
    for (long row = 0; row < rows; row++) {
      int type = rowTypes.typeOf(row);
      long time = BASE_MICROS + row * 1_001;
      if (type == products) {
        Map<String, Object> product = byName(productFields, values(productType, productFields, generate(productType, row, time)));
        for (String id : ids) {
          assertThat(emitted.get(id).put(product.get(id), row)).as("%s repeats", id).isNull();
        }
        firstProduct = firstProduct < 0 ? row : firstProduct;
        continue;
      }
      if (type != orders || firstProduct < 0) {
        continue; // before the first product every reference is an orphan: nothing to match
      }
      orderRows++;
      Map<String, Object> order = byName(orderFields, values(orderType, orderFields, generate(orderType, row, time)));
      for (String id : ids) {
        Object value = order.get(id);
        if (value == null) {
          assertThat(id).isEqualTo("batch");
          batchNulls++;
          continue;
        }
        matched.get(id)[1]++;
        Long source = emitted.get(id).get(value);
        if (source != null) {
          // An id a product.created row emitted before this one.
          assertThat(source).isLessThan(row);
          matched.get(id)[0]++;
        }
      }
    }
    // An orphan's id is another row's value of the same unique field, so it is no product's: the
    // shares below count exactly the references that found their row.
    assertThat(orderRows).isGreaterThan(8_000);
    checkShare(matched.get("product_id"), 0.98);
    checkShare(matched.get("product_no"), 0.5);
    checkShare(matched.get("batch"), 0.9);
    assertThat(matched.get("serial")[0]).as("match 1: every reference finds its row").isEqualTo(orderRows);
    assertThat(matched.get("token")[0]).as("match 0: none does").isZero();
    assertThat((double) batchNulls).isCloseTo(orderRows * 0.2, within(fiveSigmas(orderRows, 0.2)));
  }

  private static void checkShare(int[] matchedAndPresent, double share) {
    int n = matchedAndPresent[1];
    assertThat((double) matchedAndPresent[0]).as("matched of %s", n).isCloseTo(n * share, within(fiveSigmas(n, share)));
  }

  @Test
  void uniqueFieldsNeverRepeatAcrossRowsOrMembers() throws Exception {
    int rows = 20_000;
    Map<String, Set<Object>> seen = new HashMap<>();
    for (String type : List.of("product.created", "order.placed")) {
      int t = typeIndex(type);
      List<JsonNode> fields = fields(t);
      Class<?> eventClass = eventClass(t);
      for (long row = 0; row < rows; row++) {
        Map<String, Object> event = byName(fields, values(eventClass, fields, generate(eventClass, row, BASE_MICROS)));
        for (String id : List.of("product_no", "serial", "batch", "token", "order_id", "line")) {
          if (event.containsKey(id) && fields.stream().noneMatch(f -> f.get("name").asText().equals(id) && f.get("type").asText().equals("ref"))) {
            assertThat(seen.computeIfAbsent(type + "." + id, k -> new HashSet<>()).add(event.get(id))).as("%s.%s row %s", type, id, row).isTrue();
          }
        }
        Object receipt = event.get("receipt");
        if (receipt != null) {
          int number = (Integer) receipt.getClass().getField("number").get(receipt);
          assertThat(number).isBetween(1, 1_000_000);
          // A plain draw of 20,000 values in [1, 1e6] would repeat about 200 times.
          assertThat(seen.computeIfAbsent("receipt.number", k -> new HashSet<>()).add(number)).as("receipt.number row %s", row).isTrue();
        }
      }
    }
    assertThat(seen.keySet()).containsExactlyInAnyOrder(
        "product.created.product_no", "product.created.serial", "product.created.batch", "product.created.token",
        "order.placed.order_id", "order.placed.line", "receipt.number");
    seen.values().forEach(values -> assertThat(values).hasSize(rows));
    seen.get("product.created.token").forEach(u -> assertThat(((UUID) u).version()).isEqualTo(4));
    seen.get("product.created.product_no").forEach(v -> assertThat((Long) v).isBetween(-4611686018427387903L, 4611686018427387903L));
    seen.get("product.created.serial").forEach(v -> assertThat((Integer) v).isNotNegative());
    seen.get("order.placed.order_id").forEach(v -> assertThat((Long) v).isBetween(1L, 1_000_000_000L));

    // A range as large as the rows drawn is exhausted exactly: line's 200,001 values over as many rows.
    FieldGenerator line = ((EventTypeKernel) kernel("order.placed")).field(fieldIndex(typeIndex("order.placed"), "line"));
    TreeSet<Integer> lines = new TreeSet<>();
    for (long row = 0; row < 200_001; row++) {
      lines.add((Integer) invoke(line, "intValue", row));
    }
    assertThat(lines).hasSize(200_001);
    assertThat(lines.first()).isEqualTo(-100_000);
    assertThat(lines.last()).isEqualTo(100_000);

    // Pool members: a unique field's value per member, distinct; member_no's 1,000 values for 1,000 members.
    int productCreated = typeIndex("product.created");
    FieldGenerator memberNo = refField(productCreated, "user_member_no").target();
    FieldGenerator userId = refField(productCreated, "user_id").target();
    FieldGenerator account = refField(typeIndex("page.view"), "account").target();
    Set<Object> memberNos = new TreeSet<>();
    Set<Object> userIds = new HashSet<>();
    Set<Object> accounts = new HashSet<>();
    for (long k = 0; k < 1000; k++) {
      memberNos.add(valueAt(memberNo, k));
      userIds.add(valueAt(userId, k));
      long a = (Long) valueAt(account, k);
      assertThat(a).isBetween(1_000_000_000_000L, 1_999_999_999_999L);
      accounts.add(a);
    }
    assertThat(memberNos).containsExactlyElementsOf(LongStream.rangeClosed(-500, 499).mapToObj(v -> (int) v).toList());
    assertThat(userIds).hasSize(1000);
    assertThat(accounts).hasSize(1000);
  }

  // ---- helpers ----

  private static double fiveSigmas(long n, double p) {
    return 5 * Math.sqrt(n * p * (1 - p));
  }

  static JsonNode manifestType(int t) {
    return manifest.get("sources").get(0).get("event_types").get(t);
  }

  static List<JsonNode> fields(int t) {
    List<JsonNode> fields = new ArrayList<>();
    manifestType(t).get("fields").forEach(fields::add);
    return fields;
  }

  static String kernelId(int t) {
    return catalog.kernel(t).eventTypeId();
  }

  static int typeIndex(String id) {
    for (int t = 0; t < catalog.size(); t++) {
      if (kernelId(t).equals(id)) {
        return t;
      }
    }
    throw new AssertionError(id);
  }

  static EventKernel kernel(String id) {
    return catalog.kernel(typeIndex(id));
  }

  static int fieldIndex(int t, String name) {
    int i = catalog.kernel(t).fieldNames().indexOf(name);
    assertThat(i).as(name).isNotNegative();
    return i;
  }

  /** Whether a manifest field refers to a pool's field (not to an event type's). */
  static boolean isPoolRef(JsonNode field) {
    return field.get("type").asText().equals("ref") && POOLS.containsKey(field.get("target").asText().split("\\.")[0]);
  }

  /** The reference generator of a type's field, its null draw (a nullable reference's) taken off. */
  static RefField refField(int t, String name) {
    FieldGenerator g = ((EventTypeKernel) catalog.kernel(t)).field(fieldIndex(t, name));
    if (g instanceof NullableField nullable) {
      g = nullable.field();
    }
    assertThat(g).isInstanceOf(RefField.class);
    RefField ref = (RefField) g;
    if (isPoolRef(manifestType(t).get("fields").get(fieldIndex(t, name)))) {
      assertThat(ref.source()).isInstanceOf(MemberPick.class);
    }
    return ref;
  }

  /** A pool field's generator at member {@code k}: its value at row k (a unique int's through intValue). */
  static Object valueAt(FieldGenerator g, long k) {
    return invoke(g, g.getClass().getSimpleName().equals("UniqueNumberField") && g.kind().equals("int") ? "intValue" : "value", k);
  }

  static Object invoke(FieldGenerator g, String method, long row) {
    try {
      return g.getClass().getMethod(method, long.class, long.class, long.class).invoke(g, SEED, row, BASE_MICROS);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(g + "." + method, e);
    }
  }

  static boolean same(Object a, Object b) {
    return a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : Objects.equals(a, b);
  }

  static Class<?> eventClass(int t) throws ClassNotFoundException {
    return loader.loadClass(manifestType(t).get("java_class").asText());
  }

  static Object generate(Class<?> type, long row, long time) throws ReflectiveOperationException {
    return type.getMethod("generate", long.class, long.class, long.class).invoke(null, SEED, row, time);
  }

  /** The typed event's values, in the order of the manifest's fields. */
  static List<Object> values(Class<?> type, List<JsonNode> fields, Object event) throws ReflectiveOperationException {
    List<Object> values = new ArrayList<>();
    for (JsonNode f : fields) {
      values.add(type.getField(f.get("identifier").asText()).get(event));
    }
    return values;
  }

  static Map<String, Object> byName(List<JsonNode> fields, List<Object> values) {
    Map<String, Object> byName = new HashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      byName.put(fields.get(i).get("name").asText(), values.get(i));
    }
    return byName;
  }

  static byte[] write(EventKernel kernel, long row, long time, Format format) {
    ByteWriter out = new ByteWriter();
    kernel.write(SEED, row, time, format, out);
    return out.toByteArray();
  }
}
