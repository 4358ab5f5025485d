package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.encode.BinaryReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference decoder of the binary layout (docs/formats.md). The layout has no header and no tags, so
 * the reader needs the event type's field kinds, in order, as the schema manifest lists them; each
 * kind reads its own value ({@code readBinary} of its generator class).
 *
 * <p>Values come back as Integer, Double, String, UUID, Long (long, and timestamp in microseconds
 * since the epoch), Boolean and LocalDate; a decimal as its unscaled Long, bytes as byte[], an enum
 * as its symbol's index (Integer): the scale and the symbols are in the manifest, not in the
 * payload. A nullable field's type is written with a trailing {@code ?} ({@code int?}): a presence
 * byte comes before its value, and a null value is returned as null. An {@code expr} field is laid
 * out as its manifest {@code result} ({@code int}, {@code long} or {@code double}): give that type.
 */
public final class BinaryDecoder {
  /** The readers by the kinds' YAML names: one line per kind. */
  private static final Map<String, Reader> READERS = new HashMap<>();

  static {
    READERS.put("int", IntField::readBinary);
    READERS.put("float", FloatField::readBinary);
    READERS.put("string", StringField::readBinary);
    READERS.put("uuid", UuidField::readBinary);
    READERS.put("timestamp", TimestampField::readBinary);
    // Encoded as strings.
    READERS.put("sequence", StringField::readBinary);
    READERS.put("template", StringField::readBinary);
    READERS.put("regex", StringField::readBinary);
    READERS.put("faker", StringField::readBinary);
    READERS.put("long", LongField::readBinary);
    READERS.put("double", DoubleField::readBinary);
    READERS.put("boolean", BooleanField::readBinary);
    READERS.put("date", DateField::readBinary);
    READERS.put("decimal", DecimalField::readBinary);
    READERS.put("bytes", BytesField::readBinary);
    READERS.put("enum", EnumField::readBinary);
  }

  private interface Reader {
    Object read(BinaryReader in);
  }

  private BinaryDecoder() {}

  /**
   * Decodes one payload; throws IllegalArgumentException when it is short, long or malformed.
   * Besides the kinds' names, a type may be {@code struct<T1,T2,...>} (its fields' types in order;
   * decoded as a List of their values) or {@code array<T>} (an unsigned LEB128 count, then the
   * items; a List) or {@code map<V>} (an unsigned LEB128 count, then a string key and a value per
   * entry; a Map in payload order), nested to any depth, each with its own trailing {@code ?} when nullable: the
   * manifest's {@code fields} of a struct, {@code items} of an array and {@code values} of a map spell
   * them out.
   */
  public static List<Object> decode(byte[] payload, List<String> fieldTypes) {
    BinaryReader in = new BinaryReader(payload);
    List<Object> values = new ArrayList<>(fieldTypes.size());
    for (String type : fieldTypes) {
      int[] at = {0};
      Reader reader = parse(type, at);
      if (at[0] != type.length()) {
        throw new IllegalArgumentException("field type '" + type + "': unexpected '" + type.substring(at[0]) + "'");
      }
      values.add(reader.read(in));
    }
    if (in.remaining() != 0) {
      throw new IllegalArgumentException(in.remaining() + " bytes left after the last field");
    }
    return Collections.unmodifiableList(values);
  }

  /** The reader of the type starting at {@code at[0]} in {@code type}; advances {@code at[0]} past it. */
  private static Reader parse(String type, int[] at) {
    int start = at[0];
    while (at[0] < type.length() && "<>,?".indexOf(type.charAt(at[0])) < 0) {
      at[0]++;
    }
    String name = type.substring(start, at[0]);
    Reader reader;
    if (name.equals("struct") || name.equals("array") || name.equals("map")) {
      expect(type, at, '<');
      List<Reader> parts = new ArrayList<>();
      parts.add(parse(type, at));
      while (name.equals("struct") && at[0] < type.length() && type.charAt(at[0]) == ',') {
        at[0]++;
        parts.add(parse(type, at));
      }
      expect(type, at, '>');
      reader = name.equals("struct") ? struct(parts) : name.equals("array") ? array(parts.get(0)) : map(parts.get(0));
    } else {
      reader = READERS.get(name);
      if (reader == null) {
        throw new IllegalArgumentException("unknown field type '" + name + "' in '" + type + "'");
      }
    }
    if (at[0] < type.length() && type.charAt(at[0]) == '?') {
      at[0]++;
      Reader value = reader;
      return in -> NullableField.readBinaryPresence(in) ? value.read(in) : null;
    }
    return reader;
  }

  private static void expect(String type, int[] at, char c) {
    if (at[0] >= type.length() || type.charAt(at[0]) != c) {
      throw new IllegalArgumentException("field type '" + type + "': expected '" + c + "' at " + at[0]);
    }
    at[0]++;
  }

  private static Reader struct(List<Reader> fields) {
    return in -> {
      List<Object> values = new ArrayList<>(fields.size());
      for (Reader f : fields) {
        values.add(f.read(in));
      }
      return Collections.unmodifiableList(values);
    };
  }

  private static Reader array(Reader item) {
    return in -> {
      long n = in.varint();
      if (n < 0 || n > in.remaining()) {
        throw new IllegalArgumentException("array of " + n + " items in " + in.remaining() + " bytes");
      }
      List<Object> items = new ArrayList<>((int) n);
      for (long i = 0; i < n; i++) {
        items.add(item.read(in));
      }
      return Collections.unmodifiableList(items);
    };
  }

  private static Reader map(Reader value) {
    return in -> {
      long n = in.varint();
      if (n < 0 || n > in.remaining()) {
        throw new IllegalArgumentException("map of " + n + " entries in " + in.remaining() + " bytes");
      }
      Map<String, Object> entries = new LinkedHashMap<>();
      for (long i = 0; i < n; i++) {
        String key = in.string();
        if (entries.containsKey(key)) {
          throw new IllegalArgumentException("map key '" + key + "' repeats");
        }
        entries.put(key, value.read(in));
      }
      return Collections.unmodifiableMap(entries);
    };
  }
}
