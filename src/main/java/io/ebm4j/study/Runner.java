package io.ebm4j.study;

import io.ebm4j.energy.Energy;
import io.ebm4j.progress.Progress;
import io.ebm4j.show.Figure;
import io.ebm4j.show.Markdown;
import io.ebm4j.train.Run;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The one runner of every study: expands a {@link Sweep} into cells (setting x seed x arm), runs them on an
 * {@link Engine} (local threads by default, or Spark), and assembles the {@link Result}: the summary with one row
 * per cell, its aggregate over seeds, run histories, the study's figures per setting and the report.
 *
 * <pre>{@code
 * Result r = Runner.of(new TwoWellsStudy())
 *     .engine(LocalEngine.threads(2))
 *     .progress(Progress.auto())
 *     .run(Sweep.of(TwoWellsConfig.defaults()).set("seeds", "0..4"));
 * }</pre>
 *
 * Cells are independent and each is a pure function of (study, settings, arm, seed) (see {@link Seeds}), so the
 * summary is the same, bit for bit, whatever the engine and the number of threads (its "seconds" column aside).
 *
 * @param <C> the configuration type
 * @param <E> the energy type
 */
public final class Runner<C extends Record & Config<C>, E extends Energy> {
  private final Study<C, E> study;
  private Engine engine;
  private Progress progress = Progress.silent();
  private java.nio.file.Path stateDir;
  private int checkpointEvery;
  private double checkpointSeconds;

  private Runner(Study<C, E> study) {
    if (study == null) {
      throw new IllegalArgumentException("study must not be null");
    }
    this.study = study;
  }

  /** A runner of the study on local threads (one per core), silent. */
  public static <C extends Record & Config<C>, E extends Energy> Runner<C, E> of(Study<C, E> study) {
    return new Runner<>(study);
  }

  /** Where the cells run (default: {@link LocalEngine#auto()}). */
  public Runner<C, E> engine(Engine e) {
    this.engine = e;
    return this;
  }

  /** Progress display: per training on one thread, per cell on several (default silent). */
  public Runner<C, E> progress(Progress p) {
    this.progress = p == null ? Progress.silent() : p;
    return this;
  }

  /**
   * Makes the sweep resumable: each finished cell is kept in {@code dir/cells/KEY.cell} and each running training
   * checkpoints into {@code dir/checkpoints/KEY/} every {@code everySteps} steps. Run again with the same settings,
   * the runner skips the cells it finished and resumes the others from their last checkpoint, so an interrupted
   * sweep (even killed with SIGKILL) ends with the summary of an uninterrupted one. Files are written atomically.
   */
  public Runner<C, E> resumable(java.nio.file.Path dir, int everySteps) {
    if (dir == null) {
      throw new IllegalArgumentException("state directory must not be null");
    }
    if (everySteps < 1) {
      throw new IllegalArgumentException("checkpoint every must be at least 1 step, got " + everySteps);
    }
    this.stateDir = dir;
    this.checkpointEvery = everySteps;
    this.checkpointSeconds = 0;
    return this;
  }

  /**
   * As {@link #resumable(java.nio.file.Path, int)}, with a checkpoint of each running training once every
   * {@code seconds} of its run time instead: a run shorter than that writes none (a checkpoint's first write costs
   * far more than a short run's steps), and a long one loses at most that much work when interrupted.
   */
  public Runner<C, E> resumableEverySeconds(java.nio.file.Path dir, double seconds) {
    if (dir == null) {
      throw new IllegalArgumentException("state directory must not be null");
    }
    if (!(seconds > 0) || !Double.isFinite(seconds)) {
      throw new IllegalArgumentException("checkpoint seconds must be positive and finite, got " + seconds);
    }
    this.stateDir = dir;
    this.checkpointEvery = 0;
    this.checkpointSeconds = seconds;
    return this;
  }

