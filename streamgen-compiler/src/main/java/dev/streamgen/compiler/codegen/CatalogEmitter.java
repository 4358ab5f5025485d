package dev.streamgen.compiler.codegen;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import dev.streamgen.compiler.model.EventCatalog;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.JavaLiterals;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.lang.model.element.Modifier;

/**
 * Emits {@code <FileStem>Catalog}, implementing {@link Catalog} and {@code ColumnCatalog}: the event
 * types of one YAML file with their weights, kernels and Spark columns, dispatched by type index.
 *
 * <p>The kernels come from the {@link KernelChunks} classes; the Spark columns dispatch lives in
 * nested {@code ChunkN} classes of {@value #CHUNK} types each, so with 10,000 types no method nears
 * the JVM's 64 KB limit and no class its 65,535 constant-pool entries.
 */
public final class CatalogEmitter {
  /** Types per chunk: ~12 bytes of bytecode and ~6 constant-pool entries each. */
  public static final int CHUNK = 500;

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
    int chunks = (size + CHUNK - 1) / CHUNK;
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
            .beginControlFlow("switch (typeIndex / $L)", CHUNK);
    for (int c = 0; c < chunks; c++) {
      columns.addStatement("case $L: return Chunk$L.columns(typeIndex, seed, row, eventTimeMicros)", c, c);
    }
    columns.addStatement("default: throw new $T()", AssertionError.class).endControlFlow();
    type.addMethod(columns.build());
    for (int c = 0; c < chunks; c++) {
      type.addType(chunk(c));
    }
    return JavaFile.builder(javaPackage, type.build())
        .addFileComment("Generated by streamgen from $L. Do not edit.", Comments.safe(catalog.sourceName()))
        .skipJavaLangImports(true)
        .build();
  }

  private String[] kernelClassNames() {
    String[] names = new String[kernels.count()];
    for (int c = 0; c < names.length; c++) {
      names[c] = kernels.className(c).simpleName();
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

  private TypeSpec chunk(int c) {
    int from = c * CHUNK;
    int to = Math.min(catalog.eventTypes().size(), from + CHUNK);
    MethodSpec.Builder columns =
        MethodSpec.methodBuilder("columns")
            .addModifiers(Modifier.STATIC)
            .returns(SparkNames.COLUMNS)
            .addParameter(int.class, "typeIndex")
            .addParameter(long.class, "seed")
            .addParameter(SparkNames.COLUMN, "row")
            .addParameter(SparkNames.COLUMN, "eventTimeMicros")
            .beginControlFlow("switch (typeIndex)");
    for (int i = from; i < to; i++) {
      EventType t = catalog.eventTypes().get(i);
      columns.addStatement(
          "case $L: return $T.columns(seed, row, eventTimeMicros)", i, ClassName.get(javaPackage, t.className() + "Columns"));
    }
    columns.addStatement("default: throw new $T()", AssertionError.class).endControlFlow();
    return TypeSpec.classBuilder("Chunk" + c)
        .addJavadoc("The Spark columns of event types $L to $L.\n", from, to - 1)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addMethod(columns.build())
        .build();
  }
}
