package dev.streamgen.runtime.columns;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.kinds.ChangeRows;
import dev.streamgen.runtime.kinds.EmittedRows;
import dev.streamgen.runtime.kinds.RowSource;
import dev.streamgen.runtime.kinds.SessionField;
import dev.streamgen.runtime.kinds.SessionMachine;
import dev.streamgen.runtime.kinds.UniqueNumberField;
import dev.streamgen.runtime.kinds.UuidField;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * {@link Rng} as Spark Column expressions: each method computes, per row, exactly the value of its
 * namesake in {@link Rng} (same bits), so generated per-type DataFrames equal the kernels' events.
 */
public final class RngColumns {
  private static final double UNIT = 0x1.0p-53;

  private RngColumns() {}

  /** {@link Rng#hash}: {@code xxhash64(row, stream)} over two LONG values. */
  public static Column hash(Column row, long stream) {
    return xxhash64(row, lit(stream));
  }

  /** {@link Rng#unit}. */
  public static Column unit(Column hash) {
    return shiftrightunsigned(hash, 11).multiply(lit(UNIT));
  }

  /** {@link Rng#between(long, long, long)}: a LONG column. */
  public static Column between(Column hash, long min, long max) {
    return pmod(hash, lit(max - min + 1)).plus(lit(min));
  }

  /** {@link Rng#between(long, double, double)}: a DOUBLE column. */
  public static Column between(Column hash, double min, double max) {
    return lit(min).plus(unit(hash).multiply(lit(max - min)));
  }

  /** {@code values[Rng.pick(hash, cumulative)]}: a STRING column. */
  public static Column pick(Column hash, double[] cumulative, String[] values) {
    if (values.length != cumulative.length + 1) {
      throw new IllegalArgumentException(
          values.length + " values need " + (values.length - 1) + " cuts, got " + cumulative.length);
    }
    if (cumulative.length == 0) {
      return lit(values[0]);
    }
    Column u = unit(hash);
    Column c = when(u.lt(lit(cumulative[0])), lit(values[0]));
    for (int i = 1; i < cumulative.length; i++) {
      c = c.when(u.lt(lit(cumulative[i])), lit(values[i]));
    }
    return c.otherwise(lit(values[values.length - 1]));
  }

  /**
   * The text of the version-4 UUID {@code Uuids.msb(msbHash)}, {@code Uuids.lsb(lsbHash)}: a STRING
   * column equal to {@code java.util.UUID#toString()}.
   */
  public static Column uuid(Column msbHash, Column lsbHash) {
    Column msb = msbHash.bitwiseAND(lit(~0xF000L)).bitwiseOR(lit(0x4000L));
    Column lsb = lsbHash.bitwiseAND(lit(0x3FFFFFFFFFFFFFFFL)).bitwiseOR(lit(0x8000000000000000L));
    // Spark's hex() of a LONG is unsigned, upper case, without leading zeros.
    Column m = lower(lpad(hex(msb), 16, "0"));
    Column l = lower(lpad(hex(lsb), 16, "0"));
    return concat(
        substring(m, 1, 8),
        lit("-"),
        substring(m, 9, 4),
        lit("-"),
        substring(m, 13, 4),
        lit("-"),
        substring(l, 1, 4),
        lit("-"),
        substring(l, 5, 12));
  }

  /*
   * The kinds below loop (a permutation's cycle walk, a search for a row of a type) for a number of
   * steps no Column expression can bound, so their columns call the kernels' own functions.
   */

  /** {@link UniqueNumberField}'s value of each row, a LONG. */
  public static Column uniqueNumber(Column row, long seed, long salt, long min, long size) {
    UDF1<Long, Long> value = r -> UniqueNumberField.draw(seed, r, salt, min, size);
    return functions.udf(value, DataTypes.LongType).apply(row);
  }

  /** A unique {@link UuidField}'s value of each row, as text. */
  public static Column uniqueUuid(Column row, long seed, long salt) {
    UDF1<Long, String> value = r -> UuidField.uniqueText(seed, r, salt);
    return functions.udf(value, DataTypes.StringType).apply(row);
  }

  /** The row each row's reference to another type's ids reads ({@link EmittedRows}), a LONG. */
  public static Column emittedRow(Column row, long seed, EmittedRows source) {
    UDF1<Long, Long> sourceRow = r -> source.sourceRow(seed, r);
    return functions.udf(sourceRow, DataTypes.LongType).apply(row);
  }

  /** The row each row's reference reads ({@link RowSource#sourceRow}: a change stream's member or image row), a LONG. */
  public static Column sourceRow(Column row, long seed, RowSource source) {
    UDF1<Long, Long> sourceRow = r -> source.sourceRow(seed, r);
    return functions.udf(sourceRow, DataTypes.LongType).apply(row);
  }

  /** The operation of each row of a change stream ({@link ChangeRows#op}): c, u, d or t. */
  public static Column changeOp(Column row, long seed, ChangeRows changes) {
    UDF1<Long, String> op = r -> String.valueOf(changes.op(seed, r));
    return functions.udf(op, DataTypes.StringType).apply(row);
  }

  /** Whether a change has no before image (an insert, a tombstone) or, for {@code before} false, no after image (a delete, a tombstone): a BOOLEAN. */
  public static Column changeImageNull(Column row, long seed, ChangeRows changes, boolean before) {
    UDF1<Long, Boolean> none = r -> {
      return ChangeRows.imageNull(changes.op(seed, r), before);
    };
    return functions.udf(none, DataTypes.BooleanType).apply(row);
  }

  /** A change's version ({@link ChangeRows#version}: row / count + 1), a LONG. */
  public static Column changeVersion(Column row, long count) {
    UDF1<Long, Long> version = r -> r / count + 1;
    return functions.udf(version, DataTypes.LongType).apply(row);
  }

  /**
   * A session step (an INT) or session time (a TIMESTAMP) of each row ({@link SessionField}); the
   * time without the run's rows per second, as the typed API computes it: the row's event time.
   */
  public static Column session(Column row, Column eventTimeMicros, long seed, SessionField field) {
    SessionMachine machine = field.machine();
    if (!field.isTime()) {
      UDF1<Long, Integer> step = r -> SessionField.step(machine, seed, r);
      return functions.udf(step, DataTypes.IntegerType).apply(row);
    }
    UDF2<Long, Long, Long> time = (r, t) -> SessionField.time(machine, seed, r, t, null);
    return functions.timestamp_micros(functions.udf(time, DataTypes.LongType).apply(row, eventTimeMicros));
  }

  /** Event time in milliseconds from microseconds, rounded down, a LONG. */
  public static Column millis(Column eventTimeMicros) {
    UDF1<Long, Long> millis = t -> Math.floorDiv(t, 1000L);
    return functions.udf(millis, DataTypes.LongType).apply(eventTimeMicros);
  }
}
