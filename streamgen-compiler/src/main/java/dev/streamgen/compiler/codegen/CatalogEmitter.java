package dev.streamgen.compiler.codegen;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import dev.streamgen.runtime.kinds.SessionMachine;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.streamgen.runtime.api.WeightChange;
import dev.streamgen.compiler.model.EventCatalog;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.JavaLiterals;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.lang.model.element.Modifier;

/**
 * Emits {@code <FileStem>Catalog}, implementing {@link Catalog} and {@code ColumnCatalog}: the event
 * types of one YAML file with their weights, kernels and Spark columns, dispatched by type index to
 * the {@link KernelChunks} classes (which keep every method and constant pool within the JVM's limits).
 */
public final class CatalogEmitter {

  private final EventCatalog catalog;
  private final String javaPackage;
  private final ClassName className;
  private final KernelChunks kernels;

  public CatalogEmitter(EventCatalog catalog, String javaPackage, KernelChunks kernels) {
    this.catalog = catalog;
    this.javaPackage = javaPackage;
    this.className = ClassName.get(javaPackage, catalog.catalogClassName());
    this.kernels = kernels;
  }

  public ClassName className() {
    return className;
  }

  /** The resource holding the YAML text, as {@link Catalog#sourceYaml()} reads it. */
  public static String sourceResource(EventCatalog catalog) {
    return "META-INF/streamgen/" + catalog.sourceName();
  }