  /** One cell to run: which setting, seed and arm, and (for remote engines) the study and its settings as text. */
  record Task(int index, int setting, int seed, int arm, String armLabel, String study,
      LinkedHashMap<String, String> config, LinkedHashMap<String, String> swept, String key, String stateDir,
      int checkpointEvery, double checkpointSeconds) implements Serializable {}

  /** Runs every cell of the sweep and assembles the result. */
  public Result run(Sweep<C> sweep) {
    long t0 = System.nanoTime();
    List<C> configs = sweep.settings();
    List<Map<String, String>> combos = sweep.combinations();
    List<List<Arm<C, E>>> arms = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    for (int s = 0; s < configs.size(); s++) {
      List<Arm<C, E>> a = study.arms(configs.get(s));
      if (a.isEmpty()) {
        throw new IllegalArgumentException(study.name() + " has no arm for settings " + configs.get(s).settings());
      }
      arms.add(a);
      for (int seed : sweep.seeds()) {
        for (int k = 0; k < a.size(); k++) {
          String slug = slug(combos.get(s));
          String key = (slug.isEmpty() ? "" : slug + "-") + a.get(k).key() + "-seed" + seed;
          tasks.add(new Task(tasks.size(), s, seed, k, a.get(k).label(), study.name(),
              new LinkedHashMap<>(configs.get(s).settings()), new LinkedHashMap<>(combos.get(s)), key,
              stateDir == null ? null : stateDir.toString(), checkpointEvery, checkpointSeconds));
        }
      }
    }
    if (stateDir != null) {
      io.ebm4j.show.Figures.removeStaleTemporaries(stateDir, true);
    }
    Engine eng = engine != null ? engine : LocalEngine.auto();
    boolean local = eng instanceof LocalEngine;
    boolean oneThread = local && ((LocalEngine) eng).threadCount() == 1;
    Map<Long, INDArray> dataCache = new ConcurrentHashMap<>();
    Progress cellProgress = oneThread ? Progress.silent() : progress;
    cellProgress.start(study.name() + " (" + tasks.size() + " cells, " + eng.name() + ")", tasks.size());
    int[] done = {0};
    Outcome[] finished = new Outcome[tasks.size()];
    List<Task> todo = new ArrayList<>();
    for (Task t : tasks) {
      finished[t.index()] = CellStore.load(t);
      if (finished[t.index()] == null) {
        todo.add(t);
      }
    }
    if (todo.size() < tasks.size()) {
      System.err.println(study.name() + ": " + (tasks.size() - todo.size()) + " of " + tasks.size()
          + " cells already finished in " + stateDir + ", running " + todo.size());
    }
    List<Outcome> outcomes;
    try {
      if (local) {
        outcomes = eng.map(todo, t -> {
          C c = configs.get(t.setting());
          Supplier<INDArray> data = () -> dataCache.computeIfAbsent(((long) t.setting() << 32) ^ (t.seed() & 0xFFFFFFFFL),
              k -> study.data(c, t.seed()));
          Outcome o = execute(study, c, combos.get(t.setting()), arms.get(t.setting()).get(t.arm()), t, data,
              oneThread ? progress : Progress.silent());
          synchronized (done) {
            done[0]++;
            cellProgress.step(done[0], o.metrics);
          }
          return o;
        });
      } else {
        outcomes = eng.map(todo, Runner::remote);
      }
    } finally {
      cellProgress.close();
    }
    for (int i = 0; i < todo.size(); i++) {
      finished[todo.get(i).index()] = outcomes.get(i);
    }
    outcomes = java.util.Arrays.asList(finished);
    return assemble(sweep, configs, combos, arms, tasks, outcomes, eng.name(), (System.nanoTime() - t0) / 1e9);
  }

