package dev.streamgen.compiler.codegen;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.FieldCode;
import dev.streamgen.compiler.model.JavaLiterals;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import dev.streamgen.runtime.kinds.NullableField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Emits the typed class of one event type: public final fields holding one event, {@code
 * generate(seed, row, eventTimeMicros)}, the four {@code writeX(ByteWriter)} serializers, and a nested
 * {@code Kernel} holding the type's kernel (built by its {@link KernelChunks} class, exactly as the
 * catalog builds it) and each field's generator. Values and bytes come from those generators, so the
 * typed API and the per-row loop cannot disagree.
 *
 * <p>Naming inside {@code Kernel}: per-field members are {@code FIELD_identifier} (and {@code
 * NULLS_identifier} for a nullable field's wrapper); the other member has no underscore ({@code
 * INSTANCE}), so none can clash.
 */
public final class EventTypeEmitter {
  private static final List<Format> FORMATS = List.of(Format.values());

  private final EventType type;
  private final String sourceName;
  private final ClassName className;
  private final ClassName kernel;
  private final long avroFingerprint;
  private final ClassName kernelsClass;
  private final int typeIndex;
  private final List<FieldCode> fields;

  /** @param kernelsClass the {@link KernelChunks} class building the type's kernel */
  public EventTypeEmitter(
      EventType type, String sourceName, String javaPackage, long avroFingerprint, ClassName kernelsClass, int typeIndex) {
    this.type = type;
    this.sourceName = sourceName;
    this.className = ClassName.get(javaPackage, type.className());
    this.kernel = className.nestedClass("Kernel");
    this.avroFingerprint = avroFingerprint;
    this.kernelsClass = kernelsClass;
    this.typeIndex = typeIndex;
    List<FieldCode> codes = new ArrayList<>();
    for (int i = 0; i < type.fields().size(); i++) {
      codes.add(FieldCode.of(type.fields().get(i), i, FieldCode.eventClassGenerator(kernel, type.fields().get(i))));
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
            // The kernels class qualified, not imported: an import would be one more simple name a
            // field may not take (Identifiers.RESERVED).
            .alwaysQualify(kernelsClass.simpleName())
            .addJavadoc(
                "Event type {@code $L} from {@code $L} (weight $L).\n\n"
                    + "<p>{@link #generate} gives the event of a row, with the values the streamgen source writes for it.\n"
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
          FieldSpec.builder(f.field().javaType(), f.identifier(), Modifier.PUBLIC, Modifier.FINAL)
              .addJavadoc("$L: $L$L.\n", javadocName(f), Comments.safe(f.field().describe()), f.field().common() ? " (common field)" : "")
              .build());
      if (nullable(f)) {
        constructor.addStatement(
            "this.$N = $L.isNull(seed, row) ? null : $L.value(seed, row, eventTimeMicros)", f.identifier(), nulls(f), f.generator());
      } else {
        constructor.addStatement("this.$N = $L.value(seed, row, eventTimeMicros)", f.identifier(), f.generator());
      }
    }
    event.addMethod(constructor.build());
    event.addMethod(
        MethodSpec.methodBuilder("generate")
            .addJavadoc("The event of row {@code row}: the values the streamgen source writes for the same arguments.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(className)
            .addParameter(long.class, "seed")
            .addParameter(long.class, "row")
            .addParameter(long.class, "eventTimeMicros")
            .addStatement("return new $T(seed, row, eventTimeMicros)", className)
            .build());
    for (Format format : FORMATS) {
      event.addMethod(writer(format));
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

  private static boolean nullable(FieldCode f) {
    return f.field().nulls().isPresent();
  }

  /** {@code NULLS_identifier}: the Kernel's {@link NullableField} wrapping a nullable field's generator. */
  private static String nullsName(FieldCode f) {
    return "NULLS_" + f.identifier();
  }

  private CodeBlock nulls(FieldCode f) {
    return CodeBlock.of("$T.$N", kernel, nullsName(f));
  }

  private static String javadocName(FieldCode f) {
    return f.name().equals(f.identifier()) ? f.name() : "\"" + Comments.safe(f.name()) + "\"";
  }

  /** {@code writeJson(ByteWriter out)} etc.: serializes this object's values with the fields' generators. */
  private MethodSpec writer(Format format) {
    String method = PayloadCode.writerName(format);
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(method)
            .addJavadoc("Appends this event in the $L layout (docs/formats.md).\n", format.configName())
            .addModifiers(Modifier.PUBLIC)
            .addParameter(ByteWriter.class, "out");
    m.addCode(PayloadCode.prologue(format, CodeBlock.of("$T.INSTANCE.avroHeader()", kernel), fields.isEmpty()));
    for (FieldCode f : fields) {
      if (!nullable(f)) {
        m.addStatement("$L.$N(out, this.$N)", f.generator(), method, f.identifier());
        continue;
      }
      // A null value is the wrapper's to write; a present one is framed by it (union branch, presence).
      m.beginControlFlow("if (this.$N == null)", f.identifier())
          .addStatement("$L.writeNull($T.$L, out)", nulls(f), Format.class, format.name())
          .nextControlFlow("else")
          .addStatement("int start = $L.beforeValue($T.$L, out)", nulls(f), Format.class, format.name())
          .addStatement("$L.$N(out, this.$N)", f.generator(), method, f.identifier())
          .addStatement("$L.afterValue($T.$L, out, start)", nulls(f), Format.class, format.name())
          .endControlFlow();
    }
    m.addCode(PayloadCode.epilogue(format));
    return m.build();
  }

  private TypeSpec kernel() {
    TypeSpec.Builder k =
        TypeSpec.classBuilder(kernel)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .alwaysQualify(kernelsClass.simpleName())
            .addJavadoc(
                "The kernel of event type {@code $L} as the catalog runs it (built by {@link $T#$N}), and\n"
                    + "its fields' generators. Stateless and thread-safe.\n",
                type.id(),
                kernelsClass,
                KernelChunks.methodName(typeIndex))
            .addField(
                FieldSpec.builder(EventTypeKernel.class, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$T.$N()", kernelsClass, KernelChunks.methodName(typeIndex))
                    .build())
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (FieldCode f : fields) {
      ClassName generator = ClassName.get(f.field().kind().generatorClass());
      if (!nullable(f)) {
        k.addField(
            FieldSpec.builder(generator, FieldCode.generatorName(f.field()), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .initializer("($T) INSTANCE.field($L)", generator, f.index())
                .build());
        continue;
      }
      ClassName wrapper = ClassName.get(NullableField.class);
      k.addField(
          FieldSpec.builder(wrapper, nullsName(f), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .initializer("($T) INSTANCE.field($L)", wrapper, f.index())
              .build());
      k.addField(
          FieldSpec.builder(generator, FieldCode.generatorName(f.field()), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .initializer("($T) $N.field()", generator, nullsName(f))
              .build());
    }
    return k.build();
  }
}
