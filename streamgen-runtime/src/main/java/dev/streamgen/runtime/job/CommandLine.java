package dev.streamgen.runtime.job;

import dev.streamgen.runtime.settings.DidYouMean;
import dev.streamgen.runtime.settings.SettingSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The flags of {@code dev.streamgen.runtime.Main}, parsed; errors name the flag and the fix. */
public final class CommandLine {
  static final List<String> FLAGS =
      Collections.unmodifiableList(
          Arrays.asList(
              "--config",
              "--set",
              "--duration",
              "--seed",
              "--catalog",
              "--rows",
              "--secrets-file",
              "--progress-interval",
              "--dry-run",
              "--verbose",
              "--help"));

  private final String configFile;
  private final List<String> sets;
  private final Long durationSeconds;
  private final Long seed;
  private final String catalog;
  private final Long rows;
  private final String secretsFile;
  private final long progressIntervalSeconds;
  private final boolean help;
  private final boolean dryRun;
  private final boolean verbose;

  private CommandLine(Builder b) {
    this.configFile = b.configFile;
    this.sets = Collections.unmodifiableList(new ArrayList<>(b.sets));
    this.durationSeconds = b.durationSeconds;
    this.seed = b.seed;
    this.catalog = b.catalog;
    this.rows = b.rows;
    this.secretsFile = b.secretsFile;
    this.progressIntervalSeconds = b.progressIntervalSeconds;
    this.help = b.help;
    this.dryRun = b.dryRun;
    this.verbose = b.verbose;
  }

