package dev.streamgen.compiler.codegen;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeSpec;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.FieldCode;
import dev.streamgen.compiler.model.JavaLiterals;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Emits the class of one event type: public final fields holding one event, {@code generate(seed,
 * row, eventTimeMicros)}, the four {@code writeX(ByteWriter)} serializers, and the nested {@code
 * Kernel} implementing {@link EventKernel}, which serializes a row straight into the buffer without
 * building the event object. Field kinds supply every per-field piece ({@link
 * dev.streamgen.compiler.model.FieldKind}).
 *
 * <p>Naming inside {@code Kernel}: per-field members are {@code PREFIX_identifier} with one-word
 * prefixes; other members have no underscore ({@code HEADER}, {@code FIELDS}), so none can clash.
 */
public final class EventTypeEmitter {
  private static final List<Format> FORMATS = List.of(Format.values());

  private final EventType type;
  private final String sourceName;
  private final ClassName className;
  private final ClassName kernel;
  private final long avroFingerprint;
  private final List<FieldCode> fields;

  public EventTypeEmitter(EventType type, String sourceName, String javaPackage, long avroFingerprint) {
    this.type = type;
    this.sourceName = sourceName;
    this.className = ClassName.get(javaPackage, type.className());
    this.kernel = className.nestedClass("Kernel");
    this.avroFingerprint = avroFingerprint;
    List<FieldCode> codes = new ArrayList<>();
    for (int i = 0; i < type.fields().size(); i++) {
      codes.add(new FieldCode(type.fields().get(i), i, kernel));
    }
    this.fields = List.copyOf(codes);
  }

  public ClassName className() {
    return className;
  }

