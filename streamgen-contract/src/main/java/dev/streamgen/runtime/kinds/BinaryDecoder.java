package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.encode.BinaryReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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

  /** Decodes one payload; throws IllegalArgumentException when it is short, long or malformed. */
  public static List<Object> decode(byte[] payload, List<String> fieldTypes) {
    BinaryReader in = new BinaryReader(payload);
    List<Object> values = new ArrayList<>(fieldTypes.size());
    for (String type : fieldTypes) {
      boolean nullable = type.endsWith("?");
      Reader reader = READERS.get(nullable ? type.substring(0, type.length() - 1) : type);
      if (reader == null) {
        throw new IllegalArgumentException("unknown field type '" + type + "'");
      }
      values.add(nullable && !NullableField.readBinaryPresence(in) ? null : reader.read(in));
    }
    if (in.remaining() != 0) {
      throw new IllegalArgumentException(in.remaining() + " bytes left after the last field");
    }
    return Collections.unmodifiableList(values);
  }
}
