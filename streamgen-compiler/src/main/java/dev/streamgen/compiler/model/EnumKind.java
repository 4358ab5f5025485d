package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.ListNode;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.kinds.EnumField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code type: enum, values: [...], weights: [...]}: one of the symbols, picked by weight exactly as
 * a {@code string} field picks (same keys, rules and draw: {@link #choices}), drawn and encoded by
 * {@link EnumField}. Java String (the symbol); Avro enum; Protobuf enum nested in the event's message,
 * {@code <FIELD>_UNSPECIFIED = 0} first (proto3's default, never drawn) and {@code <FIELD>_<SYMBOL>}
 * = 1, 2, ...; JSON the symbol as a string; Spark string.
 *
 * @param choices the symbols and weights, as a string field has its values
 */
public record EnumKind(StringKind choices) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("enum", List.of("values", "weights", WeightsBySpec.KEY), EnumKind::parse);

  /** Avro's name rule, which symbols must follow (and then are valid Protobuf names too, upper-cased). */
  private static final Pattern SYMBOL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The proto3 default value's name after the field prefix. */
  private static final String UNSPECIFIED = "UNSPECIFIED";

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    StringKind choices = StringKind.parseChoices(definition, scope, "enum");
    if (choices == null) {
      return null;
    }
    // parseChoices accepted the list, so it is a list of scalars, one per value.
    List<Node> nodes = ((ListNode) definition.get("values").orElseThrow()).items();
    Map<String, ScalarNode> byProtocKey = new HashMap<>();
    boolean ok = true;
    for (Node node : nodes) {
      ScalarNode symbol = (ScalarNode) node;
      if (!SYMBOL.matcher(symbol.text()).matches()) {
        scope.error(symbol, "symbol '" + symbol.text() + "' is not a valid Avro enum symbol: use letters, digits and _, not starting with a digit");
        ok = false;
        continue;
      }
      String key = protocKey(symbol.text());
      if (key.isEmpty()) {
        scope.error(symbol, "symbol '" + symbol.text() + "' needs a letter or digit: protoc tells enum values apart by them");
        ok = false;
      } else if (key.equals(protocKey(UNSPECIFIED))) {
        scope.error(
            symbol,
            "symbol '" + symbol.text() + "' is reserved: Protobuf value <FIELD>_UNSPECIFIED (0) is the enum's default");
        ok = false;
      } else {
        ScalarNode first = byProtocKey.putIfAbsent(key, symbol);
        if (first != null) {
          scope.error(
              symbol,
              "symbols '"
                  + first.text()
                  + "' and '"
                  + symbol.text()
                  + "' collide in protoc, which compares enum values in PascalCase ("
                  + key
                  + "); rename one");
          ok = false;
        }
      }
    }
    return ok ? new EnumKind(choices) : null;
  }

  /**
   * What protoc tells the values of one enum apart by (it rejects two with the same): the name
   * without the enum's prefix and the underscores after it, in protobuf's EnumValueToPascalCase (a
   * letter after '_' upper case, every other lower). For {@code <FIELD>_<SYMBOL>} that is the
   * symbol's, so {@code a_1} and {@code A1}, or {@code _x} and {@code x}, cannot both be symbols.
   */
  private static String protocKey(String symbol) {
    StringBuilder b = new StringBuilder(symbol.length());
    boolean upper = true;
    for (int i = 0; i < symbol.length(); i++) {
      char c = symbol.charAt(i);
      if (c == '_') {
        upper = true;
      } else {
        b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
        upper = false;
      }
    }
    return b.toString();
  }

  /** The nested Protobuf enum's name: the identifier in PascalCase ({@code device_type} → {@code DeviceType}). */
  private static String protoEnumName(String identifier) {
    return Identifiers.pascalCase(identifier);
  }

  /** {@code <FIELD>_<SYMBOL>}, upper case: proto3 scopes enum values beside the message's fields. */
  private static String protoValueName(String identifier, String symbol) {
    return (identifier + "_" + symbol).toUpperCase(Locale.ROOT);
  }

  @Override
  public boolean refersToFields() {
    return choices.refersToFields();
  }

  @Override
  public Field resolve(Field self, List<Field> fields, MapNode definition, FieldScope scope) {
    if (!refersToFields()) {
      return self;
    }
    StringKind resolved = choices.resolveWeights(self, fields, definition, scope);
    return resolved == null ? null : self.toBuilder(new EnumKind(resolved)).build();
  }

  @Override
  public String typeName() {
    return "enum";
  }

  @Override
  public String describe() {
    return choices.describe("enum");
  }

  @Override
  public Object avroType(String namedType) {
    Map<String, Object> avro = new LinkedHashMap<>();
    avro.put("type", "enum");
    avro.put("name", namedType);
    avro.put("symbols", choices.values());
    return avro;
  }

  @Override
  public String protoType(String identifier) {
    return protoEnumName(identifier);
  }

  @Override
  public List<String> protoNestedTypes(String identifier) {
    List<String> lines = new ArrayList<>();
    lines.add("enum " + protoEnumName(identifier) + " {");
    lines.add("  " + protoValueName(identifier, UNSPECIFIED) + " = 0;");
    int number = 1;
    for (String symbol : choices.values()) {
      lines.add("  " + protoValueName(identifier, symbol) + " = " + number++ + ";");
    }
    lines.add("}");
    return lines;
  }

  @Override
  public List<String> protoScopeNames(String identifier) {
    List<String> names = new ArrayList<>();
    names.add(protoEnumName(identifier));
    names.add(protoValueName(identifier, UNSPECIFIED));
    for (String symbol : choices.values()) {
      names.add(protoValueName(identifier, symbol));
    }
    return names;
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return choices.jsonSchema();
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return choices.manifestParameters();
  }

  @Override
  public TypeName javaType() {
    return TypeName.get(String.class);
  }

  @Override
  public Class<EnumField> generatorClass() {
    return EnumField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(f, EnumField.class, choices.choiceArguments());
  }

  @Override
  public int literalCount() {
    return choices.literalCount();
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return choices.column(f);
  }
}