  public JavaFile emit() {
    TypeSpec.Builder event =
        TypeSpec.classBuilder(className)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addJavadoc(
                "Event type {@code $L} from {@code $L} (weight $L).\n\n"
                    + "<p>{@link #generate} gives the event of a row; {@link Kernel} writes it without building it.\n"
                    + "Every value is a pure function of (seed, row, event time): the same on any machine.\n",
                type.id(),
                Comments.safe(sourceName),
                type.weight())
            .addField(
                FieldSpec.builder(String.class, "EVENT_TYPE_ID", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$L", JavaLiterals.string(type.id()))
                    .build())
            .addField(
                FieldSpec.builder(long.class, "AVRO_FINGERPRINT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("CRC-64-AVRO fingerprint of this type's Avro schema ({@code avro/$L.avsc}).\n", type.id())
                    .initializer("0x$LL", Long.toHexString(avroFingerprint))
                    .build());
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addParameter(long.class, "seed")
            .addParameter(long.class, "row")
            .addParameter(long.class, "eventTimeMicros");
    for (FieldCode f : fields) {
      event.addField(
          FieldSpec.builder(f.field().kind().javaType(), f.identifier(), Modifier.PUBLIC, Modifier.FINAL)
              .addJavadoc("$L: $L$L.\n", javadocName(f), Comments.safe(f.field().kind().describe()), f.field().common() ? " (common field)" : "")
              .build());
      constructor.addStatement("this.$N = $L", f.identifier(), f.field().kind().value(f));
    }
    event.addMethod(constructor.build());
    event.addMethod(
        MethodSpec.methodBuilder("generate")
            .addJavadoc("The event of row {@code row}: the values {@link Kernel} writes for the same arguments.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(className)
            .addParameter(long.class, "seed")
            .addParameter(long.class, "row")
            .addParameter(long.class, "eventTimeMicros")
            .addStatement("return new $T(seed, row, eventTimeMicros)", className)
            .build());
    for (Format format : FORMATS) {
      event.addMethod(instanceWriter(format));
    }
    event.addMethod(
        MethodSpec.methodBuilder("toString")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addStatement("$T out = new $T()", ByteWriter.class, ByteWriter.class)
            .addStatement("writeJson(out)")
            .addStatement("return new $T(out.array(), 0, out.size(), $T.UTF_8)", String.class, StandardCharsets.class)
            .build());
    event.addType(kernel());
    return JavaFile.builder(className.packageName(), event.build())
        .addFileComment("Generated by streamgen from $L. Do not edit.", Comments.safe(sourceName))
        .skipJavaLangImports(true)
        .build();
  }

  private static String javadocName(FieldCode f) {
    return f.name().equals(f.identifier()) ? f.name() : "\"" + Comments.safe(f.name()) + "\"";
  }

  /** {@code writeJson(ByteWriter out)} etc.: serializes this object's values. */
  private MethodSpec instanceWriter(Format format) {
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(writerName(format))
            .addJavadoc("Appends this event in the $L layout (docs/formats.md).\n", format.configName())
            .addModifiers(Modifier.PUBLIC)
            .addParameter(ByteWriter.class, "out");
    m.addCode(prologue(format));
    for (FieldCode f : fields) {
      m.addCode(keyPrefix(format, f));
      m.addCode(f.field().kind().writeValue(format, f, CodeBlock.of("this.$N", f.identifier())));
    }
    m.addCode(epilogue(format));
    return m.build();
  }

  /** What precedes the fields: the Avro single-object header, or '{' of an empty JSON object. */
  private CodeBlock prologue(Format format) {
    if (format == Format.AVRO) {
      return CodeBlock.of("out.write($T.HEADER);\n", kernel);
    }
    if (format == Format.JSON && fields.isEmpty()) {
      return CodeBlock.of("out.write('{');\n");
    }
    return CodeBlock.of("");
  }

  private CodeBlock keyPrefix(Format format, FieldCode f) {
    return format == Format.JSON ? CodeBlock.of("out.write($T.$N);\n", kernel, f.member("KEY")) : CodeBlock.of("");
  }

  private static CodeBlock epilogue(Format format) {
    return format == Format.JSON ? CodeBlock.of("out.write('}');\n") : CodeBlock.of("");
  }

  private static String writerName(Format format) {
    return switch (format) {
      case JSON -> "writeJson";
      case AVRO -> "writeAvro";
      case BINARY -> "writeBinary";
      case PROTOBUF -> "writeProtobuf";
    };
  }

  private TypeSpec kernel() {
    ParameterizedTypeName listOfString = ParameterizedTypeName.get(List.class, String.class);
    CodeBlock.Builder names = CodeBlock.builder();
    for (int i = 0; i < fields.size(); i++) {
      names.add(i == 0 ? "$L" : ", $L", JavaLiterals.string(fields.get(i).name()));
    }
    TypeSpec.Builder k =
        TypeSpec.classBuilder(kernel)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addSuperinterface(EventKernel.class)
            .addJavadoc("Writes event type {@code $L} for any row straight into a buffer. Stateless and thread-safe.\n", type.id())
            .addField(
                FieldSpec.builder(listOfString, "FIELDS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer(
                        fields.isEmpty()
                            ? CodeBlock.of("$T.emptyList()", Collections.class)
                            : CodeBlock.of("$T.unmodifiableList($T.asList($L))", Collections.class, Arrays.class, names.build()))
                    .build())
            .addField(
                FieldSpec.builder(byte[].class, "HEADER", Modifier.STATIC, Modifier.FINAL)
                    .initializer("$T.header(AVRO_FINGERPRINT)", AvroWriter.class)
                    .build());
    for (FieldCode f : fields) {
      k.addField(
          FieldSpec.builder(byte[].class, f.member("KEY"), Modifier.STATIC, Modifier.FINAL)
              .initializer("$T.key($L, $L)", JsonWriter.class, JavaLiterals.string(f.name()), f.index() == 0)
              .build());
      f.field().kind().addKernelMembers(k, f);
    }
    k.addMethod(
        MethodSpec.methodBuilder("eventTypeId")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addStatement("return EVENT_TYPE_ID")
            .build());
    k.addMethod(
        MethodSpec.methodBuilder("fieldNames")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(listOfString)
            .addStatement("return FIELDS")
            .build());
    k.addMethod(
        MethodSpec.methodBuilder("avroFingerprint")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(long.class)
            .addStatement("return AVRO_FINGERPRINT")
            .build());
    MethodSpec.Builder write =
        MethodSpec.methodBuilder("write")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(long.class, "seed")
            .addParameter(long.class, "row")
            .addParameter(long.class, "eventTimeMicros")
            .addParameter(Format.class, "format")
            .addParameter(ByteWriter.class, "out");
    for (int i = 0; i < FORMATS.size(); i++) {
      Format format = FORMATS.get(i);
      if (i == 0) {
        write.beginControlFlow("if (format == $T.$L)", Format.class, format.name());
      } else {
        write.nextControlFlow("else if (format == $T.$L)", Format.class, format.name());
      }
      write.addStatement("$N(seed, row, eventTimeMicros, out)", writerName(format));
    }
    write.nextControlFlow("else")
        .addStatement("throw new $T($S + format)", IllegalArgumentException.class, "unknown format ")
        .endControlFlow();
    k.addMethod(write.build());
    k.addMethod(fieldText());
    for (Format format : FORMATS) {
      MethodSpec.Builder m =
          MethodSpec.methodBuilder(writerName(format))
              .addModifiers(Modifier.STATIC)
              .addParameter(long.class, "seed")
              .addParameter(long.class, "row")
              .addParameter(long.class, "eventTimeMicros")
              .addParameter(ByteWriter.class, "out");
      m.addCode(prologue(format));
      for (FieldCode f : fields) {
        m.addCode(keyPrefix(format, f));
        m.addCode(f.field().kind().write(format, f));
      }
      m.addCode(epilogue(format));
      k.addMethod(m.build());
    }
    return k.build();
  }

  private MethodSpec fieldText() {
    MethodSpec.Builder m =
        MethodSpec.methodBuilder("fieldText")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addParameter(long.class, "seed")
            .addParameter(long.class, "row")
            .addParameter(long.class, "eventTimeMicros")
            .addParameter(int.class, "field")
            .beginControlFlow("switch (field)");
    for (FieldCode f : fields) {
      m.addStatement("case $L: return $L", f.index(), f.field().kind().text(f));
    }
    m.addStatement(
            "default: throw new $T($S + field + $S)",
            IndexOutOfBoundsException.class,
            "field ",
            " of " + type.id() + "; it has " + fields.size())
        .endControlFlow();
    return m.build();
  }
}
