package dev.streamgen.compiler.codegen;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.FieldCode;
import dev.streamgen.compiler.model.Shape;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Emits a shape class: the {@link EventKernel} code shared by every event type of one {@link Shape}
 * (the same field kinds in the same order). It holds what the kinds emit for a kernel's hot path
 * ({@code write}, the four per-format writers, {@code fieldText}) as final instance methods reading
 * the per-type constants from private final fields; each type's {@code Kernel} extends it and passes
 * its constants to the constructor.
 *
 * <p>Why: a JVM compiles, caches and warms up each method separately. With code per type, 10,000
 * types meant 10,000 hot {@code write} methods (JIT warm-up each, code cache and instruction cache
 * overflow: 250K rows/s against 4.5M for 3 types, measured on one thread). One class per shape makes
 * 10,000 types of a few shapes run a few compiled methods. Everything per row is still straight-line code
 * the compiler wrote: no interpretation of the config, no per-field dispatch.
 */
public final class ShapeEmitter {
  private static final List<Format> FORMATS = List.of(Format.values());

  private final ClassName className;
  private final Shape shape;
  private final String sourceName;
  private final String firstTypeId;
  private final int typeCount;
  private final List<FieldCode> fields;
  private final ConstantArrays constants;

  /**
   * @param representative a type of the shape; only what the shape determines is read from its kinds
   * @param typeCount how many types of the catalog share it (for the comment)
   */
  public ShapeEmitter(ClassName className, EventType representative, int typeCount, String sourceName) {
    this.className = className;
    this.shape = Shape.of(representative);
    this.sourceName = sourceName;
    this.firstTypeId = representative.id();
    this.typeCount = typeCount;
    List<FieldCode> codes = new ArrayList<>();
    for (int i = 0; i < representative.fields().size(); i++) {
      codes.add(FieldCode.inShape(representative.fields().get(i), i));
    }
    this.fields = List.copyOf(codes);
    this.constants = ConstantArrays.of(fields);
  }

  public ClassName className() {
    return className;
  }

  public JavaFile emit() {
    ParameterizedTypeName listOfString = ParameterizedTypeName.get(List.class, String.class);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(className)
            .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
            .addSuperinterface(EventKernel.class)
            .addJavadoc(
                "Kernel code shared by the $L event type$L of {@code $L} with fields of kinds $L, the first {@code $L}.\n\n"
                    + "<p>One compiled {@code write} for all of them; their constants are in final fields set by each\n"
                    + "type's {@code Kernel}. Stateless after construction and thread-safe.\n",
                typeCount,
                typeCount == 1 ? "" : "s",
                Comments.safe(sourceName),
                Comments.safe(shape.describe()),
                Comments.safe(firstTypeId))
            .addField(String.class, "eventTypeId", Modifier.PRIVATE, Modifier.FINAL)
            .addField(listOfString, "fieldNames", Modifier.PRIVATE, Modifier.FINAL)
            .addField(long.class, "avroFingerprint", Modifier.PRIVATE, Modifier.FINAL)
            .addField(byte[].class, "header", Modifier.PRIVATE, Modifier.FINAL);
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder()
            .addJavadoc(
                "Takes the type's identity, its Avro single-object header and its fields' constants (each field's\n"
                    + "JSON key, then its kind's constants, in field order) in one array per Java type.\n")
            .addModifiers(Modifier.PROTECTED)
            .addParameter(String.class, "eventTypeId")
            .addParameter(listOfString, "fieldNames")
            .addParameter(long.class, "avroFingerprint")
            .addParameter(byte[].class, "header")
            .addStatement("this.eventTypeId = eventTypeId")
            .addStatement("this.fieldNames = fieldNames")
            .addStatement("this.avroFingerprint = avroFingerprint")
            .addStatement("this.header = header");
    for (int a = 0; a < constants.arrayCount(); a++) {
      constructor.addParameter(constants.parameterType(a), constants.parameterName(a));
    }
    for (ConstantArrays.Slot s : constants.slots()) {
      String member = s.field().member(s.constant().prefix());
      type.addField(FieldSpec.builder(s.constant().type(), member, Modifier.PRIVATE, Modifier.FINAL).build());
      constructor.addStatement("this.$N = $N[$L]", member, constants.parameterName(s.array()), s.position());
    }
    type.addMethod(constructor.build());
    type.addMethod(getter("eventTypeId", TypeName.get(String.class)));
    type.addMethod(getter("fieldNames", listOfString));
    type.addMethod(getter("avroFingerprint", TypeName.LONG));
    type.addMethod(write());
    type.addMethod(fieldText());
    for (Format format : FORMATS) {
      MethodSpec.Builder m =
          MethodSpec.methodBuilder(PayloadCode.writerName(format))
              .addModifiers(Modifier.PRIVATE)
              .addParameter(long.class, "seed")
              .addParameter(long.class, "row")
              .addParameter(long.class, "eventTimeMicros")
              .addParameter(ByteWriter.class, "out");
      m.addCode(PayloadCode.prologue(format, CodeBlock.of("this.header"), fields.isEmpty()));
      for (FieldCode f : fields) {
        m.addCode(PayloadCode.keyPrefix(format, f));
        m.addCode(f.field().kind().write(format, f));
      }
      m.addCode(PayloadCode.epilogue(format));
      type.addMethod(m.build());
    }
    for (FieldCode f : fields) {
      type.addMethods(f.field().kind().methods(f));
    }
    return JavaFile.builder(className.packageName(), type.build())
        .addFileComment("Generated by streamgen from $L. Do not edit.", Comments.safe(sourceName))
        .skipJavaLangImports(true)
        .build();
  }

  private static MethodSpec getter(String field, TypeName type) {
    return MethodSpec.methodBuilder(field)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .returns(type)
        .addStatement("return this.$N", field)
        .build();
  }

  private MethodSpec write() {
    MethodSpec.Builder write =
        MethodSpec.methodBuilder("write")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
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
      write.addStatement("$N(seed, row, eventTimeMicros, out)", PayloadCode.writerName(format));
    }
    write.nextControlFlow("else")
        .addStatement("throw new $T($S + format)", IllegalArgumentException.class, "unknown format ")
        .endControlFlow();
    return write.build();
  }

  private MethodSpec fieldText() {
    MethodSpec.Builder m =
        MethodSpec.methodBuilder("fieldText")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
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
            "default: throw new $T($S + field + $S + this.eventTypeId + $S)",
            IndexOutOfBoundsException.class,
            "field ",
            " of ",
            "; it has " + fields.size())
        .endControlFlow();
    return m.build();
  }
}
