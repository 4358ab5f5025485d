package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import java.nio.charset.StandardCharsets;

/**
 * Strings built per row ({@code sequence}, {@code template}): encoded as a {@code string} field is in
 * every format, but from the row's text, since unlike {@link StringField}'s values they cannot be
 * encoded once in advance.
 */
final class RowStrings {
  private RowStrings() {}

  /** The value without its JSON key. */
  static void write(Format format, ByteWriter out, String value, int protoTag) {
    switch (format) {
      case JSON:
        JsonWriter.writeString(out, value);
        return;
      case AVRO:
        AvroWriter.writeString(out, value);
        return;
      case BINARY:
        BinaryWriter.writeString(out, value);
        return;
      default:
        ProtobufWriter.writeString(out, protoTag, value);
    }
  }

  /** The text a packed reference word points at. */
  static String text(byte[] bytes, long ref) {
    return new String(bytes, Packer.offset(ref), Packer.length(ref), StandardCharsets.UTF_8);
  }
}
