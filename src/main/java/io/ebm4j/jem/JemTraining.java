package io.ebm4j.jem;

import io.ebm4j.nd.Batches;
import io.ebm4j.progress.Progress;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.train.Run;
import io.ebm4j.train.TrainingDivergedException;
import java.nio.DoubleBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Trains a {@link JointEnergyModel} on log p(y | x) + log p(x) (Grathwohl et al., "Your Classifier is Secretly an
 * Energy Based Model and You Should Treat It Like One", ICLR 2020, https://arxiv.org/abs/1912.03263). Each Adam step
 * descends
 *
 * <pre>
 *   L = CE(x, y) + generativeWeight [ mean E(x + dataNoise eps) - mean E(x~) + energyPenalty (mean E(x)^2 + mean E(x~)^2) ]
 * </pre>
 *
 * whose second term is the maximum-likelihood gradient of log p(x) = -E(x) - log Z with the negatives x~ drawn by
 * {@link Sgld} from a persistent replay buffer (each buffer sample restarted from uniform noise on [low, high]^d with
 * probability reinitProbability). With generativeWeight 0 it is the same network trained as a plain classifier.
 *
 * <pre>{@code
 * JointEnergyModel m = JemTraining.of(JemConfig.defaults()).fit(x, labels);   // x in [-1, 1]^d, labels 0..K-1
 * INDArray p = m.predictProbabilities(xTest);
 * Run<JointEnergyModel> run = JemTraining.of(JemConfig.defaults()).run(x, labels); // with the history
 * }</pre>
 */
public final class JemTraining {
  private final JemConfig config;
  private Progress progress = Progress.silent();
  private String label = "jem";

  private JemTraining(JemConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    this.config = config;
  }

  public static JemTraining of(JemConfig config) {
    return new JemTraining(config);
  }

  /** Progress reporting (silent by default), under a label. */
  public JemTraining progress(Progress p, String label) {
    this.progress = p == null ? Progress.silent() : p;
    this.label = label == null ? "jem" : label;
    return this;
  }

  /** Fits a new model (classes = max label + 1) to features x [N, d] and labels, and returns it. */
  public JointEnergyModel fit(INDArray x, int[] labels) {
    return run(x, labels).model();
  }

  /**
   * Fits a new model and returns the run: history (step, crossEntropy, batch accuracy, energyData, energySamples), the
   * model, and the replay buffer as walkers (null for a plain classifier).
   */
  public Run<JointEnergyModel> run(INDArray x, int[] labels) {
    int classes = 0;
    for (int y : labels == null ? new int[0] : labels) {
      classes = Math.max(classes, y + 1);
    }
    JointEnergyModel m = JointEnergyModel.builder((int) x.columns(), Math.max(2, classes))
        .hidden(config.hiddenArray()).seed(config.seed()).build();
    return run(m, x, labels);
  }

  /** Trains a copy of start (the argument is unchanged). */
  public Run<JointEnergyModel> run(JointEnergyModel start, INDArray x, int[] labels) {
    JointEnergyModel m = start.copy();
    INDArray data = Batches.requireBatch(x, m.dim(), "x");
    int n = (int) data.rows();
    if (labels == null || labels.length != n) {
      throw new IllegalArgumentException("labels must have one entry per row of x (" + n + "), got "
          + (labels == null ? "null" : String.valueOf(labels.length)));
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= m.classes()) {
        throw new IllegalArgumentException("labels must be in [0, " + m.classes() + "), got " + labels[i] + " at " + i);
      }
    }
    JemConfig c = config;
    int d = m.dim();
    int b = c.batchSize();
    int p = m.numParams();
    boolean generative = c.generativeWeight() > 0;
    Rng rng = new Rng(c.seed());
    Rng batchRng = rng.split();
    Rng sampleRng = rng.split();
    INDArray buffer = generative ? uniform(c.bufferSize(), d, sampleRng) : null;
    double[] db = Batches.toArray(data);
    INDArray xb = Batches.zeros(b, d);
    DoubleBuffer xbb = Batches.buffer(xb);
    int[] yb = new int[b];
    INDArray xs = Batches.zeros(b, d);
    DoubleBuffer xsb = Batches.buffer(xs);
    INDArray xn = Batches.zeros(b, d);
    DoubleBuffer xnb = Batches.buffer(xn);
    int[] slots = new int[b];
    INDArray w = Batches.zeros(b);
    DoubleBuffer wb = Batches.buffer(w);
    INDArray grad = Batches.zeros(p);
    INDArray grad2 = grad.reshape(1, p);
    Adam adam = new Adam(c.learningRate());
    long stateSize = adam.stateSize(p);
    GradientUpdater<?> opt = adam.instantiate(Batches.zeros(1, stateSize), true);
    IntColumn stepCol = IntColumn.create("step");
    DoubleColumn ceCol = DoubleColumn.create("crossEntropy");
    DoubleColumn accCol = DoubleColumn.create("accuracy");
    DoubleColumn edCol = DoubleColumn.create("energyData");
    DoubleColumn esCol = DoubleColumn.create("energySamples");
    long t0 = System.nanoTime();
    progress.start(label, c.steps());
    for (int t = 1; t <= c.steps(); t++) {
      for (int i = 0; i < b; i++) {
        int r = batchRng.nextInt(n);
        yb[i] = labels[r];
        for (int j = 0; j < d; j++) {
          xbb.put(i * d + j, db[r * d + j]);
        }
      }
      grad.assign(0);
      double ce = m.accumulateCrossEntropyGradient(xb, yb, 1.0 / b, grad);
      double eData = Double.NaN;
      double eSamples = Double.NaN;
      if (generative) {
        DoubleBuffer bb = Batches.buffer(buffer);
        double span = c.high() - c.low();
        for (int i = 0; i < b; i++) {
          slots[i] = sampleRng.nextInt(c.bufferSize());
          boolean restart = sampleRng.uniform() < c.reinitProbability();
          for (int j = 0; j < d; j++) {
            xsb.put(i * d + j, restart ? c.low() + span * sampleRng.uniform() : bb.get(slots[i] * d + j));
          }
        }
        Sgld.run(m, xs, c.sgldSteps(), c.stepSize(), c.noise(), sampleRng);
        for (int i = 0; i < b; i++) {
          for (int j = 0; j < d; j++) {
            bb.put(slots[i] * d + j, xsb.get(i * d + j));
          }
        }
        sampleRng.fillNormal(xnb, b * d);
        for (int q = 0; q < b * d; q++) {
          xnb.put(q, xbb.get(q) + c.dataNoise() * xnb.get(q));
        }
        INDArray ed = m.energy(xn);
        INDArray es = m.energy(xs);
        eData = ed.meanNumber().doubleValue();
        eSamples = es.meanNumber().doubleValue();
        double gw = c.generativeWeight() / b;
        double[] edb = Batches.toArray(ed);
        double[] esb = Batches.toArray(es);
        for (int i = 0; i < b; i++) {
          wb.put(i, 1 + 2 * c.energyPenalty() * edb[i]);
        }
        m.accumulateParamGradient(xn, w, gw, grad);
        for (int i = 0; i < b; i++) {
          wb.put(i, -1 + 2 * c.energyPenalty() * esb[i]);
        }
        m.accumulateParamGradient(xs, w, gw, grad);
      }
      double gn = grad.norm2Number().doubleValue();
      if (!Double.isFinite(gn)) {
        throw new TrainingDivergedException(t, "gradient norm", gn);
      }
      opt.applyUpdater(grad2, t, 0);
      m.params().subi(grad);
      if (t % c.logEvery() == 0 || t == c.steps()) {
        int[] pred = m.predict(xb);
        double acc = 0;
        for (int i = 0; i < b; i++) {
          acc += pred[i] == yb[i] ? 1.0 / b : 0;
        }
        stepCol.append(t);
        ceCol.append(ce);
        accCol.append(acc);
        edCol.append(eData);
        esCol.append(eSamples);
        progress.step(t, Map.of("crossEntropy", ce, "energyData", eData));
      }
    }
    progress.close();
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put("method", generative ? "jem" : "classifier");
    prov.put("config", c.toString());
    return new Run<>(Table.create(label, stepCol, ceCol, accCol, edCol, esCol), m,
        generative ? Chains.of(buffer, d, false) : null, seconds, prov);
  }

  private INDArray uniform(int rows, int d, Rng rng) {
    INDArray a = Batches.zeros(rows, d);
    DoubleBuffer ab = Batches.buffer(a);
    double span = config.high() - config.low();
    for (int q = 0; q < rows * d; q++) {
      ab.put(q, config.low() + span * rng.uniform());
    }
    return a;
  }
}
