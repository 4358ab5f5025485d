package dev.streamgen.compiler;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.JavaFile;
import dev.streamgen.compiler.codegen.CatalogEmitter;
import dev.streamgen.compiler.codegen.ColumnsEmitter;
import dev.streamgen.compiler.codegen.EventTypeEmitter;
import dev.streamgen.compiler.codegen.KernelChunks;
import dev.streamgen.compiler.codegen.KernelsEmitter;
import dev.streamgen.compiler.model.EventCatalog;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.schema.AvroSchemas;
import dev.streamgen.compiler.schema.JsonSchemas;
import dev.streamgen.compiler.schema.Manifest;
import dev.streamgen.compiler.schema.ProtoSchema;
import dev.streamgen.runtime.api.Catalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every output of a compilation, in memory: Java sources, resources and schemas. Deterministic: the
 * same catalogs give the same bytes (file order, no timestamps, {@code \n} line ends).
 */
final class Generator {
  private Generator() {}

  static List<GeneratedFile> generate(List<EventCatalog> catalogs, String javaPackage, TypedClasses typedClasses) {
    List<GeneratedFile> files = new ArrayList<>();
    List<Manifest.SourceEntry> manifest = new ArrayList<>();
    List<String> catalogClasses = new ArrayList<>();
    for (EventCatalog catalog : catalogs) {
      KernelChunks kernels = KernelChunks.of(catalog, javaPackage);
      List<EventType> eventTypes = catalog.eventTypes();
      // Types are independent: generate them in parallel, collect in file order (deterministic).
      List<TypeOutput> outputs =
          IntStream.range(0, eventTypes.size()).parallel()
              .mapToObj(i -> generate(eventTypes.get(i), i, catalog, javaPackage, kernels, typedClasses))
              .toList();
      List<Manifest.TypeEntry> types = new ArrayList<>();
      long[] fingerprints = new long[outputs.size()];
      for (int i = 0; i < outputs.size(); i++) {
        TypeOutput output = outputs.get(i);
        types.add(output.entry());
        files.addAll(output.files());
        fingerprints[i] = output.entry().avroFingerprint();
      }
      files.addAll(
          IntStream.range(0, kernels.count()).parallel()
              .mapToObj(c -> List.of(
                  java(new KernelsEmitter(catalog, kernels, c, fingerprints).emit()),
                  java(new ColumnsEmitter(catalog, kernels, c).emit())))
              .flatMap(List::stream)
              .toList());
      CatalogEmitter catalogEmitter = new CatalogEmitter(catalog, javaPackage, kernels);
      files.add(java(catalogEmitter.emit()));
      catalogClasses.add(catalogEmitter.className().canonicalName());
      files.add(GeneratedFile.text(GeneratedFile.Root.SCHEMAS, ProtoSchema.path(catalog), ProtoSchema.proto(catalog, javaPackage)));
      // The YAML verbatim (whatever its line ends): the run-time defaults the catalog reads back.
      files.add(
          new GeneratedFile(
              GeneratedFile.Root.RESOURCES,
              Path.of(CatalogEmitter.sourceResource(catalog)),
              catalog.sourceText().getBytes(StandardCharsets.UTF_8)));
      manifest.add(new Manifest.SourceEntry(catalog, types));
    }
    catalogClasses.sort(null);
    files.add(
        GeneratedFile.text(
            GeneratedFile.Root.RESOURCES, Catalog.INDEX_RESOURCE, String.join("\n", catalogClasses) + "\n"));
    files.add(GeneratedFile.text(GeneratedFile.Root.SCHEMAS, "manifest.json", Manifest.manifest(manifest, javaPackage)));
    return files;
  }

  private record TypeOutput(Manifest.TypeEntry entry, List<GeneratedFile> files) {}

  private static TypeOutput generate(
      EventType type, int typeIndex, EventCatalog catalog, String javaPackage, KernelChunks kernels,
      TypedClasses typedClasses) {
    String avsc = AvroSchemas.avsc(type, javaPackage);
    long fingerprint = AvroSchemas.fingerprint(avsc);
    ClassName kernelsClass = kernels.className(kernels.chunkOf(typeIndex));
    List<GeneratedFile> files = new ArrayList<>();
    files.add(GeneratedFile.text(GeneratedFile.Root.SCHEMAS, "avro/" + type.id() + ".avsc", avsc));
    files.add(GeneratedFile.text(GeneratedFile.Root.SCHEMAS, JsonSchemas.path(type), JsonSchemas.schema(type)));
    if (typedClasses.includes(type.id())) {
      files.add(java(new EventTypeEmitter(type, catalog.sourceName(), javaPackage, fingerprint, kernelsClass, typeIndex).emit()));
    }
    return new TypeOutput(new Manifest.TypeEntry(type, fingerprint), files);
  }

  private static GeneratedFile java(JavaFile file) {
    String path = file.packageName.replace('.', '/') + "/" + file.typeSpec.name + ".java";
    return GeneratedFile.text(GeneratedFile.Root.JAVA, path, file.toString());
  }
}
