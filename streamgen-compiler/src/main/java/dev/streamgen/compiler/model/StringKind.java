package dev.streamgen.compiler.model;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.ListNode;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type: string, values: [...], weights: [...]}: one of the values, picked with the given
 * weights (equal when none are given). Value: {@code values[Rng.pick(hash, cuts)]} where {@code cuts}
 * are the running sums of the normalized weights. Each value's JSON, Avro, binary and Protobuf bytes
 * are encoded once when the class loads, so writing a row copies bytes.
 *
 * @param weights the declared weights, empty when none were given
 */
public record StringKind(List<String> values, List<Double> weights) implements FieldKind {
  /** A bound that keeps a type's static initializer far below the JVM's 64 KB method limit. */
  public static final int MAX_VALUES = 1000;

  public static final KindDefinition DEFINITION =
      new KindDefinition("string", List.of("values", "weights"), StringKind::parse);

  public StringKind {
    values = List.copyOf(values);
    weights = List.copyOf(weights);
  }

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    Node node = scope.require(definition, "values", "type string needs values: [a, b, ...]");
    if (node == null) {
      return null;
    }
    if (!(node instanceof ListNode list) || list.items().isEmpty()) {
      scope.error(node, "values must be a non-empty list of strings, got " + FieldScope.shape(node));
      return null;
    }
    if (list.items().size() > MAX_VALUES) {
      scope.error(
          node,
          "values has " + list.items().size() + " entries; at most " + MAX_VALUES + " are supported");
      return null;
    }
    List<String> values = new ArrayList<>();
    Map<String, ScalarNode> seen = new HashMap<>();
    boolean ok = true;
    for (Node item : list.items()) {
      if (!(item instanceof ScalarNode s) || s.isNull()) {
        scope.error(item, "values must hold strings, got " + FieldScope.shape(item));
        ok = false;
        continue;
      }
      ScalarNode first = seen.putIfAbsent(s.text(), s);
      if (first != null) {
        scope.error(
            s,
            "value '" + s.text() + "' is listed twice (first at line " + first.location().line() + ")");
        ok = false;
      }
      values.add(s.text());
    }
    List<Double> weights = new ArrayList<>();
    Node weightsNode = definition.get("weights").orElse(null);
    if (weightsNode != null) {
      List<ScalarNode> given = scope.numbers(weightsNode, "weights");
      if (given == null) {
        return null;
      }
      if (given.size() != list.items().size()) {
        scope.error(
            weightsNode,
            list.items().size()
                + " values but "
                + given.size()
                + " weights; give one weight per value");
        return null;
      }
      double[] checked = scope.weights(given, weightsNode, "weights");
      if (checked == null) {
        return null;
      }
      for (double w : checked) {
        weights.add(w);
      }
    }
    return ok ? new StringKind(values, weights) : null;
  }

  /**
   * The running sums of the normalized weights, without the last (which the last value takes):
   * {@code values.size() - 1} non-decreasing numbers.
   */
  public double[] cuts() {
    int n = values.size();
    double[] cuts = new double[n - 1];
    if (weights.isEmpty()) {
      for (int i = 0; i < n - 1; i++) {
        cuts[i] = (double) (i + 1) / n;
      }
      return cuts;
    }
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double running = 0;
    for (int i = 0; i < n - 1; i++) {
      running += weights.get(i);
      cuts[i] = running / total;
    }
    return cuts;
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public String describe() {
    StringBuilder b = new StringBuilder("string ").append(values);
    if (!weights.isEmpty()) {
      b.append(" weights ").append(weights.stream().map(FieldScope::format).toList());
    }
    return b.toString();
  }

  @Override
  public Object avroType() {
    return "string";
  }

  @Override
  public String protoType() {
    return "string";
  }

  @Override
  public int protoWireType() {
    return ProtobufWriter.WIRE_LENGTH_DELIMITED;
  }

  @Override
  public Map<String, Object> jsonSchema() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "string");
    schema.put("enum", values);
    return schema;
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("values", values);
    if (!weights.isEmpty()) {
      parameters.put("weights", weights);
    }
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return TypeName.get(String.class);
  }

  @Override
  public String shapeKey() {
    return "string";
  }

  /**
   * Salt, values, cuts and each format's encoded values (encoded once when the kernel class loads,
   * so writing a row copies bytes).
   */
  @Override
  public List<FieldConstant> constants(FieldCode f) {
    ArrayTypeName bytes = ArrayTypeName.of(ArrayTypeName.of(byte.class));
    CodeBlock.Builder valuesInit = CodeBlock.builder().add("{");
    for (int i = 0; i < values.size(); i++) {
      valuesInit.add(i == 0 ? "$L" : ", $L", JavaLiterals.string(values.get(i)));
    }
    CodeBlock.Builder cutsInit = CodeBlock.builder().add("{");
    double[] cuts = cuts();
    for (int i = 0; i < cuts.length; i++) {
      cutsInit.add(i == 0 ? "$L" : ", $L", Kinds.literal(cuts[i]));
    }
    CodeBlock valuesRef = f.ref("VALUES");
    return List.of(
        Kinds.salt(f),
        new FieldConstant(TypeName.get(String[].class), "VALUES", valuesInit.add("}").build()),
        new FieldConstant(TypeName.get(double[].class), "CUTS", cutsInit.add("}").build()),
        new FieldConstant(bytes, "JSON", CodeBlock.of("$T.encodeAll($L)", JsonWriter.class, valuesRef)),
        new FieldConstant(bytes, "AVRO", CodeBlock.of("$T.encodeAll($L)", AvroWriter.class, valuesRef)),
        new FieldConstant(bytes, "BINARY", CodeBlock.of("$T.encodeAll($L)", BinaryWriter.class, valuesRef)),
        new FieldConstant(
            bytes,
            "PROTO",
            CodeBlock.of(
                "$T.encodeAll($L, $L)", ProtobufWriter.class, f.protoTag(protoWireType()), valuesRef)));
  }

  @Override
  public List<MethodSpec> methods(FieldCode f) {
    return List.of(
        Kinds.rowMethod(
            f, "index", int.class, "return $T.pick($L, $L)", Rng.class, f.hash(0), f.ref("CUTS")));
  }

  @Override
  public CodeBlock value(FieldCode f) {
    return CodeBlock.of("$L[$L]", f.ref("VALUES"), f.call("index"));
  }

  @Override
  public CodeBlock write(Format format, FieldCode f) {
    String table =
        switch (format) {
          case JSON -> "JSON";
          case AVRO -> "AVRO";
          case BINARY -> "BINARY";
          case PROTOBUF -> "PROTO";
        };
    return CodeBlock.of("out.write($L[$L]);\n", f.ref(table), f.call("index"));
  }

  @Override
  public CodeBlock writeValue(Format format, FieldCode f, CodeBlock value) {
    return Kinds.writeCall(format, "writeString", f, protoWireType(), value);
  }

  @Override
  public CodeBlock text(FieldCode f) {
    return value(f);
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of(
        "$T.pick($L, $T.$N, $T.$N)",
        Kinds.RNG_COLUMNS,
        Kinds.hashColumn(f, 0),
        f.kernel(),
        f.member("CUTS"),
        f.kernel(),
        f.member("VALUES"));
  }
}
