package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Sigmoid;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Minibatch SGD for RBMs: each epoch shuffles the data, and for each minibatch asks the {@link RbmMethod} for the
 * gradient of the mean negative log-likelihood, sets theta -= learningRate * gradient, and lets the method move its
 * walkers. Training works on a copy. The history has a row every {@code logEvery} epochs (default 1; epoch 0 = before
 * training, and always the last epoch) with the
 * training seconds so far ("seconds": wall time of the updates alone, the history's own measurements excluded), the
 * mean pseudo-log-likelihood of (at most the first 1000 rows of) the data, and when the smaller layer has at most
 * {@value #EXACT_LIMIT} units the exact log Z ("exactLogZ") and mean log-likelihood ("logLikelihood"); the method
 * adds its own columns (Jarzynski: "logZ", "logZRatio", "essFraction", "resamplings").
 *
 * <p>PCD with block Gibbs runs its updates itself in single-precision fused loops (minibatches of tens of rows cost
 * less there than in ND4J calls or double-precision copies of the parameters) and writes the parameters back into the
 * model, in double, before every history row; its parameters are checked for finiteness after every epoch.
 *
 * <pre>{@code
 * RbmFit fit = RbmTraining.of(Rbm.random(64, 100, 0.01, new Rng(0)).visibleBiasFrom(data))
 *     .method(RbmMethods.pcd(1).walkers(100))
 *     .learningRate(0.05).batchSize(20).epochs(30).seed(0)
 *     .fit(data);
 * Table h = fit.history();
 * }</pre>
 */
public final class RbmTraining {
  /** Largest smaller layer for which exact log Z and log-likelihood are recorded. */
  public static final int EXACT_LIMIT = 20;
  private static final int PLL_ROWS = 1000;
  private static boolean prepared;
  private final Rbm rbm;
  private RbmMethod method;
  private double learningRate = 0.05;
  private int batchSize = 20;
  private int epochs = 10;
  private long seed;
  private int logEvery = 1;

  private RbmTraining(Rbm rbm) {
    if (rbm == null) {
      throw new IllegalArgumentException("rbm must not be null");
    }
    this.rbm = rbm;
  }

  /**
   * Starts compiling PCD's fused loops in the background: their Vector API row sums and sigmoid, and the update loop
   * itself on a throwaway model. Optional: without it the first fit in a JVM runs them interpreted, then scalar, then
   * vectorised as the JIT gets to them (the same results, as every path gives the same bits), and takes about four
   * times as long as the next; calling it before loading data lets the compilation overlap the loading.
   */
  public static void prepare() {
    synchronized (RbmTraining.class) {
      if (prepared) {
        return;
      }
      prepared = true;
    }
    RowSums.prepare();
    Sigmoid.prepare();
    Thread t = new Thread(RbmPcdSgd::warmUp, "ebm4j-warm-up-rbm-pcd");
    t.setDaemon(true);
    t.start();
  }

  /** Training of (a copy of) rbm. */
  public static RbmTraining of(Rbm rbm) {
    return new RbmTraining(rbm);
  }

  /** The gradient estimator (required). */
  public RbmTraining method(RbmMethod m) {
    if (m == null) {
      throw new IllegalArgumentException("method must not be null");
    }
    this.method = m;
    return this;
  }

  /** SGD learning rate, positive and finite (default 0.05). */
  public RbmTraining learningRate(double lr) {
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("learningRate must be positive and finite, got " + lr);
    }
    this.learningRate = lr;
    return this;
  }

  /** Minibatch size B, at least 1 (default 20); the last minibatch of an epoch may be smaller. */
  public RbmTraining batchSize(int b) {
    if (b < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + b);
    }
    this.batchSize = b;
    return this;
  }

  /** Number of passes over the data, at least 1 (default 10). */
  public RbmTraining epochs(int e) {
    if (e < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + e);
    }
    this.epochs = e;
    return this;
  }

  /** A history row every this many epochs (and at the last epoch), at least 1 (default 1). */
  public RbmTraining logEvery(int e) {
    if (e < 1) {
      throw new IllegalArgumentException("logEvery must be at least 1, got " + e);
    }
    this.logEvery = e;
    return this;
  }

  /** Seed of every random choice (shuffles, walkers, kernels). */
  public RbmTraining seed(long s) {
    this.seed = s;
    return this;
  }

  /** Trains on data [n, n_v] of 0/1 values. */
  public RbmFit fit(INDArray data) {
    if (method == null) {
      throw new IllegalArgumentException("method must be set before fit");
    }
    INDArray x = Encoding.ZERO_ONE.requireStates(data, rbm.visible(), "data");
    Rbm model = rbm.copy();
    Rng rng = new Rng(seed);
    RbmMethod.Estimator est = method.start(model, x, rng);
    int n = (int) x.rows();
    int d = model.visible();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    INDArray pllRows = n <= PLL_ROWS ? x : x.get(NDArrayIndex.interval(0, PLL_ROWS), NDArrayIndex.all()).dup('c');
    boolean exact = Math.min(model.visible(), model.hidden()) <= EXACT_LIMIT;
    HistoryRows history = new HistoryRows("epoch");
    history.add(0, row(model, est, x, pllRows, exact, 0, 0.0));
    int p = (int) model.numParams();
    INDArray grad = Batches.zeros(p);
    DoubleBuffer gb = Batches.buffer(grad);
    DoubleBuffer pb = Batches.buffer(model.params());
    double[] g = new double[p];
    double[] theta = new double[p];
    double[] zero = new double[p];
    DoubleBuffer xb = Batches.buffer(x);
    INDArray full = Batches.zeros(Math.min(batchSize, n), d);
    INDArray last = n % batchSize == 0 || n < batchSize ? null : Batches.zeros(n % batchSize, d);
    double[] rowsBuffer = new double[Math.min(batchSize, n) * d];
    int updates = 0;
    long nanos = 0;
    RbmSgd sgd = est instanceof RbmSgd.Source src ? src.sgd() : null;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      long t0 = System.nanoTime();
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int from = 0; from < n; from += batchSize) {
        int rows = Math.min(batchSize, n - from);
        INDArray batch = rows == full.rows() ? full : last;
        for (int r = 0; r < rows; r++) {
          xb.get(order[from + r] * d, rowsBuffer, r * d, d);
        }
        if (sgd != null) {
          sgd.update(rowsBuffer, rows, learningRate);
          updates++;
          continue;
        }
        Batches.buffer(batch).put(0, rowsBuffer, 0, rows * d);
        gb.put(0, zero);
        est.gradient(batch, grad);
        gb.get(0, g);
        pb.get(0, theta);
        for (int k = 0; k < p; k++) {
          if (!Double.isFinite(g[k])) {
            throw new IllegalStateException("gradient is not finite at epoch " + epoch + ", update " + updates
                + ": " + model.paramNames()[k] + " = " + g[k]);
          }
          theta[k] -= learningRate * g[k];
        }
        pb.put(0, theta);
        updates++;
        est.afterUpdate();
      }
      nanos += System.nanoTime() - t0;
      if (sgd != null) {
        String bad = sgd.firstNonFinite();
        if (bad != null) {
          throw new IllegalStateException("parameters are not finite at epoch " + epoch + ", update " + updates
              + ": " + bad);
        }
        if (epoch % logEvery == 0 || epoch == epochs) {
          sgd.store();
        }
      }
      if (epoch % logEvery == 0 || epoch == epochs) {
        history.add(epoch, row(model, est, x, pllRows, exact, updates, nanos * 1e-9));
      }
    }
    return new RbmFit(model, history.table("rbm-" + method.name()));
  }

  private static Map<String, Double> row(Rbm model, RbmMethod.Estimator est, INDArray data, INDArray pllRows,
      boolean exact, int updates, double seconds) {
    Map<String, Double> row = new LinkedHashMap<>();
    row.put("updates", (double) updates);
    row.put("seconds", seconds);
    row.put("pseudoLogLikelihood", PseudoLikelihood.mean(model, pllRows));
    if (exact) {
      double logZ = ExactPartition.logZ(model);
      row.put("exactLogZ", logZ);
      row.put("logLikelihood", -model.energy(data).meanNumber().doubleValue() - logZ);
    }
    est.record(row);
    return row;
  }
}