  /** A cell on a remote engine: the study is looked up by name and its configuration parsed from text. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Outcome remote(Task t) {
    Study s = Studies.get(t.study());
    Record c = Configs.with((Record) s.defaults(), t.config());
    List<Arm> a = s.arms((Record) c);
    Arm arm = a.get(t.arm());
    if (!arm.label().equals(t.armLabel())) {
      throw new IllegalStateException("arm " + t.arm() + " of " + t.study() + " is '" + arm.label() + "' here but '"
          + t.armLabel() + "' on the driver: the class paths differ");
    }
    Supplier<INDArray> data = new Supplier<>() {
      private INDArray d;

      @Override
      public INDArray get() {
        if (d == null) {
          d = s.data(c, t.seed());
        }
        return d;
      }
    };
    return execute(s, (Record & Config) c, t.swept(), arm, t, data, Progress.silent());
  }

  private static <C extends Record & Config<C>, E extends Energy> Outcome execute(Study<C, E> study,
      C config, Map<String, String> swept, Arm<C, E> arm, Task t, Supplier<INDArray> data, Progress p) {
    io.ebm4j.store.CheckpointFiles ckpt = t.stateDir() == null ? null
        : io.ebm4j.store.CheckpointFiles.in(java.nio.file.Path.of(t.stateDir(), "checkpoints", t.key()));
    Cell<C> cell = new Cell<>(study.name(), config, swept, arm.label(), t.seed(), data, ckpt, t.checkpointEvery(),
        t.checkpointSeconds());
    try {
      Run<E> run = arm.run(cell, label(arm, t.seed(), swept), p);
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (Map.Entry<String, Metric<C, E>> en : study.metrics(config).entrySet()) {
        metrics.put(en.getKey(), en.getValue().of(cell, run));
      }
      Outcome o = new Outcome(t.index(), metrics, run);
      CellStore.save(t, o);
      if (ckpt != null) {
        ckpt.clear();
      }
      return o;
    } catch (RuntimeException e) {
      throw new StudyCellException(study.name(), label(arm, t.seed(), swept), e);
    }
  }

  private static String label(Arm<?, ?> arm, int seed, Map<String, String> swept) {
    StringBuilder sb = new StringBuilder(arm.label());
    arm.tags().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    sb.append(" seed=").append(seed);
    swept.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    return sb.toString();
  }

  private Result assemble(Sweep<C> sweep, List<C> configs, List<Map<String, String>> combos,
      List<List<Arm<C, E>>> arms, List<Task> tasks, List<Outcome> outcomes, String engineName, double wall) {
    // summary columns: swept settings, arm, tags, seed, metrics, seconds
    List<String> swept = new ArrayList<>(sweep.axes().keySet());
    List<String> tagKeys = new ArrayList<>();
    for (List<Arm<C, E>> a : arms) {
      for (Arm<C, E> arm : a) {
        arm.tags().keySet().stream().filter(k -> !tagKeys.contains(k)).forEach(tagKeys::add);
      }
    }
    List<String> metricNames = new ArrayList<>(study.metrics(configs.get(0)).keySet());
    Summary summary = new Summary(swept, tagKeys, metricNames);
    Map<String, Table> histories = new LinkedHashMap<>();
    Map<String, Figure> figures = new LinkedHashMap<>();
    for (int s = 0; s < configs.size(); s++) {
      C c = configs.get(s);
      String slug = slug(combos.get(s));
      List<Trial<C, E>> trials = new ArrayList<>();
      Map<Integer, INDArray> data = new LinkedHashMap<>();
      for (Task t : tasks) {
        if (t.setting() != s) {
          continue;
        }
        Outcome o = outcomes.get(t.index());
        Arm<C, E> arm = arms.get(s).get(t.arm());
        Supplier<INDArray> d = () -> data.computeIfAbsent(t.seed(), k -> study.data(c, k));
        Cell<C> cell = new Cell<>(study.name(), c, combos.get(s), arm.label(), t.seed(), d);
        Run<E> run = o.run(() -> arm.model(cell), arm.label());
        trials.add(new Trial<>(cell, arm, run, o.metrics));
        summary.add(combos.get(s), arm, t.seed(), o.metrics, o.seconds);
        histories.put((slug.isEmpty() ? "" : slug + "-") + arm.key() + "-seed" + t.seed(), run.history());
      }
      Runs<C, E> runs = new Runs<>(c, sweep.seeds(), trials);
      for (Map.Entry<String, Function<Runs<C, E>, Figure>> en : study.figures(c).entrySet()) {
        figures.put(slug.isEmpty() ? en.getKey() : en.getKey() + "-" + slug, en.getValue().apply(runs));
      }
    }
    Table sum = summary.table();
    Table agg = summary.aggregate();
    Map<String, String> settings = sweep.describe();
    StringBuilder report = new StringBuilder();
    report.append("# ").append(study.name()).append(": ").append(study.description()).append("\n\n");
    String science = study.report(sweep.base());
    if (!science.isBlank()) {
      report.append(science.strip()).append("\n\n");
    }
    report.append("## Results over ").append(sweep.seeds().size()).append(sweep.seeds().size() == 1 ? " seed" : " seeds")
        .append(" (mean ± sd, range)\n\n").append(Markdown.table(summary.compact())).append('\n');
    report.append("## Runs\n\n").append(Markdown.table(sum)).append('\n');
    report.append("## Settings\n\n");
    settings.forEach((k, v) -> report.append("- ").append(k).append(" = ").append(v).append('\n'));
    report.append(String.format(Locale.ROOT, "%n%d cells on %s in %.1f s.%n", tasks.size(), engineName, wall));
    return new Result(study.name(), study.description(), sum, agg, histories, figures, report.toString(), settings);
  }

  private static String slug(Map<String, String> combo) {
    StringBuilder sb = new StringBuilder();
    combo.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "-").append(k).append('-').append(v));
    return sb.toString().replace(',', '_').replace(';', '_');
  }

  /** Builds the summary, its aggregate over seeds and the report's compact version. */
  private static final class Summary {
    private final List<String> swept;
    private final List<String> tags;
    private final List<String> metrics;
    private final List<Map<String, String>> settingRows = new ArrayList<>();
    private final List<Arm<?, ?>> armRows = new ArrayList<>();
    private final List<Integer> seeds = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    Summary(List<String> swept, List<String> tags, List<String> metrics) {
      this.swept = swept;
      this.tags = tags;
      this.metrics = metrics;
    }

