package dev.streamgen.compiler.codegen;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.model.ArrayKind;
import dev.streamgen.compiler.model.ChangeImageKind;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.Field;
import dev.streamgen.compiler.model.FieldCode;
import dev.streamgen.compiler.model.RefKind;
import dev.streamgen.compiler.model.StructKind;
import dev.streamgen.compiler.model.JavaLiterals;
import dev.streamgen.compiler.model.MapKind;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import dev.streamgen.runtime.kinds.NullableField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Emits the typed class of one event type: public final fields holding one event, {@code
 * generate(seed, row, eventTimeMicros)}, the four {@code writeX(ByteWriter)} serializers, and a nested
 * {@code Kernel} holding the type's kernel (built by its {@link KernelChunks} class, exactly as the
 * catalog builds it) and each field's generator. Values and bytes come from those generators, so the
 * typed API and the per-row loop cannot disagree.
 *
 * <p>Naming inside {@code Kernel}: per-field members are {@code FIELD_<path>} (and {@code
 * NULLS_<path>} for a nullable field's wrapper), the path being the identifier of an event's field
 * and {@code parent$child} / {@code array$items} for nested ones; the other member has no
 * underscore ({@code INSTANCE}), so none can clash.
 *
 * <p>Nested values: a struct field's value is an object of a nested class {@code Struct$<path>}
 * (its fields and writers built like the event's), an array's a {@code List} and a map's a {@code
 * Map} drawn by a static {@code values$<path>}; {@code $} never occurs in an identifier, so these never meet a field.
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
    MethodSpec.Builder constructor = valuesConstructor(event, type.fields());
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
    for (Field f : nested(type.fields())) {
      if (ChangeImageKind.structOf(f.kind()) != null) {
        event.addType(structClass(f, ChangeImageKind.structOf(f.kind())));
      } else if (f.kind() instanceof ArrayKind array) {
        event.addMethod(arrayValues(f, array));
      } else if (f.kind() instanceof MapKind map) {
        event.addMethod(mapValues(f, map));
      }
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

  private static boolean nullable(Field f) {
    return f.nulls().isPresent();
  }

  /** {@code NULLS_<path>}: the Kernel's {@link NullableField} wrapping a nullable field's generator. */
  private static String nullsName(Field f) {
    return "NULLS_" + f.codePath();
  }

  private CodeBlock nulls(Field f) {
    return CodeBlock.of("$T.$N", kernel, nullsName(f));
  }

  private CodeBlock generator(Field f) {
    return FieldCode.eventClassGenerator(kernel, f);
  }

  private static String javadocName(Field f) {
    return f.name().equals(f.identifier()) ? f.name() : "\"" + Comments.safe(f.name()) + "\"";
  }

  /** Every struct, array and map field, at any depth, each before the fields nested in it. */
  private static List<Field> nested(List<Field> fields) {
    List<Field> all = new ArrayList<>();
    for (Field f : fields) {
      if (!f.kind().children().isEmpty()) {
        all.add(f);
        all.addAll(nested(f.kind().children()));
      }
    }
    return all;
  }

  /**
   * Adds {@code fields} as public final fields of {@code holder} and returns its private constructor
   * from (seed, row, eventTimeMicros) drawing them: the event class's, or a struct class's.
   */
  private MethodSpec.Builder valuesConstructor(TypeSpec.Builder holder, List<Field> fields) {
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addParameter(long.class, "seed")
            .addParameter(long.class, "row")
            .addParameter(long.class, "eventTimeMicros");
    for (Field f : fields) {
      holder.addField(
          FieldSpec.builder(f.javaType(), f.identifier(), Modifier.PUBLIC, Modifier.FINAL)
              .addJavadoc("$L: $L$L.\n", javadocName(f), Comments.safe(f.describe()), f.common() ? " (common field)" : "")
              .build());
      constructor.addStatement("this.$N = $L", f.identifier(), value(f, CodeBlock.of("row")));
    }
    return constructor;
  }

  /** Expression: the value of field {@code f} for the row {@code row} (null when the field's null draw says so). */
  private CodeBlock value(Field f, CodeBlock row) {
    CodeBlock value;
    if (ChangeImageKind.structOf(f.kind()) != null) {
      value = CodeBlock.of("new $L(seed, $L, eventTimeMicros)", StructKind.className(f), row);
    } else if (f.kind() instanceof ArrayKind || f.kind() instanceof MapKind) {
      value = CodeBlock.of("$N(seed, $L, eventTimeMicros)", arrayValuesName(f), row);
    } else if (f.kind() instanceof RefKind ref) {
      value = value(ref.resolved().target(), CodeBlock.of("$L.sourceRow(seed, $L)", generator(f), row));
    } else {
      value = CodeBlock.of("$L.$N(seed, $L, eventTimeMicros)", generator(f), f.kind().valueMethod(), row);
    }
    return nullable(f) ? CodeBlock.of("$L.isNull(seed, $L) ? null : $L", nulls(f), row, value) : value;
  }

  /** {@code values$<path>}: the static drawing an array's items or a map's entries ({@code $} keeps it apart from fields and members). */
  private static String arrayValuesName(Field f) {
    return "values$" + f.codePath();
  }

  /** A method computing a container field's values for a row, from the row's seed, row and event time. */
  private static MethodSpec.Builder valuesMethod(Field f) {
    return MethodSpec.methodBuilder(arrayValuesName(f))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(f.kind().javaType(f))
        .addParameter(long.class, "seed")
        .addParameter(long.class, "row")
        .addParameter(long.class, "eventTimeMicros");
  }

  /** The items of an array field for a row: each the item's value at its own row ({@code ArrayField.elementRow}). */
  private MethodSpec arrayValues(Field f, ArrayKind array) {
    TypeName itemType = array.item().javaType().box();
    return valuesMethod(f)
        .addStatement("int n = $L.length(seed, row)", generator(f))
        .addStatement("$T<$T> items = new $T<>(n)", List.class, itemType, ArrayList.class)
        .beginControlFlow("for (int i = 0; i < n; i++)")
        .addStatement("items.add($L)", value(array.item(), CodeBlock.of("$L.elementRow(seed, row, i)", generator(f))))
        .endControlFlow()
        .addStatement("return $T.unmodifiableList(items)", Collections.class)
        .build();
  }

  /** The entries of a map field for a row, in order: each key, and the value at the entry's own row ({@code MapField.entryRow}). */
  private MethodSpec mapValues(Field f, MapKind map) {
    TypeName valueType = map.value().javaType().box();
    return valuesMethod(f)
        .addStatement("int n = $L.size(seed, row)", generator(f))
        .addStatement("$T<$T, $T> entries = new $T<>()", Map.class, String.class, valueType, LinkedHashMap.class)
        .beginControlFlow("for (int i = 0; i < n; i++)")
        .addStatement(
            "entries.put($L.key(seed, row, i), $L)",
            generator(f),
            value(map.value(), CodeBlock.of("$L.entryRow(seed, row, i)", generator(f))))
        .endControlFlow()
        .addStatement("return $T.unmodifiableMap(entries)", Collections.class)
        .build();
  }

  /** A struct field's class: its fields' values and their writers, nested in the event class. */
  private TypeSpec structClass(Field f, StructKind struct) {
    TypeSpec.Builder holder =
        TypeSpec.classBuilder(StructKind.className(f))
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The value of struct field {@code $L}.\n", Comments.safe(f.path()));
    holder.addMethod(valuesConstructor(holder, struct.fields()).build());
    for (Format format : FORMATS) {
      MethodSpec.Builder m =
          MethodSpec.methodBuilder(PayloadCode.writerName(format))
              .addJavadoc("Appends the struct's fields in the $L layout, as its field's writer frames them.\n", format.configName())
              .addParameter(ByteWriter.class, "out");
      fieldWriters(m, format, struct.fields());
      holder.addMethod(m.build());
    }
    return holder.build();
  }

  /** {@code writeJson(ByteWriter out)} etc.: serializes this object's values with the fields' generators. */
  private MethodSpec writer(Format format) {
    String method = PayloadCode.writerName(format);
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(method)
            .addJavadoc("Appends this event in the $L layout (docs/formats.md).\n", format.configName())
            .addModifiers(Modifier.PUBLIC)
            .addParameter(ByteWriter.class, "out");
    m.addCode(PayloadCode.prologue(format, CodeBlock.of("$T.INSTANCE.avroHeader()", kernel), type.fields().isEmpty()));
    fieldWriters(m, format, type.fields());
    m.addCode(PayloadCode.epilogue(format));
    return m.build();
  }

  /** Statements writing {@code this}'s values of {@code fields} in {@code format}. */
  private void fieldWriters(MethodSpec.Builder m, Format format, List<Field> fields) {
    for (Field f : fields) {
      CodeBlock value = CodeBlock.of("this.$N", f.identifier());
      if (!nullable(f)) {
        writeValue(m, format, f, value);
        continue;
      }
      // A null value is the wrapper's to write; a present one is framed by it (union branch, presence).
      m.beginControlFlow("if ($L == null)", value)
          .addStatement("$L.writeNull($T.$L, out)", nulls(f), Format.class, format.name())
          .nextControlFlow("else")
          .addStatement("int start = $L.beforeValue($T.$L, out)", nulls(f), Format.class, format.name());
      writeValue(m, format, f, value);
      m.addStatement("$L.afterValue($T.$L, out, start)", nulls(f), Format.class, format.name()).endControlFlow();
    }
  }

  /**
   * Statements writing the present value {@code value} of field {@code f}: a scalar by its
   * generator; a struct's fields by its class, framed by its generator; an array's items one by one,
   * framed by its generator. Each frame is a block of its own, so its locals never clash.
   */
  private void writeValue(MethodSpec.Builder m, Format format, Field f, CodeBlock value) {
    String method = PayloadCode.writerName(format);
    CodeBlock fmt = CodeBlock.of("$T.$L", Format.class, format.name());
    if (ChangeImageKind.structOf(f.kind()) != null) {
      m.addCode("{\n$>")
          .addStatement("int open = $L.begin($L, out)", generator(f), fmt)
          .addStatement("$L.$N(out)", value, method)
          .addStatement("$L.end($L, out, open)", generator(f), fmt)
          .addCode("$<}\n");
    } else if (f.kind() instanceof ArrayKind array) {
      Field item = array.item();
      m.addCode("{\n$>")
          .addStatement("int frame = $L.begin($L, out, $L.size())", generator(f), fmt, value)
          .beginControlFlow("for ($T item : $L)", item.javaType().box(), value)
          .addStatement("int mark = $L.beforeItem($L, out, frame)", generator(f), fmt);
      writeValue(m, format, item, CodeBlock.of("item"));
      m.addStatement("$L.afterItem($L, out, mark)", generator(f), fmt)
          .endControlFlow()
          .addStatement("$L.end($L, out, frame, $L.size())", generator(f), fmt, value)
          .addCode("$<}\n");
    } else if (f.kind() instanceof MapKind map) {
      Field entryValue = map.value();
      TypeName entry = ParameterizedTypeName.get(ClassName.get(Map.Entry.class), ClassName.get(String.class), entryValue.javaType().box());
      m.addCode("{\n$>")
          .addStatement("int frame = $L.begin($L, out, $L.size())", generator(f), fmt, value)
          .beginControlFlow("for ($T entry : $L.entrySet())", entry, value)
          .addStatement("long mark = $L.beforeValue($L, out, frame, entry.getKey())", generator(f), fmt);
      writeValue(m, format, entryValue, CodeBlock.of("entry.getValue()"));
      m.addStatement("$L.afterValue($L, out, mark)", generator(f), fmt)
          .endControlFlow()
          .addStatement("$L.end($L, out)", generator(f), fmt)
          .addCode("$<}\n");
    } else if (f.kind() instanceof RefKind ref) {
      writeValue(m, format, ref.resolved().target(), value);
    } else {
      m.addStatement("$L.$N(out, $L)", generator(f), method, value);
    }
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
    for (int i = 0; i < type.fields().size(); i++) {
      kernelFields(k, type.fields().get(i), CodeBlock.of("INSTANCE.field($L)", i));
    }
    return k.build();
  }

  /**
   * Adds {@code FIELD_<path>} (and {@code NULLS_<path>}) for field {@code f}, whose generator {@code
   * held} gives, and for the fields nested in it: a struct's from its {@code field(j)}, an array's
   * item from its {@code item()}.
   */
  private void kernelFields(TypeSpec.Builder k, Field f, CodeBlock held) {
    ClassName generator = ClassName.get(f.kind().generatorClass());
    String name = FieldCode.generatorName(f);
    if (!nullable(f)) {
      k.addField(
          FieldSpec.builder(generator, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .initializer("($T) $L", generator, held)
              .build());
    } else {
      ClassName wrapper = ClassName.get(NullableField.class);
      k.addField(
          FieldSpec.builder(wrapper, nullsName(f), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .initializer("($T) $L", wrapper, held)
              .build());
      k.addField(
          FieldSpec.builder(generator, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .initializer("($T) $N.field()", generator, nullsName(f))
              .build());
    }
    if (ChangeImageKind.structOf(f.kind()) != null) {
      StructKind struct = ChangeImageKind.structOf(f.kind());
      for (int j = 0; j < struct.fields().size(); j++) {
        kernelFields(k, struct.fields().get(j), CodeBlock.of("$N.field($L)", name, j));
      }
    } else if (f.kind() instanceof ArrayKind array) {
      kernelFields(k, array.item(), CodeBlock.of("$N.item()", name));
    } else if (f.kind() instanceof MapKind map) {
      kernelFields(k, map.value(), CodeBlock.of("$N.value()", name));
    } else if (f.kind() instanceof RefKind ref) {
      kernelFields(k, ref.resolved().target(), CodeBlock.of("$N.target()", name));
    }
  }
}
