package io.ebm4j.cli;

import io.ebm4j.progress.Progress;
import io.ebm4j.show.Markdown;
import io.ebm4j.study.Config;
import io.ebm4j.study.Engine;
import io.ebm4j.study.Engines;
import io.ebm4j.study.LocalEngine;
import io.ebm4j.study.Result;
import io.ebm4j.study.Runner;
import io.ebm4j.study.Studies;
import io.ebm4j.study.Study;
import io.ebm4j.study.Sweep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code reproduce <experiment> [--set key=value ...] [--out DIR] [--threads N]
 * [--engine local|spark] [--master URL]} runs a study over the sweep its settings describe and writes figures (PNG),
 * tables (CSV), summary.csv, aggregate.csv and report.md; {@code list} names the studies and
 * {@code settings <experiment>} prints every setting with its default.
 *
 * <pre>
 *   ./ebm4j reproduce two-wells --set seeds=0..4 --out target/two-wells
 *   ./ebm4j reproduce two-wells --set walkers=2000,10000 --engine spark --master local[2]
 * </pre>
 */
public final class Main {
  /**
   * Default seconds of a training's run time between its checkpoints in {@code reproduce}: a default-sized run (about
   * a minute) writes none or one, since a checkpoint's first write costs more than hundreds of short steps.
   */
  static final double CHECKPOINT_SECONDS = 30;

  private Main() {}

  /** The value of a numeric option: an integer when {@code integer}; a clear error naming the option otherwise. */
  private static double number(String option, String v, boolean integer) {
    try {
      return integer ? Integer.parseInt(v) : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " expects a positive " + (integer ? "integer" : "number")
          + ", got '" + v + "'");
    }
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    io.ebm4j.nd.VecMath.prepare(); // the vector exp and log compile while ND4J and the data load
    int code;
    try {
      code = run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  static int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      usage();
      return args.length == 0 ? 2 : 0;
    }
    switch (args[0]) {
      case "list":
        for (String n : Studies.names()) {
          System.out.println(n + "  -  " + Studies.get(n).description());
        }
        return 0;
      case "settings":
        requireName(args);
        settings(Studies.get(args[1]));
        return 0;
      case "reproduce":
        requireName(args);
        return reproduce(Studies.get(args[1]), List.of(args).subList(2, args.length));
      default:
        throw new IllegalArgumentException("unknown command '" + args[0] + "'; commands: reproduce, list, settings");
    }
  }

  private static void requireName(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException(args[0] + " needs an experiment name; known: "
          + String.join(", ", Studies.names()));
    }
  }

  private static <C extends Record & Config<C>> void settings(Study<C, ?> s) {
    Sweep.of(s.defaults()).describe().forEach((k, v) -> System.out.println(k + "=" + v));
  }

  private static <C extends Record & Config<C>, E extends io.ebm4j.energy.Energy> int reproduce(
      Study<C, E> study, List<String> rest) {
    List<String> sets = new ArrayList<>();
    Path out = Path.of("target", "reproduce", study.name());
    String engineName = "local";
    String master = null;
    int threads = Runtime.getRuntime().availableProcessors();
    int checkpointEvery = 0; // steps; by default a checkpoint every CHECKPOINT_SECONDS of a run instead
    double checkpointSeconds = CHECKPOINT_SECONDS;
    boolean fresh = false;
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      boolean hasValue = i + 1 < rest.size();
      if (a.equals("--set") && hasValue) {
        sets.add(rest.get(++i));
      } else if (a.equals("--out") && hasValue) {
        out = Path.of(rest.get(++i));
      } else if (a.equals("--engine") && hasValue) {
        engineName = rest.get(++i);
      } else if (a.equals("--master") && hasValue) {
        master = rest.get(++i);
      } else if (a.equals("--fresh")) {
        fresh = true;
      } else if (a.equals("--checkpoint-every") && hasValue) {
        checkpointEvery = (int) number(a, rest.get(++i), true);
      } else if (a.equals("--checkpoint-seconds") && hasValue) {
        checkpointSeconds = number(a, rest.get(++i), false);
        checkpointEvery = 0;
      } else if (a.equals("--threads") && hasValue) {
        threads = (int) number(a, rest.get(++i), true);
      } else {
        throw new IllegalArgumentException("unexpected argument '" + a + "'; use --set key=value, --out DIR,"
            + " --threads N, --engine local|spark, --master URL, --checkpoint-every N, --checkpoint-seconds S,"
            + " --fresh");
      }
    }
    Sweep<C> sweep = Sweep.parse(study.defaults(), sets);
    Path state = out.resolve(".state");
    if (fresh) {
      deleteTree(state);
    }
    long t0 = System.nanoTime();
    Result r;
    try (Engine engine = engine(engineName, master, threads)) {
      Runner<C, E> runner = Runner.of(study).engine(engine).progress(Progress.auto());
      if (checkpointEvery > 0) {
        runner.resumable(state, checkpointEvery);
      } else {
        runner.resumableEverySeconds(state, checkpointSeconds);
      }
      r = runner.run(sweep);
    } catch (Exception e) {
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    try {
      List<Path> files = r.save(out);
      deleteTree(state);
      System.out.println(Markdown.table(r.summary()));
      System.out.printf("%s finished in %.1f s; %d files in %s%n", study.name(), secs, files.size(),
          out.toAbsolutePath());
    } catch (java.io.UncheckedIOException ex) {
      System.err.println("error: " + ex.getMessage());
      return 1;
    }
    return 0;
  }

  /** Removes the resumable state of a finished run. */
  private static void deleteTree(Path dir) {
    if (!java.nio.file.Files.exists(dir)) {
      return;
    }
    try (var files = java.nio.file.Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(p);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not delete " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Engine engine(String name, String master, int threads) {
    switch (name) {
      case "local":
        if (master != null) {
          throw new IllegalArgumentException("--master goes with --engine spark, got --master " + master);
        }
        return LocalEngine.threads(threads);
      case "spark":
        return master == null ? Engines.sparkFromSubmit() : Engines.spark(master);
      default:
        throw new IllegalArgumentException("--engine must be local or spark, got '" + name + "'");
    }
  }

  private static void usage() {
    System.out.println("usage: reproduce <experiment> [--set key=value ...] [--out DIR] [--threads N]\n"
        + "                 [--engine local|spark] [--master URL] [--checkpoint-every N | --checkpoint-seconds S]\n"
        + "                 [--fresh]\n"
        + "An interrupted reproduce resumes when run again with the same settings (state in DIR/.state): each\n"
        + "training checkpoints every 30 s of its run time (--checkpoint-seconds), or every N steps.\n"
        + "--fresh starts over.\n"
        + "       list\n       settings <experiment>\n"
        + "Settings: a comma list sweeps a setting (walkers=2000,10000), a..b is an integer range (seeds=0..4).\n"
        + "experiments: " + String.join(", ", Studies.names()));
  }
}
