package io.ebm4j.train;

import io.ebm4j.energy.ExactNormalizer;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.progress.Progress;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The training loop, configured fluently. Each step k: record the state at theta_k, estimate the gradient of the
 * loss with the {@link Method} on a data minibatch, let the ND4J updater turn it into a step, subtract it from the
 * parameters, and let the method move its walkers. Non-finite gradients or parameters stop the run with a
 * {@link TrainingDivergedException} naming the step and the quantity. Training works on a copy of the energy.
 *
 * <p>The configuration is generic in the energy type {@code E}, so trackers, listeners and the resulting
 * {@link Run#model()} see the energy's own class without casts.
 *
 * <pre>{@code
 * Run<TwoWells> run = Ebm.train(Energies.twoWells(-10, 10).withMassOfB(0.5))
 *     .on(data)
 *     .method(Methods.jarzynski(Kernels.ula(0.1)).walkers(10_000))
 *     .optimizer(new Sgd(0.05))
 *     .steps(3000).seed(42)
 *     .track("massOfB", TwoWells::massOfB)
 *     .run();
 * double q = run.model().massOfB();
 * }</pre>
 *
 * @param <E> the energy's type
 */
public final class Training<E extends TrainableEnergy> {
  private final E energy;
  private INDArray data;
  private Method method;
  private IUpdater updater = new Sgd(0.01);
  private int steps = 1000;
  private int batchSize;
  private long seed;
  private int logEvery = 1;
  private String label;
  private Progress progress = Progress.silent();
  private final Map<String, ToDoubleFunction<? super E>> tracked = new LinkedHashMap<>();
  private final List<StepListener<? super E>> listeners = new ArrayList<>();
  private final List<double[]> scales = new ArrayList<>(); // {from, to, factor}
  private double weightDecay;
  private double clipNorm = Double.POSITIVE_INFINITY;
  private Checkpoints checkpoints;
  private int checkpointEvery;
  private double checkpointSeconds;
  private Checkpoints resumeFrom;
  private int retries;
  private double retryFactor = 1;

  public Training(E energy) {
    if (energy == null) {
      throw new IllegalArgumentException("energy must not be null");
    }
    this.energy = energy;
  }

  /** Training data [n, d] (validated: shape, finite, non-empty). */
  public Training<E> on(INDArray data) {
    this.data = Batches.requireBatch(data, energy.dim(), "data");
    return this;
  }

  /**
   * Training data from numeric columns of a table, in the order given, as an [n, k] double array (k must be the
   * energy's dimension). A missing or non-numeric column, or a missing value, fails naming the column.
   *
   * <pre>{@code
   * Table t = Table.read().csv("points.csv");
   * Ebm.train(model).on(t, "x", "y").method(Methods.pcd(10)).run();
   * }</pre>
   */
  public Training<E> on(tech.tablesaw.api.Table table, String... columns) {
    if (table == null) {
      throw new IllegalArgumentException("table must not be null");
    }
    if (columns == null || columns.length == 0) {
      throw new IllegalArgumentException("columns must name at least one column of table '" + table.name()
          + "'; columns: " + String.join(", ", table.columnNames()));
    }
    int n = table.rowCount();
    int k = columns.length;
    INDArray x = Batches.zeros(Math.max(n, 1), k);
    DoubleBuffer xb = Batches.buffer(x);
    for (int j = 0; j < k; j++) {
      String c = columns[j];
      if (c == null || !table.containsColumn(c)) {
        throw new IllegalArgumentException("column '" + c + "' not found in table '" + table.name()
            + "'; columns: " + String.join(", ", table.columnNames()));
      }
      if (!(table.column(c) instanceof tech.tablesaw.api.NumericColumn<?> col)) {
        throw new IllegalArgumentException("column '" + c + "' of table '" + table.name() + "' must be numeric, got "
            + table.column(c).type().name());
      }
      for (int i = 0; i < n; i++) {
        if (col.isMissing(i)) {
          throw new IllegalArgumentException("column '" + c + "' of table '" + table.name()
              + "' has a missing value at row " + i);
        }
        xb.put(i * k + j, col.getDouble(i));
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("table '" + table.name() + "' must hold at least one row, got 0");
    }
    return on(x);
  }

  /**
   * Training data from numeric columns of a CSV file with a header row (read with Tablesaw); see
   * {@link #on(tech.tablesaw.api.Table, String...)}.
   *
   * <pre>{@code
   * Ebm.train(model).onCsv(Path.of("points.csv"), "x", "y").method(Methods.exact()).run();
   * }</pre>
   */
  public Training<E> onCsv(java.nio.file.Path csv, String... columns) {
    if (csv == null || !java.nio.file.Files.isRegularFile(csv)) {
      throw new IllegalArgumentException("csv must be a readable file, got " + csv);
    }
    tech.tablesaw.api.Table t;
    try {
      t = tech.tablesaw.api.Table.read().csv(tech.tablesaw.io.csv.CsvReadOptions.builder(csv.toFile())
          .tableName(csv.getFileName().toString()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("csv " + csv + " could not be read: " + e.getMessage(), e);
    }
    return on(t, columns);
  }

  /** The gradient estimator (required). */
  public Training<E> method(Method m) {
    this.method = m;
    return this;
  }

  /** An ND4J updater configuration, e.g. {@code new Sgd(0.05)} or {@code new Adam(1e-3)} (default Sgd(0.01)). */
  public Training<E> optimizer(IUpdater u) {
    this.updater = u;
    return this;
  }

  /** Number of parameter updates K (at least 1). */
  public Training<E> steps(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + k);
    }
    this.steps = k;
    return this;
  }

  /** Minibatch size B drawn with replacement each step; 0 (the default) means the full data every step. */
  public Training<E> batchSize(int b) {
    if (b < 0) {
      throw new IllegalArgumentException("batchSize must be >= 0 (0 = full batch), got " + b);
    }
    this.batchSize = b;
    return this;
  }

  /** Seed of every random choice of the run. */
  public Training<E> seed(long s) {
    this.seed = s;
    return this;
  }

  /** Record a history row every n steps (and at the last step). */
  public Training<E> logEvery(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("logEvery must be at least 1, got " + n);
    }
    this.logEvery = n;
    return this;
  }

  /** A history column computed from the model at every logged step. */
  public Training<E> track(String column, ToDoubleFunction<? super E> f) {
    if (column == null || column.isBlank() || f == null) {
      throw new IllegalArgumentException("track needs a column name and a function, got column '" + column + "'");
    }
    tracked.put(column, f);
    return this;
  }

  /**
   * Multiplies the gradient of parameters [from, to) by factor before the updater sees it: with SGD this gives
   * those parameters their own learning rate (lr * factor). Factors of several calls multiply.
   */
  public Training<E> scaleGradient(int from, int to, double factor) {
    if (from < 0 || to > energy.numParams() || from >= to) {
      throw new IllegalArgumentException("scaleGradient range must lie in [0, " + energy.numParams()
          + ") and be non-empty, got [" + from + ", " + to + ")");
    }
    if (!(factor >= 0) || !Double.isFinite(factor)) {
      throw new IllegalArgumentException("scaleGradient factor must be finite and >= 0, got " + factor);
    }
    scales.add(new double[] {from, to, factor});
    return this;
  }

  /**
   * L2 weight decay: adds lambda * theta to the gradient (the loss gains lambda |theta|^2 / 2) before clipping,
   * scaling and the updater.
   */
  public Training<E> weightDecay(double lambda) {
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("weightDecay must be finite and >= 0, got " + lambda);
    }
    this.weightDecay = lambda;
    return this;
  }

  /** Rescales the gradient to Euclidean norm c whenever it is longer (after weight decay, before the updater). */
  public Training<E> clipGradientNorm(double c) {
    if (!(c > 0)) {
      throw new IllegalArgumentException("clipGradientNorm must be positive, got " + c);
    }
    this.clipNorm = c;
    return this;
  }

  /**
   * Multiplies the gradient of every parameter whose name (see {@link TrainableEnergy#paramNames()}) matches the
   * glob {@code names} ({@code *} matches any run of characters, e.g. {@code "mu*"}) by factor: with SGD this gives
   * those parameters their own learning rate. A pattern that matches no parameter fails, naming the known ones.
   */
  public Training<E> scaleGradient(String names, double factor) {
    for (int[] range : matching(names)) {
      scaleGradient(range[0], range[1], factor);
    }
    return this;
  }

  /** Keeps the parameters whose names match any of the globs fixed (e.g. {@code freeze("alpha0")}). */
  public Training<E> freeze(String... names) {
    for (String n : names) {
      scaleGradient(n, 0.0);
    }
    return this;
  }

  /** Maximal runs [from, to) of consecutive parameters whose names match the glob. */
  private List<int[]> matching(String glob) {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("parameter name pattern must not be blank, got '" + glob + "'");
    }
    Pattern p = Pattern.compile(("\\Q" + glob + "\\E").replace("*", "\\E.*\\Q"));
    String[] names = energy.paramNames();
    List<int[]> out = new ArrayList<>();
    for (int j = 0; j < names.length; j++) {
      if (p.matcher(names[j]).matches()) {
        if (!out.isEmpty() && out.get(out.size() - 1)[1] == j) {
          out.get(out.size() - 1)[1] = j + 1;
        } else {
          out.add(new int[] {j, j + 1});
        }
      }
    }
    if (out.isEmpty()) {
      String known = names.length <= 12 ? String.join(", ", names)
          : String.join(", ", java.util.Arrays.copyOf(names, 12)) + ", ... (" + names.length + " in all)";
      throw new IllegalArgumentException("no parameter matches '" + glob + "'; parameters: " + known);
    }
    return out;
  }

  /** Keeps the given parameters fixed (their gradient is zeroed, which leaves them unchanged for SGD and Adam). */
  public Training<E> freeze(int... indices) {
    for (int i : indices) {
      scaleGradient(i, i + 1, 0.0);
    }
    return this;
  }

  /** A listener called at every step. */
  public Training<E> listen(StepListener<? super E> l) {
    listeners.add(l);
    return this;
  }

  /** Progress display (default silent); {@code Progress.auto()} picks terminal or notebook. */
  public Training<E> progress(Progress p) {
    this.progress = p == null ? Progress.silent() : p;
    return this;
  }

  /** Label used by progress displays and the history table's name. */
  public Training<E> label(String l) {
    this.label = l;
    return this;
  }

  /**
   * Saves the run's whole state to {@code store} every {@link #checkpointEvery} steps and/or every
   * {@link #checkpointEverySeconds} seconds (see {@link Checkpoint}).
   */
  public Training<E> checkpoints(Checkpoints store) {
    if (store == null) {
      throw new IllegalArgumentException("checkpoints store must not be null");
    }
    this.checkpoints = store;
    return this;
  }

  /** Checkpoint at every step that is a multiple of n (n >= 1). */
  public Training<E> checkpointEvery(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("checkpointEvery must be at least 1, got " + n);
    }
    this.checkpointEvery = n;
    return this;
  }

  /** Checkpoint whenever at least this many seconds passed since the last one (seconds > 0). */
  public Training<E> checkpointEverySeconds(double seconds) {
    if (!(seconds > 0) || !Double.isFinite(seconds)) {
      throw new IllegalArgumentException("checkpointEverySeconds must be positive and finite, got " + seconds);
    }
    this.checkpointSeconds = seconds;
    return this;
  }

  /**
   * Continues from the latest checkpoint in {@code store}, if there is one (otherwise starts afresh). The
   * configuration must be the one the checkpoint was written with; a different one fails, naming what differs.
   */
  public Training<E> resumeFrom(Checkpoints store) {
    if (store == null) {
      throw new IllegalArgumentException("resumeFrom store must not be null");
    }
    this.resumeFrom = store;
    return this;
  }

  /**
   * On divergence, goes back to the last good checkpoint (the last one saved, see {@link #checkpointEvery}, else the
   * start) and continues with every later parameter update multiplied by {@code factor}, at most {@code maxRetries}
   * times; the next divergence after that stops the run as usual. Scaling the update, not the gradient, shrinks the
   * step for every optimizer (Adam's step does not change when its gradients are scaled). Each retry adds a row to
   * the provenance ({@code retry1}, ...) naming the step, the quantity and the new update scale.
   *
   * <pre>{@code
   * Ebm.train(model).on(data).method(m).optimizer(new Adam(0.1)).checkpointEvery(100)
   *     .retryOnDivergence(3, 0.5)      // at most 3 retries, halving the step each time
   *     .run();
   * }</pre>
   */
  public Training<E> retryOnDivergence(int maxRetries, double factor) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be non-negative, got " + maxRetries);
    }
    if (!(factor > 0 && factor < 1)) {
      throw new IllegalArgumentException("factor must be in (0, 1), got " + factor);
    }
    this.retries = maxRetries;
    this.retryFactor = factor;
    return this;
  }

  /** Runs the training and returns its history, model and walkers. */
  public Run<E> run() {
    if (data == null) {
      throw new IllegalStateException("no training data: call on(data) first");
    }
    if (method == null) {
      throw new IllegalStateException("no method: call method(Methods.xxx(...)) first");
    }
    long t0 = System.nanoTime();
    E model = copyOf(energy);
    Rng rng = new Rng(seed);
    Rng batchRng = rng.split();
    Rng estRng = rng.split();
    Estimator est = method.start(model, data, estRng);
    int p = model.numParams();
    INDArray params = model.params();
    INDArray grad = Batches.zeros(p);
    INDArray grad2 = grad.reshape(1, p);
    long stateSize = updater.stateSize(p);
    INDArray state = stateSize > 0 ? Batches.zeros(1, stateSize) : null;
    GradientUpdater<?> opt = updater.instantiate(state, true);
    String[] names = model.paramNames();
    boolean smallParams = p <= 8;
    History history = new History();
    INDArray batchBuffer = batchSize == 0 ? null : Batches.zeros(batchSize, data.columns());
    Map<String, Double> row = new LinkedHashMap<>();
    Map<String, Double> shown = new LinkedHashMap<>();
    String name = label != null ? label : method.name();
    Map<String, String> fingerprint = fingerprint(model);
    int k0 = 0;
    if (resumeFrom != null) {
      java.util.Optional<Checkpoint> c = resumeFrom.latest();
      if (c.isPresent()) {
        k0 = restore(c.get(), fingerprint, params, state, new Rng[] {rng, batchRng, estRng}, est, history);
        t0 -= (long) (c.get().seconds() * 1e9);
      }
    }
    long lastSave = System.nanoTime();
    int lastCheckpoint = -1;
    int lastLogged = -1;
    Map<String, Double> lastRow = new LinkedHashMap<>();
    Rng[] rngs = {rng, batchRng, estRng};
    int retriesLeft = retries;
    double updateScale = 1;
    Map<String, String> retried = new LinkedHashMap<>();
    // the state to go back to on divergence: the start, then every checkpoint saved
    Checkpoint lastGood = retries > 0 ? checkpoint(k0, (System.nanoTime() - t0) / 1e9, params, state, rngs, est,
        history.table(name), fingerprint) : null;
    boolean saving = checkpoints != null || retries > 0;
    progress.start(name, steps);
    int k = k0;
    try {
      while (true) {
        try {
          for (; k <= steps; k++) {
            if (saving && k > k0 && k < steps && ((checkpointEvery > 0 && k % checkpointEvery == 0)
                || (checkpointSeconds > 0 && System.nanoTime() - lastSave >= checkpointSeconds * 1e9))) {
              Checkpoint c = checkpoint(k, (System.nanoTime() - t0) / 1e9, params, state, rngs, est,
                  history.table(name), fingerprint);
              if (checkpoints != null) {
                checkpoints.save(c);
                lastCheckpoint = k;
              }
              if (retries > 0) {
                lastGood = c;
              }
              lastSave = System.nanoTime();
            }
            boolean log = k % logEvery == 0 || k == steps;
            row.clear();
            if (log) {
              row.put("seconds", (System.nanoTime() - t0) / 1e9);
              for (Map.Entry<String, ToDoubleFunction<? super E>> en : tracked.entrySet()) {
                row.put(en.getKey(), en.getValue().applyAsDouble(model));
              }
              if (smallParams) {
                for (int j = 0; j < p; j++) {
                  row.put(names[j], params.getDouble(j));
                }
              }
              if (model instanceof ExactNormalizer z) {
                row.put("logZExact", z.logZ());
              }
              est.record(row);
              if (model instanceof ExactNormalizer && row.containsKey("logZ")) {
                row.put("logZError", row.get("logZ") - row.get("logZExact"));
              }
            }
            for (StepListener<? super E> l : listeners) {
              l.onStep(k, model, est, log ? row : null);
            }
            if (log) {
              history.add(k, row);
              lastLogged = k;
              lastRow.clear();
              lastRow.putAll(row);
              shown.clear();
              for (String key : tracked.keySet()) {
                shown.put(key, row.get(key));
              }
              for (String key : new String[] {"essFraction", "logZError", "acceptance"}) {
                if (row.containsKey(key)) {
                  shown.put(key, row.get(key));
                }
              }
              progress.step(k, shown);
            }
            if (k == steps) {
              break;
            }
            INDArray batch = batchSize == 0 ? data : minibatch(batchRng, batchBuffer);
            zero(grad);
            est.gradient(batch, grad);
            requireFinite(grad, names, k, "gradient of ");
            if (weightDecay > 0 || clipNorm < Double.POSITIVE_INFINITY) {
              regularize(grad, params);
            }
            if (!scales.isEmpty()) {
              DoubleBuffer gb = Batches.buffer(grad);
              for (double[] sc : scales) {
                for (int j = (int) sc[0]; j < (int) sc[1]; j++) {
                  gb.put(j, gb.get(j) * sc[2]);
                }
              }
            }
            opt.applyUpdater(grad2, k, 0);
            if (updateScale != 1) {
              grad.muli(updateScale);
            }
            if (params.dataType() == grad.dataType()) {
              params.subi(grad);
              requireFinite(params, names, k, "");
            } else if (isFlatFloat(params)) {
              // float32 neural energies: the gradient is accumulated in double and applied in their precision
              subtractFinite(params, grad, names, k);
            } else {
              params.subi(grad.castTo(params.dataType()));
              requireFinite(params.castTo(grad.dataType()), names, k, "");
            }
            est.afterUpdate();
            requireFiniteWalkers(est.chains(), k + 1);
          }
          break;
        } catch (TrainingDivergedException e) {
          if (retriesLeft == 0) {
            throw e.withContext(lastLogged, lastRow, lastCheckpoint);
          }
          retriesLeft--;
          updateScale *= retryFactor;
          history = new History();
          k = restore(lastGood, fingerprint, params, state, rngs, est, history);
          retried.put("retry" + (retried.size() + 1), "diverged at step " + e.step() + " (" + e.quantity()
              + "); from step " + k + " with update scale " + new java.math.BigDecimal(updateScale)
            .round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString());
          lastSave = System.nanoTime();
        }
      }
    } finally {
      progress.close();
    }
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put("energy", energy.toString());
    prov.put("method", method.name());
    prov.put("optimizer", updater.toString());
    prov.put("steps", String.valueOf(steps));
    prov.put("batchSize", String.valueOf(batchSize));
    prov.put("seed", String.valueOf(seed));
    prov.put("dataRows", String.valueOf(data.rows()));
    prov.putAll(retried);
    return new Run<>(history.table(name), model, est.chains(), (System.nanoTime() - t0) / 1e9, prov);
  }

  private static final String[] RNG_NAMES = {"rng.main", "rng.batches", "rng.method"};

  /** What identifies this run's configuration: a checkpoint resumes only into the same. */
  private Map<String, String> fingerprint(E model) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("energy", energy.getClass().getName() + " " + energy);
    f.put("numParams", String.valueOf(model.numParams()));
    f.put("method", method.name());
    f.put("optimizer", updater.toString());
    f.put("steps", String.valueOf(steps));
    f.put("batchSize", String.valueOf(batchSize));
    f.put("seed", String.valueOf(seed));
    f.put("logEvery", String.valueOf(logEvery));
    long h = 0xcbf29ce484222325L;
    java.nio.DoubleBuffer db = Batches.buffer(data);
    for (int i = 0; i < data.length(); i++) {
      h = (h ^ Double.doubleToLongBits(db.get(i))) * 0x100000001b3L;
    }
    f.put("data", data.rows() + "x" + data.columns() + " " + Long.toHexString(h));
    return f;
  }

  private Checkpoint checkpoint(int k, double seconds, INDArray params, INDArray updaterState, Rng[] rngs,
      Estimator est, tech.tablesaw.api.Table history, Map<String, String> fingerprint) {
    io.ebm4j.nd.State s = new io.ebm4j.nd.State();
    s.put("params", Batches.toArray(params.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? params
        : params.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)));
    if (updaterState != null) {
      s.put("updater", Batches.toArray(updaterState));
    }
    for (int i = 0; i < rngs.length; i++) {
      s.putLongs(RNG_NAMES[i], rngs[i].state());
    }
    est.save(s.child("estimator"));
    for (int i = 0; i < listeners.size(); i++) {
      listeners.get(i).save(s.child("listener" + i));
    }
    return new Checkpoint(Checkpoint.FORMAT_VERSION, k, seconds, s, history, fingerprint);
  }

  /** Puts a checkpoint's state back; returns the step to continue from. */
  private int restore(Checkpoint c, Map<String, String> fingerprint, INDArray params, INDArray updaterState,
      Rng[] rngs, Estimator est, History history) {
    if (!c.fingerprint().equals(fingerprint)) {
      StringBuilder diff = new StringBuilder();
      for (String key : fingerprint.keySet()) {
        if (!fingerprint.get(key).equals(c.fingerprint().get(key))) {
          diff.append(diff.length() == 0 ? "" : "; ").append(key).append(": checkpoint ")
              .append(c.fingerprint().get(key)).append(", this run ").append(fingerprint.get(key));
        }
      }
      throw new IllegalStateException("the checkpoint at step " + c.step() + " belongs to another run (" + diff
          + ")");
    }
    io.ebm4j.nd.State s = c.state();
    params.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(s.doubles("params")).castTo(params.dataType()));
    if (updaterState != null) {
      updaterState.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(s.doubles("updater"))
          .reshape(updaterState.shape()));
    }
    for (int i = 0; i < rngs.length; i++) {
      rngs[i].restore(s.longs(RNG_NAMES[i]));
    }
    est.restore(s.child("estimator"));
    for (int i = 0; i < listeners.size(); i++) {
      listeners.get(i).restore(s.child("listener" + i));
    }
    history.addAll(c.history());
    return c.step();
  }

  /** The energy's copy, checked to have the energy's own class (copy() must be covariant). */
  @SuppressWarnings("unchecked")
  private static <E extends TrainableEnergy> E copyOf(E e) {
    TrainableEnergy c = e.copy();
    if (c.getClass() != e.getClass()) {
      throw new IllegalStateException(e.getClass().getName() + ".copy() returned a " + c.getClass().getName()
          + "; copy() must return the energy's own class");
    }
    return (E) c;
  }

  private INDArray minibatch(Rng rng, INDArray buffer) {
    return WalkerInit.sampleRows(data, rng, buffer);
  }

  /** grad += weightDecay * theta, then clip to clipNorm. */
  private void regularize(INDArray grad, INDArray params) {
    DoubleBuffer gb = Batches.buffer(grad);
    int p = (int) grad.length();
    if (weightDecay > 0) {
      INDArray theta = params.dataType() == grad.dataType() ? params : params.castTo(grad.dataType());
      DoubleBuffer tb = Batches.buffer(theta);
      for (int j = 0; j < p; j++) {
        gb.put(j, gb.get(j) + weightDecay * tb.get(j));
      }
    }
    if (clipNorm < Double.POSITIVE_INFINITY) {
      double n2 = 0;
      for (int j = 0; j < p; j++) {
        n2 += gb.get(j) * gb.get(j);
      }
      double norm = Math.sqrt(n2);
      if (norm > clipNorm) {
        double f = clipNorm / norm;
        for (int j = 0; j < p; j++) {
          gb.put(j, gb.get(j) * f);
        }
      }
    }
  }

  /** Walkers whose energy or log-weight is no longer finite mean the sampler exploded (step size too large). */
  private static void requireFiniteWalkers(io.ebm4j.sample.Chains c, int step) {
    if (c == null) {
      return;
    }
    DoubleBuffer u = Batches.buffer(c.energies());
    DoubleBuffer w = Batches.buffer(c.logWeights());
    if (allFinite(u, w, c.size())) {
      return;
    }
    for (int i = 0; i < c.size(); i++) {
      if (!Double.isFinite(u.get(i))) {
        throw new TrainingDivergedException(step, "energy of walker " + i, u.get(i));
      }
      if (!Double.isFinite(w.get(i))) {
        throw new TrainingDivergedException(step, "log-weight of walker " + i, w.get(i));
      }
    }
  }

  /**
   * Whether the first n values of u and w are all finite, in blocks copied to arrays: x - x is 0 for a finite x and
   * NaN otherwise, so a block's sum of them is 0 exactly when the block is finite (a loop without branches).
   */
  private static boolean allFinite(DoubleBuffer u, DoubleBuffer w, int n) {
    final int block = io.ebm4j.nd.VecMath.BLOCK;
    double[][] scratch = FINITE_SCRATCH.get();
    double[] us = scratch[0];
    double[] ws = scratch[1];
    for (int r = 0; r < n; r += block) {
      int m = Math.min(block, n - r);
      u.get(r, us, 0, m);
      w.get(r, ws, 0, m);
      // four partial sums: the order does not matter (any NaN makes its sum NaN) and one sum waited on every add
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int i = 0;
      for (; i + 3 < m; i += 4) {
        s0 += (us[i] - us[i]) + (ws[i] - ws[i]);
        s1 += (us[i + 1] - us[i + 1]) + (ws[i + 1] - ws[i + 1]);
        s2 += (us[i + 2] - us[i + 2]) + (ws[i + 2] - ws[i + 2]);
        s3 += (us[i + 3] - us[i + 3]) + (ws[i + 3] - ws[i + 3]);
      }
      for (; i < m; i++) {
        s0 += (us[i] - us[i]) + (ws[i] - ws[i]);
      }
      if ((s0 + s1) + (s2 + s3) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Per-thread blocks for {@link #allFinite}, reused at every step (a run checks its walkers at every step). */
  private static final ThreadLocal<double[][]> FINITE_SCRATCH =
      ThreadLocal.withInitial(() -> new double[2][io.ebm4j.nd.VecMath.BLOCK]);

  /** v = 0 (a dense double vector), in Java: as a native op it would cost more than the loop. */
  private static void zero(INDArray v) {
    DoubleBuffer b = Batches.buffer(v);
    int n = (int) v.length();
    for (int j = 0; j < n; j++) {
      b.put(j, 0.0);
    }
  }

  /** Whether p is a contiguous FLOAT vector (the parameters of a single-precision neural energy). */
  private static boolean isFlatFloat(INDArray p) {
    return p.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT && (p.rank() <= 1 || p.isVector())
        && (p.length() == 1 || p.elementWiseStride() == 1);
  }

  /**
   * params -= (float) step, element by element in single precision (as ND4J's subi of the cast step would), and
   * every new value must be finite.
   */
  private static void subtractFinite(INDArray params, INDArray step, String[] names, int k) {
    java.nio.FloatBuffer pb = params.data().asNioFloat();
    int base = (int) params.offset();
    DoubleBuffer sb = Batches.buffer(step);
    int n = (int) params.length();
    for (int j = 0; j < n; j++) {
      float v = pb.get(base + j) - (float) sb.get(j);
      pb.put(base + j, v);
      if (!Float.isFinite(v)) {
        throw new TrainingDivergedException(k, "parameter " + names[j], v);
      }
    }
  }

  private static void requireFinite(INDArray v, String[] names, int step, String what) {
    DoubleBuffer b = Batches.buffer(v);
    for (int j = 0; j < v.length(); j++) {
      double x = b.get(j);
      if (!Double.isFinite(x)) {
        throw new TrainingDivergedException(step, what + "parameter " + names[j], x);
      }
    }
  }
}
