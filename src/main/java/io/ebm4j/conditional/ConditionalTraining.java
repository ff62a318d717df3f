package io.ebm4j.conditional;

import io.ebm4j.nd.Batches;
import io.ebm4j.progress.Progress;
import io.ebm4j.random.Rng;
import io.ebm4j.train.Run;
import io.ebm4j.train.TrainingDivergedException;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Minibatch training of a conditional energy by a loss of the energies: each step draws a minibatch (a fresh seeded
 * permutation of the rows every epoch), evaluates E [B, K], the loss and its derivative G = dL/dE / B, turns G into
 * the parameter gradient with one {@link ConditionalEnergy#backward} pass, adds an optional L2 weight decay, and lets
 * an ND4J updater (SGD, Adam, ...) make the step. After every epoch (and before the first) the history gets a row:
 * step, epoch, seconds, the mean loss and the accuracy of argmin_y E on the whole training set, and each tracked
 * quantity.
 *
 * <pre>{@code
 * Run<LogitEnergy> run = ConditionalTraining.of(ConditionalEnergies.linear(4, 3, 1L))
 *     .data(x, labels).loss(Losses.nll(1.0)).optimizer(new Adam(1e-2)).epochs(50).batchSize(16).seed(3)
 *     .track("testAccuracy", m -> Inference.accuracy(m, xTest, yTest))
 *     .run();
 * run.model();                  // the trained copy; the starting model is unchanged
 * run.history();                // step, epoch, seconds, loss, trainAccuracy, testAccuracy
 * }</pre>
 *
 * @param <E> the model's type
 */
public final class ConditionalTraining<E extends ConditionalEnergy> {
  private final E start;
  private INDArray x;
  private int[] labels;
  private Loss loss;
  private IUpdater updater = new Sgd(0.01);
  private int epochs = 10;
  private int batchSize = 32;
  private long seed;
  private double weightDecay;
  private String label;
  private Progress progress = Progress.silent();
  private final Map<String, ToDoubleFunction<? super E>> tracked = new LinkedHashMap<>();

  private ConditionalTraining(E start) {
    this.start = start;
  }

  /** Training of a copy of this model (the model itself is left unchanged). */
  public static <E extends ConditionalEnergy> ConditionalTraining<E> of(E model) {
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    return new ConditionalTraining<>(model);
  }

  /** The training inputs x [N, d] and their answers in {0..K-1}. */
  public ConditionalTraining<E> data(INDArray inputs, int[] answers) {
    INDArray xs = Batches.requireBatch(inputs, start.dim(), "x");
    if (answers == null || answers.length != xs.rows()) {
      throw new IllegalArgumentException("labels must have one entry per row of x (" + xs.rows() + "), got "
          + (answers == null ? "null" : String.valueOf(answers.length)));
    }
    for (int i = 0; i < answers.length; i++) {
      if (answers[i] < 0 || answers[i] >= start.classes()) {
        throw new IllegalArgumentException("labels must be in [0, " + (start.classes() - 1) + "], got " + answers[i]
            + " at " + i);
      }
    }
    this.x = xs;
    this.labels = answers.clone();
    return this;
  }

  /** The loss (see {@link Losses}). */
  public ConditionalTraining<E> loss(Loss l) {
    if (l == null) {
      throw new IllegalArgumentException("loss must not be null");
    }
    this.loss = l;
    return this;
  }

  /** An ND4J updater configuration, e.g. {@code new Adam(1e-2)} (default Sgd(0.01)). */
  public ConditionalTraining<E> optimizer(IUpdater u) {
    if (u == null) {
      throw new IllegalArgumentException("optimizer must not be null");
    }
    this.updater = u;
    return this;
  }

  /** Passes over the training set (default 10). */
  public ConditionalTraining<E> epochs(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + n);
    }
    this.epochs = n;
    return this;
  }

  /** Rows per step (default 32; the last step of an epoch takes the remainder). */
  public ConditionalTraining<E> batchSize(int b) {
    if (b < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + b);
    }
    this.batchSize = b;
    return this;
  }

  /**
   * L2 weight decay lambda >= 0 (default 0): the step minimises the loss plus lambda |theta|^2 / 2, i.e. lambda theta
   * is added to the gradient before the updater sees it.
   */
  public ConditionalTraining<E> weightDecay(double lambda) {
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("weightDecay must be non-negative and finite, got " + lambda);
    }
    this.weightDecay = lambda;
    return this;
  }

  /** Seed of the minibatch order. */
  public ConditionalTraining<E> seed(long s) {
    this.seed = s;
    return this;
  }

  /** Name of the run's history table and progress line. */
  public ConditionalTraining<E> label(String name) {
    this.label = name;
    return this;
  }

  /** A progress display (default silent); one step per epoch. */
  public ConditionalTraining<E> progress(Progress p) {
    if (p == null) {
      throw new IllegalArgumentException("progress must not be null");
    }
    this.progress = p;
    return this;
  }

  /** A history column computed from the model after every epoch (e.g. a test accuracy). */
  public ConditionalTraining<E> track(String name, ToDoubleFunction<? super E> f) {
    if (name == null || name.isBlank() || f == null) {
      throw new IllegalArgumentException("track needs a name and a function, got '" + name + "'");
    }
    tracked.put(name, f);
    return this;
  }

  /** Runs the training. */
  @SuppressWarnings("unchecked")
  public Run<E> run() {
    if (x == null) {
      throw new IllegalStateException("no training data: call data(x, labels) first");
    }
    if (loss == null) {
      throw new IllegalStateException("no loss: call loss(Losses.xxx(...)) first");
    }
    long t0 = System.nanoTime();
    E model = (E) start.copy();
    int n = (int) x.rows();
    int d = start.dim();
    int k = start.classes();
    int b = Math.min(batchSize, n);
    int p = model.numParams();
    INDArray params = model.params();
    INDArray grad = Batches.zeros(p);
    INDArray grad2 = grad.reshape(1, p);
    long stateSize = updater.stateSize(p);
    INDArray state = stateSize > 0 ? Batches.zeros(1, stateSize) : null;
    GradientUpdater<?> opt = updater.instantiate(state, true);
    Rng rng = new Rng(seed);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    DoubleBuffer xb = Batches.buffer(x);
    Map<Integer, INDArray[]> buffers = new LinkedHashMap<>();
    int[] batchLabels = new int[b];
    List<double[]> rows = new ArrayList<>();
    List<String> names = new ArrayList<>(List.of("epoch", "seconds", "loss", "trainAccuracy"));
    names.addAll(tracked.keySet());
    String name = label != null ? label : loss.name();
    progress.start(name, epochs);
    int step = 0;
    try {
      rows.add(record(model, 0, 0, t0, names.size()));
      for (int epoch = 1; epoch <= epochs; epoch++) {
        for (int i = n - 1; i > 0; i--) {
          int j = rng.nextInt(i + 1);
          int t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
        }
        for (int from = 0; from < n; from += b) {
          int m = Math.min(b, n - from);
          INDArray[] buf = buffers.computeIfAbsent(m, r -> new INDArray[] {Batches.zeros(r, d), Batches.zeros(r, k),
              Batches.zeros(r, k)});
          DoubleBuffer bb = Batches.buffer(buf[0]);
          int[] yb = m == b ? batchLabels : new int[m];
          for (int r = 0; r < m; r++) {
            int src = perm[from + r];
            for (int c = 0; c < d; c++) {
              bb.put(r * d + c, xb.get(src * d + c));
            }
            yb[r] = labels[src];
          }
          model.energies(buf[0], buf[1]);
          double value = loss.evaluate(buf[1], yb, buf[2]);
          if (!Double.isFinite(value)) {
            throw new TrainingDivergedException(step, "loss", value);
          }
          grad.assign(0);
          model.backward(buf[0], buf[2], 1.0 / m, grad, null);
          if (weightDecay > 0) {
            grad.addi(params.mul(weightDecay));
          }
          opt.applyUpdater(grad2, step, epoch - 1);
          params.subi(grad);
          step++;
        }
        double[] row = record(model, step, epoch, t0, names.size());
        rows.add(row);
        if (!Double.isFinite(row[3])) {
          throw new TrainingDivergedException(step, "loss", row[3]);
        }
        Map<String, Double> shown = new LinkedHashMap<>();
        shown.put("loss", row[3]);
        shown.put("trainAccuracy", row[4]);
        progress.step(epoch, shown);
      }
    } finally {
      progress.close();
    }
    Table history = Table.create(name);
    history.addColumns(IntColumn.create("step", rows.stream().mapToInt(r -> (int) r[0]).toArray()));
    for (int c = 0; c < names.size(); c++) {
      final int col = c + 1;
      history.addColumns(DoubleColumn.create(names.get(c), rows.stream().mapToDouble(r -> r[col]).toArray()));
    }
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put("energy", start.toString());
    prov.put("loss", loss.toString());
    prov.put("optimizer", updater.toString());
    prov.put("weightDecay", String.valueOf(weightDecay));
    prov.put("epochs", String.valueOf(epochs));
    prov.put("batchSize", String.valueOf(batchSize));
    prov.put("seed", String.valueOf(seed));
    prov.put("dataRows", String.valueOf(n));
    return new Run<>(history, model, null, (System.nanoTime() - t0) / 1e9, prov);
  }

  /** A history row: step, epoch, seconds, mean training loss, training accuracy, tracked values. */
  private double[] record(E model, int step, int epoch, long t0, int columns) {
    double[] row = new double[columns + 1];
    INDArray e = model.energies(x);
    row[0] = step;
    row[1] = epoch;
    row[2] = (System.nanoTime() - t0) / 1e9;
    row[3] = loss.evaluate(e, labels, null) / labels.length;
    int[] y = Inference.argmin(e);
    int hit = 0;
    for (int i = 0; i < y.length; i++) {
      hit += y[i] == labels[i] ? 1 : 0;
    }
    row[4] = hit / (double) y.length;
    int c = 5;
    for (ToDoubleFunction<? super E> f : tracked.values()) {
      row[c++] = f.applyAsDouble(model);
    }
    return row;
  }
}