    void add(Map<String, String> setting, Arm<?, ?> arm, int seed, Map<String, Double> m, double seconds) {
      settingRows.add(setting);
      armRows.add(arm);
      seeds.add(seed);
      double[] v = new double[metrics.size() + 1];
      for (int j = 0; j < metrics.size(); j++) {
        Double x = m.get(metrics.get(j));
        v[j] = x == null ? Double.NaN : x;
      }
      v[metrics.size()] = seconds;
      values.add(v);
    }

    /** The leading columns (swept settings, arm, tags) for the given rows. */
    private Table keys(String name, List<Integer> rows) {
      Table t = Table.create(name);
      for (String k : swept) {
        List<String> col = rows.stream().map(i -> settingRows.get(i).get(k)).toList();
        t.addColumns(numeric(col) ? DoubleColumn.create(k, col.stream().mapToDouble(Double::parseDouble).toArray())
            : StringColumn.create(k, col));
      }
      t.addColumns(StringColumn.create("arm", rows.stream().map(i -> armRows.get(i).label()).toList()));
      for (String k : tags) {
        List<String> col = rows.stream().map(i -> {
          Object o = armRows.get(i).tags().get(k);
          return o == null ? "" : String.valueOf(o);
        }).toList();
        t.addColumns(numeric(col) ? DoubleColumn.create(k, col.stream()
            .mapToDouble(x -> x.isEmpty() ? Double.NaN : Double.parseDouble(x)).toArray()) : StringColumn.create(k, col));
      }
      return t;
    }

