package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import dev.streamgen.compiler.config.Location;
import dev.streamgen.runtime.api.RowsOfType;
import dev.streamgen.runtime.kinds.ChangeNumberField;
import dev.streamgen.runtime.kinds.ChangeRowSource;
import dev.streamgen.runtime.kinds.ChangeRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An event type's {@code changes}: the change stream (CDC) of pool {@code pool}, keyed by its field
 * {@code key}, whose fields {@code updates} take a new value with each version and whose changes to
 * a live member delete it in the share {@code deleteRatio}, each delete followed by a tombstone when
 * {@code tombstones}. Its rows are drawn by {@link ChangeRows}
 * (docs/config.md, "Change streams"); its fields are the envelope {@link #envelope} builds.
 *
 * @param typeId the change type's event_type_id (salts its lanes and delete draws)
 * @param rows the rows of the change type; null until every type's weight is known ({@link #bind})
 */
public record ChangeStream(String typeId, EntityPool pool, Field key, List<String> updates, double deleteRatio, boolean tombstones,
    RowsOfType rows) {
  /** The envelope's field names, in payload order. */
  public static final List<String> FIELDS = List.of("op", "key", "before", "after", "version", "ts_ms", "source");
  /** The {@code source} block's field names, in payload order (Debezium's where they mean the same). */
  public static final List<String> SOURCE_FIELDS = List.of("connector", "name", "ts_ms", "snapshot", "table", "lsn");
  /** The {@code source.connector} value. */
  public static final String CONNECTOR = "streamgen";

  public ChangeStream {
    updates = List.copyOf(updates);
  }

  /** This stream with the rows of its type. */
  public ChangeStream bind(RowsOfType rows) {
    return new ChangeStream(typeId, pool, key, updates, deleteRatio, tombstones, rows);
  }

  public long count() {
    return pool.count();
  }

  /** The salt of the lane permutation: FNV-1a of {@code @<pool>#changes:<type>}. */
  public long keySalt() {
    return Identifiers.fnv1a64("@" + pool.name() + "#changes:" + typeId);
  }

  /** The salt of the delete draws. */
  public long deleteSalt() {
    return Identifiers.fnv1a64("@" + pool.name() + "#changes:" + typeId + "\u0000delete");
  }

  /** Expression: {@code new ChangeRows(count, keySalt, deleteRatio, deleteSalt[, true], new RowsOfType(...))}. */
  public CodeBlock newChangeRows() {
    RowsOfType r = rows == null ? new RowsOfType(1, 0, 1.0, new int[0], new double[0]) : rows;
    return CodeBlock.of("new $T($LL, 0x$LL, $L, 0x$LL, $L$L)", ChangeRows.class, count(), Long.toHexString(keySalt()),
        Kinds.literal(deleteRatio), Long.toHexString(deleteSalt()), tombstones ? "true, " : "", RefKind.newRowsOfType(r));
  }

  /** Literals {@link #newChangeRows} writes. */
  int literalCount() {
    return 8 + (tombstones ? 1 : 0) + (rows == null ? 0 : 2 * (int) rows.words()[3]);
  }

  /** The envelope fields after {@code common}: op, key, before, after, version, ts_ms, source, located at {@code at} (the type's changes). */
  public List<Field> envelope(List<Field> common, Location at) {
    List<Field> fields = new ArrayList<>(common);
    fields.add(Field.builder("op", new ChangeOpKind(this)).location(at).build());
    fields.add(ref("key", "key", key, ChangeRowSource.Mode.MEMBER, at));
    fields.add(image("before", true, at));
    fields.add(image("after", false, at));
    fields.add(Field.builder("version", new ChangeNumberKind(this, ChangeNumberField.VERSION)).location(at).build());
    fields.add(Field.builder("ts_ms", new ChangeNumberKind(this, ChangeNumberField.TS_MS)).location(at).build());
    fields.add(source(at));
    return fields;
  }

  /**
   * The {@code source} block, like Debezium's: {@code connector} "streamgen", {@code name} and {@code
   * table} the pool, {@code ts_ms} the event time in milliseconds, {@code snapshot} "false" (every
   * change is a streamed one) and {@code lsn} the row index, a position increasing through the stream.
   */
  private Field source(Location at) {
    List<Field> children = new ArrayList<>();
    children.add(constant("connector", CONNECTOR, at));
    children.add(constant("name", pool.name(), at));
    children.add(Field.builder("ts_ms", new ChangeNumberKind(this, ChangeNumberField.TS_MS)).location(at)
        .path("source.ts_ms", "source$ts_ms").build());
    children.add(constant("snapshot", "false", at));
    children.add(constant("table", pool.name(), at));
    children.add(Field.builder("lsn", new ChangeNumberKind(this, ChangeNumberField.ROW)).location(at)
        .path("source.lsn", "source$lsn").build());
    return Field.builder("source", new StructKind(children)).location(at).build();
  }

  /** A source field of one value: a {@code string} with that value alone. */
  private static Field constant(String name, String value, Location at) {
    return Field.builder(name, new StringKind(List.of(value), List.of())).location(at)
        .path("source." + name, "source$" + Identifiers.identifier(name)).build();
  }

  private Field image(String name, boolean before, Location at) {
    List<Field> children = new ArrayList<>();
    for (Field f : pool.fields()) {
      boolean updated = updates.contains(f.name());
      ChangeRowSource.Mode mode = !updated ? ChangeRowSource.Mode.MEMBER : before ? ChangeRowSource.Mode.BEFORE : ChangeRowSource.Mode.AFTER;
      children.add(ref(name + "." + f.name(), name + "$" + f.identifier(), f, mode, at));
    }
    return Field.builder(name, new ChangeImageKind(this, before, new StructKind(children)))
        .nulls(Optional.of(new Nulls(0.0)))
        .location(at)
        .build();
  }

  /** A field named like the last part of {@code path} reading pool field {@code target} at the rows of {@code mode}. */
  private Field ref(String path, String codePath, Field target, ChangeRowSource.Mode mode, Location at) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    Field renamed = Field.builder(name, target.kind()).nulls(target.nulls()).location(target.location())
        .path(target.path(), codePath + "$target").build();
    RefKind kind = new RefKind(pool.name() + "." + target.name(), "", null, null, null)
        .bind(new RefKind.Resolved(renamed, new RefKind.Change(this, mode)));
    return Field.builder(name, kind).location(at).path(path, codePath).build();
  }

  /** The change stream of a type's fields, if it is a change type. */
  public static Optional<ChangeStream> of(List<Field> fields) {
    return fields.stream().filter(f -> f.kind() instanceof ChangeOpKind).map(f -> ((ChangeOpKind) f.kind()).stream()).findFirst();
  }
}
