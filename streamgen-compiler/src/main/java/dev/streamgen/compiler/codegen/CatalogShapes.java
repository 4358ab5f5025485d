package dev.streamgen.compiler.codegen;

import com.squareup.javapoet.ClassName;
import dev.streamgen.compiler.model.EventCatalog;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.Identifiers;
import dev.streamgen.compiler.model.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct {@link Shape}s of one catalog's event types and the class each gets: {@code
 * <pkg>.shapes.<Stem>Shape<N>}, numbered in order of first occurrence so the output is the same for
 * the same file. A sub-package because any PascalCase name in the types' own package could be an
 * event type's class name.
 */
public final class CatalogShapes {
  /** The sub-package of the shape classes, below the generated package. */
  public static final String SUBPACKAGE = "shapes";

  private final String sourceName;
  private final Map<Shape, ClassName> classes;
  private final Map<Shape, List<EventType>> types;

  private CatalogShapes(String sourceName, Map<Shape, ClassName> classes, Map<Shape, List<EventType>> types) {
    this.sourceName = sourceName;
    this.classes = classes;
    this.types = types;
  }

  public static CatalogShapes of(EventCatalog catalog, String javaPackage) {
    Map<Shape, ClassName> classes = new LinkedHashMap<>();
    Map<Shape, List<EventType>> types = new LinkedHashMap<>();
    String prefix = Identifiers.pascalCase(catalog.stem()) + "Shape";
    for (EventType type : catalog.eventTypes()) {
      Shape shape = Shape.of(type);
      classes.computeIfAbsent(shape, s -> ClassName.get(javaPackage + "." + SUBPACKAGE, prefix + classes.size()));
      types.computeIfAbsent(shape, s -> new ArrayList<>()).add(type);
    }
    return new CatalogShapes(catalog.sourceName(), classes, types);
  }

  /** The shape class whose code the type's kernel runs. */
  public ClassName className(EventType type) {
    ClassName name = classes.get(Shape.of(type));
    if (name == null) {
      throw new IllegalArgumentException("event type " + type.id() + " is not of this catalog");
    }
    return name;
  }

  /** One emitter per shape, in class-number order. */
  public List<ShapeEmitter> emitters() {
    List<ShapeEmitter> emitters = new ArrayList<>();
    classes.forEach(
        (shape, name) -> {
          List<EventType> of = types.get(shape);
          emitters.add(new ShapeEmitter(name, of.get(0), of.size(), sourceName));
        });
    return emitters;
  }
}
