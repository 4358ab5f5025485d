package dev.streamgen.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;

/** Decodes payloads with standard libraries and the schemas generated in this build only. */
final class Payloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Payloads() {}

  static JsonNode json(byte[] payload) {
    try {
      return JSON.readTree(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Avro single-object payloads: the 8-byte fingerprint after the C3 01 marker picks the generated
   * .avsc, as a consumer with a schema registry would.
   */
  static final class Avro {
    private final Map<Long, BinaryMessageDecoder<GenericRecord>> decoders = new HashMap<>();
    private final Map<Long, Schema> schemas = new HashMap<>();

    Avro() {
      try (java.util.stream.Stream<Path> files = Files.list(ItSpark.schemas().resolve("avro"))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Schema s = new Schema.Parser().parse(f.toFile());
          long fp = SchemaNormalization.parsingFingerprint64(s);
          schemas.put(fp, s);
          decoders.put(fp, new BinaryMessageDecoder<>(GenericData.get(), s));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static long fingerprint(byte[] payload) {
      return ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    Schema schema(byte[] payload) {
      return schemas.get(fingerprint(payload));
    }

    GenericRecord decode(byte[] payload) {
      BinaryMessageDecoder<GenericRecord> d = decoders.get(fingerprint(payload));
      if (d == null) {
        throw new AssertionError("no generated schema has fingerprint " + Long.toHexString(fingerprint(payload)));
      }
      try {
        return d.decode(payload);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
