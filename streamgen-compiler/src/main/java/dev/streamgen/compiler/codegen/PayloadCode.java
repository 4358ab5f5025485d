package dev.streamgen.compiler.codegen;

import com.squareup.javapoet.CodeBlock;
import dev.streamgen.runtime.api.Format;

/**
 * The framing of a payload around its fields in the typed event classes' writers, per format
 * (docs/formats.md): the Avro header, the braces of an empty or finished JSON object. It mirrors
 * {@code EventTypeKernel.write}; PinnedPayloadsTest and GeneratedCodeTest check the two agree.
 */
final class PayloadCode {
  private PayloadCode() {}

  /** The writer method of a format, on event classes and generators: {@code writeJson}, {@code writeAvro}, ... */
  static String writerName(Format format) {
    return switch (format) {
      case JSON -> "writeJson";
      case AVRO -> "writeAvro";
      case BINARY -> "writeBinary";
      case PROTOBUF -> "writeProtobuf";
    };
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

  static CodeBlock epilogue(Format format) {
    return format == Format.JSON ? CodeBlock.of("out.write('}');\n") : CodeBlock.of("");
  }
}
