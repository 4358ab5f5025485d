package dev.streamgen.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import dev.streamgen.runtime.kinds.IntField;
import dev.streamgen.runtime.kinds.PackedCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lookahead must never change a row's type: rows in order, jumps, going back, unpacked. */
class RowTypesTest {
  private static final int TYPES = 100;
  private static final long SEED = 42;

  private final AliasTable aliasTable = AliasTable.of(weights());
  private final PackedCatalog packed = PackedCatalog.of(kernels(), Format.JSON);

  @Test
  void rowsInOrderGetTheTypeOfTheirRow() {
    RowTypes types = new RowTypes(aliasTable, SEED, packed);
    for (long row = 1_000; row < 1_000 + 10 * RowTypes.WINDOW + 3; row++) {
      assertThat(types.next(row)).as("row %d", row).isEqualTo(types.typeOf(row));
    }
  }

  @Test
  void jumpsAndGoingBackGetTheTypeOfTheirRow() {
    RowTypes types = new RowTypes(aliasTable, SEED, packed);
    long[] rows = {
      0, 1, 2, RowTypes.WINDOW - 1, RowTypes.WINDOW, 2L * RowTypes.WINDOW - 1, 2L * RowTypes.WINDOW,
      5, 4, 1_000_000, 1_000_000 + 3L * RowTypes.WINDOW, 999_999, Long.MAX_VALUE - 1, Long.MAX_VALUE, 0
    };
    for (long row : rows) {
      assertThat(types.next(row)).as("row %d", row).isEqualTo(types.typeOf(row));
    }
  }

  @Test
  void withoutAPackedCatalogTypesAreTheSame() {
    RowTypes packedTypes = new RowTypes(aliasTable, SEED, packed);
    RowTypes plainTypes = new RowTypes(aliasTable, SEED, null);
    for (long row = 0; row < 3 * RowTypes.WINDOW; row++) {
      assertThat(plainTypes.next(row)).isEqualTo(packedTypes.next(row));
    }
  }

  private static double[] weights() {
    double[] weights = new double[TYPES];
    for (int t = 0; t < TYPES; t++) {
      weights[t] = 1 + (t * 7) % 13;
    }
    return weights;
  }

  private static List<EventTypeKernel> kernels() {
    List<EventTypeKernel> kernels = new ArrayList<>();
    for (int t = 0; t < TYPES; t++) {
      kernels.add(new EventTypeKernel("type." + t, t, new IntField("n", 0, t, 0, t)));
    }
    return kernels;
  }
}
