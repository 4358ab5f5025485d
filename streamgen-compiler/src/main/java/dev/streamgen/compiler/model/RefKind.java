package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.api.RowsOfType;
import dev.streamgen.runtime.kinds.ChangeRowSource;
import dev.streamgen.runtime.kinds.EmittedRows;
import dev.streamgen.runtime.kinds.MemberPick;
import dev.streamgen.runtime.kinds.RefField;
import dev.streamgen.runtime.kinds.SessionRowSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ref: <pool>.<field>} or {@code ref: <event_type_id>.<field>}: the value of a field of another
 * row. A pool's field: the value of a member (uniform, or by a popularity {@code distribution} over
 * member indexes), one member per pool and {@code role} in an event. An event type's field: the value
 * a row of that type emitted, for a {@code match} share of rows, else an orphan value no row of the
 * type has; the row an earlier one by default, or in a window ({@code emitted: later | either},
 * {@code within} rows; see {@code EmittedWindow}). Drawn by {@link RefField}; the schemas are the target field's.
 *
 * <p>Parsed before pools and other types are known; {@code References} binds it ({@code resolved}),
 * splitting {@code target} into owner and field.
 *
 * @param target the reference as written, {@code users.country}
 * @param role which member of the pool, when an event names several ({@code buyer}, {@code seller});
 *     empty for the one member
 * @param match the share of rows referring to an emitted row (type references; 1 by default); null when not written
 * @param definition the YAML mapping, for binding (its distribution) and locating problems; null once bound
 * @param resolved null until bound
 */
public record RefKind(String target, String role, Double match, MapNode definition, Resolved resolved) implements FieldKind {
  public static final String KEY = "ref";
  /** Where a reference to an event type's ids finds them: {@code earlier} (default), {@code later} or {@code either}. */
  public static final String EMITTED = "emitted";
  /** The rows an {@link #EMITTED} window spans on its side(s). */
  public static final String WITHIN = "within";
  public static final KindDefinition DEFINITION =
      new KindDefinition(KEY, List.of(KEY, "role", "match", EMITTED, WITHIN, DistributionSpec.KEY), RefKind::parse);

  /** Where the value comes from, with the target field renamed to the referring field's name and position. */
  public record Resolved(Field target, Source source) {}

  /** The row a reference reads. */
  public sealed interface Source permits Member, Emitted, Change, Session {}

  /**
   * A session's row ({@link SessionSpec}): the session number ({@code session: id}, {@code member}
   * null), or the member of the machine's entity pool a {@link Member} pick draws over it. {@code
   * machine} is null until the sessions are bound.
   */
  public record Session(SessionSpec machine, Member member) implements Source {}

  /**
   * A pool member: {@code salt} of the pick (the pool and role's), {@code count} members.
   *
   * @param popularity null for uniform
   */
  public record Member(String pool, long count, DistributionSpec popularity, long salt) implements Source {}

  /**
   * A row of event type {@code typeId} (its index {@code rows.type()}), for a {@code match} share of
   * rows, in {@code window}: every earlier row ({@code within} 0), or the {@code within} rows on the
   * window's side(s).
   */
  public record Emitted(String typeId, double match, EmittedRows.Window window, long within, RowsOfType rows, long salt) implements Source {
    /** Whether this is the default window, every earlier row, whose generated code predates windows. */
    boolean everyEarlierRow() {
      return window == EmittedRows.Window.EARLIER && within == 0;
    }

    /** The window as written in YAML: {@code earlier}, {@code later within 10000}. */
    String describeWindow() {
      return window.name().toLowerCase(java.util.Locale.ROOT) + (within == 0 ? "" : " within " + within + " rows");
    }
  }

