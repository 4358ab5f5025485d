package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.runtime.kinds.StringField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import net.datafaker.Faker;

/**
 * {@code type: faker, faker: "#{Name.firstName} #{Name.lastName}", locale: de, pool_size: 1000}:
 * one of {@code pool_size} values that the compiler materializes once with Datafaker, seeded from
 * the field name, so the pool is the same in every build (for one Datafaker version, which the
 * build pins). The generated code holds the pool and draws from it as a {@code string} field does,
 * each value equally likely ({@link StringField#pool}): the runtime never runs Datafaker, and a
 * faker field costs a string field's pick per row. A value Datafaker gives more often is more often
 * in the pool, so its share follows Datafaker's.
 */
public record FakerKind(String expression, String locale, int poolSize, List<String> pool) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("faker", List.of("faker", "locale", "pool_size"), FakerKind::parse);

  static final String DEFAULT_LOCALE = "en";
  static final int DEFAULT_POOL_SIZE = 1000;
  static final int MAX_POOL_SIZE = 100_000;
  /**
   * The most bytes (modified UTF-8, as the class file counts them) of one string constant holding
   * part of the pool: below the class file's 65,535 per constant.
   */
  static final int CHUNK_BYTES = 60_000;

  private static final String OPEN = "#{";
  /** A language tag as Datafaker names its locale files ({@code en}, {@code en-GB}, {@code ca-CAT}). */
  private static final Pattern LOCALE_TAG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

  public FakerKind {
    pool = List.copyOf(pool);
  }

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    if (scope.require(definition, "faker", "type faker needs faker: \"#{Name.firstName}\"") == null) {
      return null;
    }
    String expression = scope.text(definition, "faker", null);
    String locale = scope.text(definition, "locale", DEFAULT_LOCALE);
    Integer poolSize = scope.wholeNumber(definition, "pool_size", 1, MAX_POOL_SIZE, DEFAULT_POOL_SIZE, "faker");
    if (expression == null || locale == null || poolSize == null) {
      return null;
    }
    Node at = definition.get("faker").orElseThrow();
    if (expression.isEmpty()) {
      scope.error(at, "faker is empty");
      return null;
    }
    // Datafaker falls back to English for a locale it has no file for: check the file is there.
    if (!LOCALE_TAG.matcher(locale).matches() || Faker.class.getResource("/" + locale + ".yml") == null) {
      scope.error(
          definition.get("locale").orElseThrow(),
          "locale '" + locale + "' is not one Datafaker has (e.g. en, en-GB, de, fr, ja, pt-BR)");
      return null;
    }
    Locale javaLocale = Locale.forLanguageTag(locale);
    if (!checkExpressions(expression, javaLocale, at, scope)) {
      return null;
    }
    Faker faker = new Faker(javaLocale, new Random(Identifiers.fnv1a64(scope.fieldName())));
    List<String> pool = new ArrayList<>(poolSize);
    for (int i = 0; i < poolSize; i++) {
      String value = faker.expression(expression);
      if (value.indexOf(StringField.POOL_SEPARATOR) >= 0 || constantBytes(value) + 2 > CHUNK_BYTES) {
        scope.error(at, "faker gave a value with a NUL character or over " + CHUNK_BYTES + " bytes; it cannot be pooled");
        return null;
      }
      pool.add(value);
    }
    return new FakerKind(expression, locale, poolSize, pool);
  }

  /**
   * Whether Datafaker resolves each {@code #{...}} of the expression (braces inside, as in {@code
   * #{regexify '[a-z]{3}'}}, nest): reports the first it does not, by its position.
   */
  private static boolean checkExpressions(String expression, Locale locale, Node at, FieldScope scope) {
    Faker probe = new Faker(locale, new Random(0));
    for (int open = expression.indexOf(OPEN); open >= 0; ) {
      int depth = 0;
      int close = -1;
      for (int i = open + 1; i < expression.length() && close < 0; i++) {
        char c = expression.charAt(i);
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        if (depth == 0) {
          close = i;
        }
      }
      if (close < 0) {
        scope.error(at, "faker has '#{' without '}' at character " + (open + 1));
        return false;
      }
      String part = expression.substring(open, close + 1);
      try {
        probe.expression(part);
      } catch (RuntimeException e) {
        // Datafaker's message names the part and object ids; the part and its place say it all.
        scope.error(at, "faker expression '" + part + "' at character " + (open + 1) + " is unknown to Datafaker");
        return false;
      }
      open = expression.indexOf(OPEN, close + 1);
    }
    return true;
  }

  /** The value's length in a class file's string constant (modified UTF-8). */
  private static int constantBytes(String value) {
    int bytes = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      bytes += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return bytes;
  }

  /** The pool as string constants, each a run of values each followed by {@link StringField#POOL_SEPARATOR}. */
  List<String> chunks() {
    List<String> chunks = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    int bytes = 0;
    for (String value : pool) {
      int size = constantBytes(value) + 2;
      if (bytes + size > CHUNK_BYTES) {
        chunks.add(chunk.toString());
        chunk.setLength(0);
        bytes = 0;
      }
      chunk.append(value).append(StringField.POOL_SEPARATOR);
      bytes += size;
    }
    chunks.add(chunk.toString());
    return chunks;
  }

  @Override
  public String typeName() {
    return "faker";
  }

  @Override
  public String describe() {
    return "faker '" + expression + "' locale " + locale + " pool_size " + poolSize;
  }

  @Override
  public Object avroType(String namedType) {
    return "string";
  }

  @Override
  public String protoType(String identifier) {
    return "string";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return Kinds.jsonType("string");
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("faker", expression);
    parameters.put("locale", locale);
    parameters.put("pool_size", poolSize);
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return TypeName.get(String.class);
  }

  @Override
  public Class<StringField> generatorClass() {
    return StringField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.salted(f, CodeBlock.of("$T.pool", StringField.class), chunks().stream().map(Kinds::string).toArray(CodeBlock[]::new));
  }

  @Override
  public int literalCount() {
    return chunks().size();
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of(
        // element_at counts from 1 (Column.getItem would take the index column for a literal).
        "$T.element_at($T.lit($L.values()), $L.plus(1))",
        Kinds.SPARK_FUNCTIONS,
        Kinds.SPARK_FUNCTIONS,
        f.generator(),
        Kinds.equalPickIndex(f.hashColumn(0), pool.size()));
  }
}
