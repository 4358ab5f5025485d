package dev.streamgen.compiler.codegen;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.model.FieldCode;
import dev.streamgen.compiler.model.FieldConstant;
import dev.streamgen.compiler.model.JavaLiterals;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.JsonWriter;

/**
 * The framing of a payload around its field values, per format (docs/formats.md): the Avro header,
 * the JSON keys and braces. Shared by the event class's writers and the shape classes' kernel
 * writers, so the two cannot drift apart.
 */
final class PayloadCode {
  private PayloadCode() {}

  /** The writer method of a format: {@code writeJson}, {@code writeAvro}, ... */
  static String writerName(Format format) {
    return switch (format) {
      case JSON -> "writeJson";
      case AVRO -> "writeAvro";
      case BINARY -> "writeBinary";
      case PROTOBUF -> "writeProtobuf";
    };
  }

  /** The JSON key constant of a field: {@code "name":} with the separating comma unless first. */
  static FieldConstant key(FieldCode f) {
    return new FieldConstant(
        TypeName.get(byte[].class),
        "KEY",
        CodeBlock.of("$T.key($L, $L)", JsonWriter.class, JavaLiterals.string(f.name()), f.index() == 0));
  }

  /**
   * What precedes the fields: the Avro single-object header ({@code header}), or '{' of an empty
   * JSON object (a non-empty one starts with its first key).
   */
  static CodeBlock prologue(Format format, CodeBlock header, boolean noFields) {
    if (format == Format.AVRO) {
      return CodeBlock.of("out.write($L);\n", header);
    }
    if (format == Format.JSON && noFields) {
      return CodeBlock.of("out.write('{');\n");
    }
    return CodeBlock.of("");
  }

  /** What precedes a field's value: its JSON key. */
  static CodeBlock keyPrefix(Format format, FieldCode f) {
    return format == Format.JSON ? CodeBlock.of("out.write($L);\n", f.ref("KEY")) : CodeBlock.of("");
  }

  static CodeBlock epilogue(Format format) {
    return format == Format.JSON ? CodeBlock.of("out.write('}');\n") : CodeBlock.of("");
  }
}