  public JavaFile emit() {
    int size = catalog.eventTypes().size();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(className)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .alwaysQualify(kernelClassNames())
            .addSuperinterface(Catalog.class)
            .addSuperinterface(SparkNames.COLUMN_CATALOG)
            .addJavadoc(
                "The $L event types of {@code $L}, in file order. Listed in {@code $L} for discovery.\n",
                size,
                Comments.safe(catalog.sourceName()),
                Catalog.INDEX_RESOURCE)
            .addField(
                FieldSpec.builder(String.class, "SOURCE_NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$L", JavaLiterals.string(catalog.sourceName()))
                    .build())
            .addField(
                FieldSpec.builder(String.class, "SOURCE_RESOURCE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$L", JavaLiterals.string(sourceResource(catalog)))
                    .build())
            .addField(
                FieldSpec.builder(int.class, "SIZE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$L", size)
                    .build())
            .addField(
                FieldSpec.builder(EventKernel[].class, "kernels", Modifier.PRIVATE, Modifier.FINAL)
                    .initializer("new $T[SIZE]", EventKernel.class)
                    .build())
            .addField(
                FieldSpec.builder(double[].class, "weights", Modifier.PRIVATE, Modifier.FINAL)
                    .initializer("new double[SIZE]")
                    .build());
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder()
            .addJavadoc("Creates every kernel; they hold no state, so one catalog serves all threads.\n")
            .addModifiers(Modifier.PUBLIC);
    for (int c = 0; c < kernels.count(); c++) {
      constructor.addStatement("$T.fill(kernels, weights)", kernels.className(c));
    }
    type.addMethod(constructor.build());
    type.addMethod(
        MethodSpec.methodBuilder("sourceName")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addStatement("return SOURCE_NAME")
            .build());
    type.addMethod(sourceYaml());
    type.addMethod(
        MethodSpec.methodBuilder("size")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(int.class)
            .addStatement("return SIZE")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("kernel")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(EventKernel.class)
            .addParameter(int.class, "typeIndex")
            .addStatement("return kernels[typeIndex]")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("weight")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(double.class)
            .addParameter(int.class, "typeIndex")
            .addStatement("return weights[typeIndex]")
            .build());
    if (!catalog.sessions().isEmpty()) {
      CodeBlock.Builder machines = CodeBlock.builder();
      for (int i = 0; i < catalog.sessions().size(); i++) {
        machines.add(i == 0 ? "$L" : ",\n$L", catalog.sessions().get(i).newMachine());
      }
      type.addField(
          FieldSpec.builder(ParameterizedTypeName.get(java.util.List.class, SessionMachine.class), "SESSION_MACHINES",
                  Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer("$T.asList($>$L$<)", java.util.Arrays.class, machines.build())
              .build());
      type.addMethod(
          MethodSpec.methodBuilder("sessionMachines")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(ParameterizedTypeName.get(java.util.List.class, SessionMachine.class))
              .addStatement("return SESSION_MACHINES")
              .build());
    }
    if (!catalog.weightChanges().isEmpty()) {
      weightChanges(type);
    }
    if (!catalog.laneCounts().isEmpty()) {
      CodeBlock.Builder counts = CodeBlock.builder();
      catalog.laneCounts().forEach(c -> counts.add(counts.isEmpty() ? "$LL" : ", $LL", c));
      type.addMethod(
          MethodSpec.methodBuilder("laneCounts")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(long[].class)
              .addStatement("return new long[] {$L}", counts.build())
              .build());
    }
    MethodSpec.Builder columns =
        MethodSpec.methodBuilder("columns")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(SparkNames.COLUMNS)
            .addParameter(int.class, "typeIndex")
            .addParameter(long.class, "seed")
            .addParameter(SparkNames.COLUMN, "row")
            .addParameter(SparkNames.COLUMN, "eventTimeMicros")
            .beginControlFlow("if (typeIndex < 0 || typeIndex >= SIZE)")
            .addStatement(
                "throw new $T($S + typeIndex + $L)",
                IndexOutOfBoundsException.class,
                "type ",
                JavaLiterals.string(" of " + catalog.sourceName() + "; it has " + size))
            .endControlFlow()
            .addStatement("$T kernel = ($T) kernels[typeIndex]", EventTypeKernel.class, EventTypeKernel.class);
    for (int c = 0; c < kernels.count() - 1; c++) {
      columns
          .beginControlFlow("if (typeIndex < $L)", kernels.to(c))
          .addStatement("return $T.columns(typeIndex, kernel, seed, row, eventTimeMicros)", kernels.columnsClassName(c))
          .endControlFlow();
    }
    columns.addStatement(
        "return $T.columns(typeIndex, kernel, seed, row, eventTimeMicros)", kernels.columnsClassName(kernels.count() - 1));
    type.addMethod(columns.build());
    return JavaFile.builder(javaPackage, type.build())
        .addFileComment("Generated by streamgen from $L. Do not edit.", Comments.safe(catalog.sourceName()))
        .skipJavaLangImports(true)
        .build();
  }

  /**
   * {@code weightChanges()} and {@code pinnedTypes()}: each period as its type indexes and shares, not
   * as an alias table over every type, which for 10,000 types would overflow the class's method and
   * constant pool limits; the runtime builds the tables once per JVM, as it does the catalog's.
   */
  private void weightChanges(TypeSpec.Builder type) {
    CodeBlock.Builder periods = CodeBlock.builder();
    for (WeightChange c : catalog.weightChanges()) {
      CodeBlock.Builder types = CodeBlock.builder();
      CodeBlock.Builder weights = CodeBlock.builder();
      for (int i = 0; i < c.types().length; i++) {
        types.add(i == 0 ? "$L" : ", $L", c.types()[i]);
        weights.add(i == 0 ? "$L" : ", $L", Double.toString(c.weights()[i]));
      }
      periods.add(periods.isEmpty() ? "$L" : ",\n$L", CodeBlock.of("new $T($LL, $LL, $LL, new int[] {$L}, new double[] {$L})",
          WeightChange.class, c.startMicros(), c.durationMicros(), c.everyMicros(), types.build(), weights.build()));
    }
    TypeName list = ParameterizedTypeName.get(java.util.List.class, WeightChange.class);
    type.addField(FieldSpec.builder(list, "WEIGHT_CHANGES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.asList($>$L$<)", java.util.Arrays.class, periods.build())
        .build());
    type.addMethod(MethodSpec.methodBuilder("weightChanges")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(list)
        .addStatement("return WEIGHT_CHANGES")
        .build());
    CodeBlock.Builder pinned = CodeBlock.builder();
    catalog.pinnedTypes().forEach(t -> pinned.add(pinned.isEmpty() ? "$L" : ", $L", t));
    type.addMethod(MethodSpec.methodBuilder("pinnedTypes")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(int[].class)
        .addStatement("return new int[] {$L}", pinned.build())
        .build());
  }

  /** The kernels and columns classes, qualified in the catalog's code rather than imported. */
  private String[] kernelClassNames() {
    String[] names = new String[2 * kernels.count()];
    for (int c = 0; c < kernels.count(); c++) {
      names[2 * c] = kernels.className(c).simpleName();
      names[2 * c + 1] = kernels.columnsClassName(c).simpleName();
    }
    return names;
  }

  private MethodSpec sourceYaml() {
    return MethodSpec.methodBuilder("sourceYaml")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .beginControlFlow("try ($T in = $T.class.getResourceAsStream($S + SOURCE_RESOURCE))", InputStream.class, className, "/")
        .beginControlFlow("if (in == null)")
        .addStatement(
            "throw new $T($S + SOURCE_RESOURCE + $S)",
            IllegalStateException.class,
            "resource ",
            " is missing from the class path")
        .endControlFlow()
        .addStatement("$T bytes = new $T()", ByteArrayOutputStream.class, ByteArrayOutputStream.class)
        .addStatement("byte[] buffer = new byte[8192]")
        .addStatement("int n")
        .beginControlFlow("while ((n = in.read(buffer)) > 0)")
        .addStatement("bytes.write(buffer, 0, n)")
        .endControlFlow()
        .addStatement("return new $T(bytes.toByteArray(), $T.UTF_8)", String.class, StandardCharsets.class)
        .nextControlFlow("catch ($T e)", IOException.class)
        .addStatement("throw new $T(e)", UncheckedIOException.class)
        .endControlFlow()
        .build();
  }
}
