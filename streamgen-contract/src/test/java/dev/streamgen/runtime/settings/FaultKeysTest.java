package dev.streamgen.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The faults keys' own checks (shares, seconds) and the rules spanning them. */
class FaultKeysTest {

  @Test
  void sharesAreDecimalsFromZeroToOne() {
    SettingKey share = FaultKeys.DROP_SHARE;
    for (String ok : new String[] {"0", "1", "0.05", ".5", "1.0", "5e-3", "+0.25"}) {
      assertThat(share.check(ok)).as(ok).isNull();
    }
    for (String bad : new String[] {"1.5", "-0.1", "5%", ".nan", "Infinity", "0x1", "1d", "", "half"}) {
      assertThat(share.check(bad)).as(bad).isEqualTo("expected a number from 0 to 1, such as 0.05");
    }
    assertThat(share.parse("0.25")).isEqualTo(0.25);
  }

  @Test
  void secondsAreDecimalsZeroOrMore() {
    SettingKey seconds = FaultKeys.LATE_MAX_SECONDS;
    assertThat(seconds.check("2.5")).isNull();
    assertThat(seconds.check("0")).isNull();
    assertThat(seconds.check("-1")).isEqualTo("expected a number, 0 or more, such as 2.5");
    assertThat(seconds.check("1e400")).isEqualTo("expected a number, 0 or more, such as 2.5");
  }

  @Test
  void defaultsPassTheRules() {
    assertThat(FaultKeys.check(Collections.<String, String>emptyMap())).isEmpty();
  }

  @Test
  void sharesMayAddUpToExactlyOne() {
    Map<String, String> v = new HashMap<>();
    v.put("faults.late_share", "0.1");
    v.put("faults.out_of_order_share", "0.2");
    v.put("faults.duplicate_share", "0.3");
    v.put("faults.drop_share", "0.4");
    assertThat(FaultKeys.check(v)).isEmpty();
    v.put("faults.drop_share", "0.41");
    List<FaultKeys.Problem> problems = FaultKeys.check(v);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).path()).isEqualTo("faults.drop_share");
    assertThat(problems.get(0).message())
        .isEqualTo("faults: the shares add up to 1.01 (late_share 0.1 + out_of_order_share 0.2 + duplicate_share 0.3"
            + " + drop_share 0.41), more than 1: a row is late, out of order, a duplicate or dropped, not several");
  }

  @Test
  void delayRulesApplyOnlyToTheChosenDistributionWhenRowsAreLate() {
    Map<String, String> v = new HashMap<>();
    v.put("faults.late_min_seconds", "10");
    v.put("faults.late_max_seconds", "5");
    assertThat(FaultKeys.check(v)).as("no late rows: nothing to judge").isEmpty();
    v.put("faults.late_share", "0.1");
    assertThat(FaultKeys.check(v)).extracting(FaultKeys.Problem::path).containsExactly("faults.late_min_seconds");
    v.put("faults.late_delay", "exponential");
    assertThat(FaultKeys.check(v)).isEmpty();
    v.put("faults.late_mean_seconds", "0");
    assertThat(FaultKeys.check(v)).extracting(FaultKeys.Problem::path).containsExactly("faults.late_mean_seconds");
  }

  @Test
  void groundTruthPassesTheRules() {
    assertThat(FaultKeys.check(Collections.singletonMap("faults.ground_truth", "TRUE"))).isEmpty();
  }
}