  /**
   * A change stream's row ({@link ChangeStream}): the member a change is about, or the row of its
   * before or after image's updated fields.
   */
  public record Change(ChangeStream stream, ChangeRowSource.Mode mode) implements Source {}

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    Node node = scope.require(definition, KEY, "<pool>.<field> or <event_type_id>.<field>");
    if (node == null) {
      return null;
    }
    if (!(node instanceof ScalarNode s) || s.kind() != ScalarNode.Kind.STRING || s.text().lastIndexOf('.') <= 0
        || s.text().endsWith(".")) {
      scope.error(node, "ref must be <pool>.<field> or <event_type_id>.<field>, got " + FieldScope.shape(node));
      return null;
    }
    String role = scope.text(definition, "role", "");
    if (role == null) {
      return null;
    }
    Double match = null;
    if (definition.get("match").isPresent()) {
      match = scope.ratio(definition, "match", 1.0);
      if (match == null) {
        return null;
      }
    }
    return new RefKind(s.text(), role, match, definition, null);
  }

  public Resolved resolved() {
    if (resolved == null) {
      throw new IllegalStateException("ref " + target + " was not resolved");
    }
    return resolved;
  }

  /**
   * Equal when written the same, wherever written: a type repeating a common reference identically
   * keeps the common field (the definitions' locations differ; their text does not).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof RefKind r && target.equals(r.target) && role.equals(r.role) && java.util.Objects.equals(match, r.match)
        && written(definition).equals(written(r.definition)) && java.util.Objects.equals(resolved, r.resolved);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(target, role, match, written(definition), resolved);
  }

  /** The definition's distribution and window as written, without locations; empty when bound or absent. */
  private static String written(MapNode definition) {
    return definition == null ? "" : java.util.stream.Stream.of(DistributionSpec.KEY, EMITTED, WITHIN)
        .map(key -> definition.get(key).map(RefKind::text).orElse("")).collect(java.util.stream.Collectors.joining("; "));
  }

  private static String text(Node node) {
    if (node instanceof MapNode m) {
      return m.entries().stream().map(e -> e.name() + ": " + text(e.value())).collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }
    if (node instanceof dev.streamgen.compiler.config.ListNode l) {
      return l.items().stream().map(RefKind::text).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }
    ScalarNode s = (ScalarNode) node;
    return s.kind() + " " + s.text();
  }

  /** This reference bound to {@code resolved}. */
  public RefKind bind(Resolved resolved) {
    return new RefKind(target, role, match, null, resolved);
  }

  /** The popularity over pool {@code pool}'s {@code count} members: empty for uniform, null after reporting a problem. */
  @SuppressWarnings("OptionalAssignedToNull")
  public java.util.Optional<DistributionSpec> popularity(String pool, long count, FieldScope scope) {
    return DistributionSpec.parse(definition, scope, 0, count - 1, true, "the member indexes of pool '" + pool + "'");
  }

  @Override
  public String typeName() {
    return KEY;
  }

  @Override
  public String describe() {
    String base = "ref " + target + (role.isEmpty() ? "" : " as " + role);
    if (resolved == null) {
      return base;
    }
    String how = resolved.source() instanceof Emitted e
        ? ", match " + FieldScope.format(e.match()) + (e.everyEarlierRow() ? "" : ", emitted " + e.describeWindow())
        : resolved.source() instanceof Change c ? ", " + c.mode().name().toLowerCase(java.util.Locale.ROOT) + " row of the change"
        : resolved.source() instanceof Session ss ? (ss.member() == null ? ", the session's id" : ", the session's member")
        : ((Member) resolved.source()).popularity() == null ? "" : ((Member) resolved.source()).popularity().describe();
    return base + " (" + resolved.target().describe() + how + ")";
  }

  @Override
  public Object avroType(String namedType) {
    return resolved().target().avroType(namedType);
  }

  @Override
  public String protoType(String identifier) {
    return resolved().target().kind().protoType(identifier);
  }

  @Override
  public List<String> protoNestedTypes(String identifier) {
    return resolved().target().kind().protoNestedTypes(identifier);
  }

  @Override
  public List<String> protoScopeNames(String identifier) {
    // Unbound while its event's names are checked: the names a target's kind declares (an enum's) are checked on the target.
    return resolved == null ? List.of() : resolved.target().kind().protoScopeNames(identifier);
  }

  @Override
  public int protoWireType(String identifier) {
    return resolved().target().kind().protoWireType(identifier);
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return resolved().target().jsonSchema();
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("target", target);
    parameters.put("target_type", resolved().target().kind().typeName());
    if (!role.isEmpty()) {
      parameters.put("role", role);
    }
    if (resolved.source() instanceof Emitted e) {
      parameters.put("match", e.match());
      if (!e.everyEarlierRow()) {
        parameters.put(EMITTED, e.window().name().toLowerCase(java.util.Locale.ROOT));
        parameters.put(WITHIN, e.within());
      }
    } else if (resolved.source() instanceof Change c) {
      parameters.put("change_row", c.mode().name().toLowerCase(java.util.Locale.ROOT));
    } else if (resolved.source() instanceof Session ss) {
      parameters.put("session", ss.machine() == null ? "" : ss.machine().name());
    } else if (((Member) resolved.source()).popularity() != null) {
      parameters.put(DistributionSpec.KEY, ((Member) resolved.source()).popularity().manifest());
    }
    parameters.putAll(resolved().target().kind().manifestParameters());
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return resolved().target().javaType();
  }

  @Override
  public Class<RefField> generatorClass() {
    return RefField.class;
  }

  /** The target as the referring field's own generator: its name and position, the target's salt. */
  public FieldCode targetCode(FieldCode f) {
    return FieldCode.of(resolved().target(), f.index());
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    CodeBlock target = resolved().target().newGenerator(targetCode(f));
    return CodeBlock.of("new $T($L, $L)", RefField.class, newSource(), target);
  }

  private CodeBlock newSource() {
    if (resolved().source() instanceof Session ss) {
      Member m = ss.member();
      return CodeBlock.of("new $T($L, $L)", SessionRowSource.class, ss.machine().newMachine(), m == null ? "null"
          : CodeBlock.of("new $T(0x$LL, $LL, $L)", MemberPick.class, Long.toHexString(m.salt()), m.count(),
              m.popularity() == null ? "null" : m.popularity().newInstance()));
    }
    if (resolved().source() instanceof Change c) {
      return CodeBlock.of("new $T($L, $T.$L)", ChangeRowSource.class, c.stream().newChangeRows(), ChangeRowSource.Mode.class, c.mode().name());
    }
    if (resolved().source() instanceof Member m) {
      return CodeBlock.of(
          "new $T(0x$LL, $LL, $L)", MemberPick.class, Long.toHexString(m.salt()), m.count(),
          m.popularity() == null ? "null" : m.popularity().newInstance());
    }
    Emitted e = (Emitted) resolved().source();
    if (e.everyEarlierRow()) {
      return CodeBlock.of("new $T(0x$LL, $L, $L)", EmittedRows.class, Long.toHexString(e.salt()), Kinds.literal(e.match()), newRowsOfType(e.rows()));
    }
    return CodeBlock.of("new $T(0x$LL, $L, $T.$L, $LL, $L)", EmittedRows.class, Long.toHexString(e.salt()), Kinds.literal(e.match()),
        EmittedRows.Window.class, e.window().name(), e.within(), newRowsOfType(e.rows()));
  }

  /** Expression: {@code new RowsOfType(...)} equal to {@code rows}. */
  public static CodeBlock newRowsOfType(RowsOfType rows) {
    long[] words = rows.words();
    int count = (int) words[3];
    CodeBlock.Builder columns = CodeBlock.builder().add("new int[] {");
    CodeBlock.Builder probabilities = CodeBlock.builder().add("new double[] {");
    for (int i = 0; i < count; i++) {
      columns.add(i == 0 ? "$L" : ", $L", words[4 + 2 * i]);
      probabilities.add(i == 0 ? "$L" : ", $L", Kinds.literal(Double.longBitsToDouble(words[5 + 2 * i])));
    }
    return CodeBlock.of(
        "new $T($L, $L, $L, $L, $L)", ClassName.get(RowsOfType.class),
        words[0], words[1], Kinds.literal(Double.longBitsToDouble(words[2])), columns.add("}").build(),
        probabilities.add("}").build());
  }

  @Override
  public int literalCount() {
    int source = resolved().source() instanceof Emitted e ? 6 + 2 * (int) e.rows().words()[3] + (e.everyEarlierRow() ? 0 : 2)
        : resolved().source() instanceof Change c ? 1 + c.stream().literalCount()
        : resolved().source() instanceof Session ss ? 5 + ss.machine().literalCount() : 4;
    return source + resolved().target().kind().literalCount();
  }

  /** A ref's column is its target's column at the source row, which the columns class composes ({@link #sourceRowColumn}). */
  @Override
  public CodeBlock column(FieldCode f) {
    throw new UnsupportedOperationException("a ref's column is its target's at the source row: see sourceRowColumn");
  }

  /** Spark column of the row a row refers to, a LONG; {@code f}'s generator is the {@link RefField}. */
  public CodeBlock sourceRowColumn(FieldCode f) {
    if (resolved().source() instanceof Change || resolved().source() instanceof Session) {
      return CodeBlock.of("$T.sourceRow(row, seed, $L.source())", Kinds.RNG_COLUMNS, f.generator());
    }
    if (resolved().source() instanceof Member m) {
      Field pick = Field.builder(f.name(), new LongKind(0, m.count() - 1, m.popularity())).path(memberPath(m.pool(), role), f.field().codePath()).build();
      return pick.column(FieldCode.of(pick, f.index()));
    }
    return CodeBlock.of("$T.emittedRow(row, seed, ($T) $L.source())", Kinds.RNG_COLUMNS, EmittedRows.class, f.generator());
  }

  /** The path whose FNV-1a is the salt of a pool's member pick for a role: {@code @users#buyer}. */
  public static String memberPath(String pool, String role) {
    return "@" + pool + "#" + role;
  }

  /** The path of a pool's field, salting its values apart from any event's field: {@code @users.country}. */
  public static String poolFieldPath(String pool, String field) {
    return "@" + pool + "." + field;
  }
}