  /** Parses {@code args}; flags take their value as the next argument or after {@code =}. */
  public static CommandLine parse(String[] args) {
    Builder b = new Builder();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!FLAGS.contains(flag)) {
        throw new UsageException(
            arg.startsWith("-")
                ? "unknown option " + flag + DidYouMean.hint(flag, FLAGS)
                : "unexpected argument '" + arg + "' (options start with --; see --help)");
      }
      if (flag.equals("--help")) {
        b.help = true;
        continue;
      }
      if (flag.equals("--dry-run")) {
        b.dryRun = true;
        continue;
      }
      if (flag.equals("--verbose")) {
        b.verbose = true;
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException(flag + " needs a value: " + flag + " " + valueName(flag));
        }
        value = args[++i];
      }
      switch (flag) {
        case "--config":
          b.configFile = value;
          break;
        case "--set":
          b.sets.add(value);
          break;
        case "--duration":
          b.durationSeconds = duration(value);
          break;
        case "--seed":
          b.seed = number(flag, value, Long.MIN_VALUE);
          break;
        case "--catalog":
          b.catalog = value;
          break;
        case "--rows":
          b.rows = number(flag, value, 1);
          break;
        case "--secrets-file":
          b.secretsFile = value;
          break;
        case "--progress-interval":
          b.progressIntervalSeconds = duration(value);
          if (b.progressIntervalSeconds <= 0) {
            throw new UsageException("--progress-interval '" + value + "': expected at least 1 second");
          }
          break;
        default:
          throw new AssertionError(flag);
      }
    }
    if (b.rows != null && b.durationSeconds != null) {
      throw new UsageException(
          "--rows (a batch run) and --duration (a streaming run) cannot be combined: choose one");
    }
    return new CommandLine(b);
  }

  /** Seconds from {@code 90}, {@code 90s}, {@code 5m} or {@code 2h}. */
  static long duration(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (v.endsWith("s")) {
      v = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      unit = 60;
      v = v.substring(0, v.length() - 1);
    } else if (v.endsWith("h")) {
      unit = 3600;
      v = v.substring(0, v.length() - 1);
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new UsageException(
          "--duration '" + value + "': expected seconds, or a whole number with unit s, m or h (e.g. 30s, 5m)");
    }
  }

  private static long number(String flag, String value, long min) {
    try {
      long n = Long.parseLong(value.trim());
      if (n < min) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(
          flag + " '" + value + "': expected " + (min > 0 ? "a whole number greater than 0" : "a whole number"));
    }
  }

  private static String valueName(String flag) {
    switch (flag) {
      case "--config":
      case "--secrets-file":
        return "FILE";
      case "--set":
        return "key.path=value";
      case "--duration":
      case "--progress-interval":
        return "SECONDS|30s|5m";
      case "--catalog":
        return "CLASS";
      default:
        return "N";
    }
  }

  /** The usage text of {@code --help}. */
  public static String usage() {
    return String.join(
        "\n",
        "Usage: java -cp <your-app.jar> dev.streamgen.runtime.Main [options]",
        "       spark-submit --class dev.streamgen.runtime.Main <your-app.jar> [options]",
        "",
        "Generates the event stream compiled into the jar and writes it to the configured sink.",
        "Settings: the YAML compiled into the jar < --config FILE < --set overrides < the flags below.",
        "",
        "Options:",
        "  --config FILE            settings YAML (the seed's format; event definitions in it are ignored)",
        "  --set key.path=value     override one setting by its YAML path; repeatable, e.g.",
        "                           --set streaming_config.total_rows_per_second=5000 --set sink_config.type=delta",
        "  --duration SECONDS|30s|5m  stream this much event time from the first row, then stop (sets generation_mode=streaming)",
        "  --rows N                 write a batch of N rows (sets generation_mode=batch)",
        "  --seed N                 the run seed: same seed and config, same events",
        "  --catalog CLASS          the generated catalog (default: the only one in the jar)",
        "  --secrets-file FILE      Java properties with scope/key=value for {{secrets/scope/key}}",
        "                           (also: env STREAMGEN_SECRETS_FILE, or env STREAMGEN_SECRET_<SCOPE>_<KEY>)",
        "  --progress-interval SECONDS  how often to print progress (default 10)",
        "  --dry-run                check flags, settings, secrets and sink options, print the run, exit",
        "  --verbose                when the run fails, also print the stack trace",
        "  --help                   this text",
        "",
        "Setting keys, defaults and examples: docs/runtime.md and docs/configuration.md.",
        "Exit codes: 0 done, 2 bad flags or settings, 1 the run failed.");
  }

  public String configFile() {
    return configFile;
  }

  public List<String> sets() {
    return sets;
  }

  public Long durationSeconds() {
    return durationSeconds;
  }

  public Long seed() {
    return seed;
  }

  public String catalog() {
    return catalog;
  }

  public Long rows() {
    return rows;
  }

  public String secretsFile() {
    return secretsFile;
  }

  public long progressIntervalSeconds() {
    return progressIntervalSeconds;
  }

  public boolean help() {
    return help;
  }

  /** Check everything, print the resolved run, start nothing. */
  public boolean dryRun() {
    return dryRun;
  }

  /** Print stack traces of failures (the message alone otherwise). */
  public boolean verbose() {
    return verbose;
  }

  /** Settings the flags imply, applied after {@code --set}; each layer is named by its flag. */
  public List<SettingSource> flagLayers() {
    List<SettingSource> layers = new ArrayList<>();
    if (seed != null) {
      layers.add(SettingSource.of("--seed", Collections.singletonMap("seed", Long.toString(seed))));
    }
    if (rows != null) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("generation_mode", "batch");
      m.put("batch_config.total_rows", Long.toString(rows));
      layers.add(SettingSource.of("--rows", m));
    }
    if (durationSeconds != null) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("generation_mode", "streaming");
      m.put("streaming_config.duration_seconds", Long.toString(durationSeconds));
      layers.add(SettingSource.of("--duration", m));
    }
    return layers;
  }

  /** A usage mistake; Main prints the message and exits with status 2. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }

  private static final class Builder {
    private String configFile;
    private final List<String> sets = new ArrayList<>();
    private Long durationSeconds;
    private Long seed;
    private String catalog;
    private Long rows;
    private String secretsFile;
    private long progressIntervalSeconds = 10;
    private boolean help;
    private boolean dryRun;
    private boolean verbose;
  }
}