    Table table() {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < seeds.size(); i++) {
        all.add(i);
      }
      Table t = keys("summary", all);
      t.addColumns(IntColumn.create("seed", seeds.stream().mapToInt(Integer::intValue).toArray()));
      for (int j = 0; j <= metrics.size(); j++) {
        final int jj = j;
        t.addColumns(DoubleColumn.create(j < metrics.size() ? metrics.get(j) : "seconds",
            values.stream().mapToDouble(v -> v[jj]).toArray()));
      }
      return t;
    }

    /** Row groups of one (setting, arm, tags), in first-seen order. */
    private List<List<Integer>> groups() {
      Map<String, List<Integer>> g = new LinkedHashMap<>();
      for (int i = 0; i < seeds.size(); i++) {
        String key = settingRows.get(i) + "|" + armRows.get(i).label() + "|" + armRows.get(i).tags();
        g.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
      }
      return new ArrayList<>(g.values());
    }

    Table aggregate() {
      List<List<Integer>> groups = groups();
      Table t = keys("aggregate", groups.stream().map(gr -> gr.get(0)).toList());
      t.addColumns(IntColumn.create("seeds", groups.stream().mapToInt(List::size).toArray()));
      for (int j = 0; j <= metrics.size(); j++) {
        String m = j < metrics.size() ? metrics.get(j) : "seconds";
        double[][] st = new double[4][groups.size()];
        for (int g = 0; g < groups.size(); g++) {
          double[] s = stats(groups.get(g), j);
          for (int q = 0; q < 4; q++) {
            st[q][g] = s[q];
          }
        }
        t.addColumns(DoubleColumn.create(m + "_mean", st[0]), DoubleColumn.create(m + "_sd", st[1]),
            DoubleColumn.create(m + "_min", st[2]), DoubleColumn.create(m + "_max", st[3]));
      }
      return t;
    }

    /** The aggregate as text: "mean ± sd (min–max)" per metric, for the report. */
    Table compact() {
      List<List<Integer>> groups = groups();
      Table t = keys("results", groups.stream().map(gr -> gr.get(0)).toList());
      t.addColumns(IntColumn.create("seeds", groups.stream().mapToInt(List::size).toArray()));
      for (int j = 0; j <= metrics.size(); j++) {
        List<String> col = new ArrayList<>();
        for (List<Integer> gr : groups) {
          double[] s = stats(gr, j);
          col.add(gr.size() == 1 ? fmt(s[0]) : fmt(s[0]) + " ± " + fmt(s[1]) + " (" + fmt(s[2]) + "–" + fmt(s[3]) + ")");
        }
        t.addColumns(StringColumn.create(j < metrics.size() ? metrics.get(j) : "seconds", col));
      }
      return t;
    }

    /** mean, sd (n - 1; NaN for one value), min, max of column j over rows. */
    private double[] stats(List<Integer> rows, int j) {
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i : rows) {
        double x = values.get(i)[j];
        sum += x;
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      double mean = sum / rows.size();
      double ss = 0;
      for (int i : rows) {
        ss += (values.get(i)[j] - mean) * (values.get(i)[j] - mean);
      }
      double sd = rows.size() > 1 ? Math.sqrt(ss / (rows.size() - 1)) : Double.NaN;
      if (Double.isNaN(mean)) {
        min = Double.NaN;
        max = Double.NaN;
      }
      return new double[] {mean, sd, min, max};
    }

    private static String fmt(double x) {
      if (Double.isNaN(x)) {
        return "–";
      }
      if (x == 0 || (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5)) {
        return String.format(Locale.ROOT, "%.4g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
      }
      return String.format(Locale.ROOT, "%.3e", x);
    }

    private static boolean numeric(List<String> col) {
      for (String s : col) {
        if (s.isEmpty()) {
          continue;
        }
        try {
          Double.parseDouble(s);
        } catch (NumberFormatException e) {
          return false;
        }
      }
      return col.stream().anyMatch(s -> !s.isEmpty());
    }
  }
}
