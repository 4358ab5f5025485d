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
 * <p>The kernel's hot path ({@code write}, {@code fieldText}) is not here but in the type's shape
 * class ({@link ShapeEmitter}), shared with every type of the same field kinds; {@code Kernel}
 * extends it and passes its constants. {@code Kernel} keeps those constants and the value methods as
 * statics, for {@code generate} and the Spark columns.
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
  private final ClassName shape;
  private final List<FieldCode> fields;
  private final ConstantArrays constants;

  /** @param shape the shape class of the type ({@link ShapeEmitter}) its kernel extends */
  public EventTypeEmitter(
      EventType type, String sourceName, String javaPackage, long avroFingerprint, ClassName shape) {
    this.type = type;
    this.sourceName = sourceName;
    this.className = ClassName.get(javaPackage, type.className());
    this.kernel = className.nestedClass("Kernel");
    this.avroFingerprint = avroFingerprint;
    this.shape = shape;
    List<FieldCode> codes = new ArrayList<>();
    for (int i = 0; i < type.fields().size(); i++) {
      codes.add(FieldCode.inKernel(type.fields().get(i), i, kernel));
    }
    this.fields = List.copyOf(codes);
    this.constants = ConstantArrays.of(fields);
  }

  public ClassName className() {
    return className;
  }

  public JavaFile emit() {
    TypeSpec.Builder event =
        TypeSpec.classBuilder(className)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            // The shape class qualified, not imported: an import would be one more simple name a
            // field may not take (Identifiers.RESERVED).
            .alwaysQualify(shape.simpleName())
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
        MethodSpec.methodBuilder(PayloadCode.writerName(format))
            .addJavadoc("Appends this event in the $L layout (docs/formats.md).\n", format.configName())
            .addModifiers(Modifier.PUBLIC)
            .addParameter(ByteWriter.class, "out");
    m.addCode(PayloadCode.prologue(format, CodeBlock.of("$T.HEADER", kernel), fields.isEmpty()));
    for (FieldCode f : fields) {
      m.addCode(PayloadCode.keyPrefix(format, f));
      m.addCode(f.field().kind().writeValue(format, f, CodeBlock.of("this.$N", f.identifier())));
    }
    m.addCode(PayloadCode.epilogue(format));
    return m.build();
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
            .superclass(shape)
            .alwaysQualify(shape.simpleName())
            .addJavadoc(
                "Writes event type {@code $L} for any row straight into a buffer, with the code of {@link $T}\n"
                    + "(shared with the types of the same field kinds) and this type's constants. Stateless and thread-safe.\n",
                type.id(),
                shape)
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
    for (ConstantArrays.Slot s : constants.slots()) {
      k.addField(
          FieldSpec.builder(s.constant().type(), s.field().member(s.constant().prefix()), Modifier.STATIC, Modifier.FINAL)
              .initializer(s.constant().initializer())
              .build());
    }
    for (FieldCode f : fields) {
      k.addMethods(f.field().kind().methods(f));
    }
    CodeBlock.Builder args = CodeBlock.builder().add("EVENT_TYPE_ID, FIELDS, AVRO_FINGERPRINT, HEADER");
    for (int a = 0; a < constants.arrayCount(); a++) {
      args.add(",\n$L", constants.argument(a));
    }
    k.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addStatement("super($L)", args.build())
            .build());
    return k.build();
  }
}
