package io.ebm4j.cli;

import io.ebm4j.experiment.Experiment;
import io.ebm4j.experiment.Experiments;
import io.ebm4j.experiment.Result;
import io.ebm4j.experiment.TwoWellsStudy;
import io.ebm4j.show.Markdown;
import io.ebm4j.show.progress.Progress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code reproduce <experiment> [--set key=value ...] [--out DIR]} runs an experiment with its
 * defaults (overridden by the settings) and writes figures (PNG), tables (CSV), summary.csv and report.md;
 * {@code list} names the experiments and {@code settings <experiment>} prints the defaults.
 *
 * <pre>
 *   mvn -q compile exec:java -Dexec.args="reproduce two-wells --set seeds=0,1,2,3,4 --out target/two-wells"
 * </pre>
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    try {
      System.exit(run(args));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  static int run(String[] args) throws IllegalArgumentException {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      usage();
      return args.length == 0 ? 2 : 0;
    }
    switch (args[0]) {
      case "list":
        for (String n : Experiments.names()) {
          System.out.println(n + "  -  " + Experiments.get(n).description());
        }
        return 0;
      case "settings":
        requireName(args);
        io.ebm4j.experiment.ConfigText.of(Experiments.get(args[1]).defaults())
            .forEach((k, v) -> System.out.println(k + "=" + v));
        return 0;
      case "reproduce":
        requireName(args);
        return reproduce(Experiments.get(args[1]), List.of(args).subList(2, args.length));
      default:
        throw new IllegalArgumentException("unknown command '" + args[0] + "'; commands: reproduce, list, settings");
    }
  }

  private static void requireName(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException(args[0] + " needs an experiment name; known: "
          + String.join(", ", Experiments.names()));
    }
  }

  private static <C extends Record> int reproduce(Experiment<C> e, List<String> rest) {
    Map<String, String> sets = new LinkedHashMap<>();
    Path out = Path.of("target", "reproduce", e.name());
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      if (a.equals("--set") && i + 1 < rest.size()) {
        String kv = rest.get(++i);
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--set expects key=value, got '" + kv + "'");
        }
        sets.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
      } else if (a.equals("--out") && i + 1 < rest.size()) {
        out = Path.of(rest.get(++i));
      } else {
        throw new IllegalArgumentException("unexpected argument '" + a + "'; use --set key=value or --out DIR");
      }
    }
    C config = Settings.apply(e.defaults(), sets);
    if (e instanceof TwoWellsStudy t) {
      t.progress(Progress.auto());
    } else if (e instanceof io.ebm4j.experiment.Gmm50dStudy g) {
      g.progress(Progress.auto());
    } else if (e instanceof io.ebm4j.experiment.Mlp2dStudy m) {
      m.progress(Progress.auto());
    }
    long t0 = System.nanoTime();
    Result r = e.run(config);
    double secs = (System.nanoTime() - t0) / 1e9;
    try {
      List<Path> files = OutputWriter.write(r, out);
      System.out.println(Markdown.table(r.summary()));
      System.out.printf("%s finished in %.1f s; %d files in %s%n", e.name(), secs, files.size(),
          out.toAbsolutePath());
    } catch (java.io.IOException ex) {
      System.err.println("error: could not write results to " + out + ": " + ex.getMessage());
      return 1;
    }
    return 0;
  }

  private static void usage() {
    System.out.println("usage: reproduce <experiment> [--set key=value ...] [--out DIR]\n"
        + "       list\n       settings <experiment>\nexperiments: " + String.join(", ", Experiments.names()));
  }
}
