package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.io.Serializable;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The posterior of a binary image x in {-1, +1}^{h x w} seen through a channel that flips each pixel independently
 * with probability p, under an Ising prior with coupling J >= 0:
 *
 * <pre>
 *   U(x | y) = - J sum_{neighbours i~j} x_i x_j - h sum_i x_i y_i,     h = (1/2) log((1 - p) / p)
 * </pre>
 *
 * (log p(y_i | x_i) = h x_i y_i + const, so this h makes exp(-U) the exact posterior for the prior exp(J sum x_i x_j)).
 * It is an {@link IsingGrid} with field h y_i at site i ({@link #grid}), at any temperature ({@link #atTemperature},
 * for annealing), and it is serializable, so it travels as a study's model. S. Geman and D. Geman, "Stochastic
 * Relaxation, Gibbs Distributions, and the Bayesian Restoration of Images", IEEE TPAMI 6(6), 1984,
 * https://doi.org/10.1109/TPAMI.1984.4767596.
 *
 * <pre>{@code
 * INDArray y = DenoisingPosterior.corrupt(clean, 0.1, new Rng(0));
 * DenoisingPosterior post = DenoisingPosterior.of(y, 64, 64, 1.0, DenoisingPosterior.fieldForFlipProbability(0.1));
 * MapEstimate map = GraphCutMap.minimize(post.grid());
 * }</pre>
 */
public final class DenoisingPosterior implements BinaryEnergy, Serializable {
  private static final long serialVersionUID = 1L;
  private final int height;
  private final int width;
  private final double coupling;
  private final double field;
  private final double[] observed;
  private transient IsingGrid grid;

  private DenoisingPosterior(int height, int width, double coupling, double field, double[] observed) {
    this.height = height;
    this.width = width;
    this.coupling = coupling;
    this.field = field;
    this.observed = observed;
  }

  /**
   * The posterior given the observed image y (h*w values in {-1, +1}, as [h*w] or [1, h*w], site (r, c) at r*w + c),
   * prior coupling J >= 0 and data field h (finite).
   */
  public static DenoisingPosterior of(INDArray observed, int height, int width, double coupling, double field) {
    Bin.requirePositive(height, "height");
    Bin.requirePositive(width, "width");
    if (!(coupling >= 0) || !Double.isFinite(coupling)) {
      throw new IllegalArgumentException("coupling must be non-negative and finite, got " + coupling);
    }
    Bin.requireFinite(field, "field");
    if (observed == null || observed.length() != (long) height * width) {
      throw new IllegalArgumentException("observed must have height * width = " + (long) height * width
          + " values, got " + (observed == null ? "null" : String.valueOf(observed.length())));
    }
    INDArray y = Encoding.PLUS_MINUS_ONE.requireStates(observed.reshape(1, (long) height * width), height * width,
        "observed");
    return new DenoisingPosterior(height, width, coupling, field, Batches.toArray(y));
  }

  /** h = (1/2) log((1 - p) / p), the field that makes U the exact posterior for flip probability p in (0, 1/2). */
  public static double fieldForFlipProbability(double flipProbability) {
    requireFlipProbability(flipProbability);
    return 0.5 * Math.log((1 - flipProbability) / flipProbability);
  }

  /** Images [N, n] of +-1 with each pixel flipped independently with probability p in (0, 1/2). */
  public static INDArray corrupt(INDArray clean, double flipProbability, Rng rng) {
    requireFlipProbability(flipProbability);
    if (clean == null || clean.rank() != 2) {
      throw new IllegalArgumentException("clean must be a batch [N, n], got "
          + (clean == null ? "null" : java.util.Arrays.toString(clean.shape())));
    }
    if (rng == null) {
      throw new IllegalArgumentException("rng must not be null");
    }
    INDArray y = Encoding.PLUS_MINUS_ONE.requireStates(clean, (int) clean.columns(), "clean").dup('c');
    DoubleBuffer b = Batches.buffer(y);
    for (int k = 0; k < y.length(); k++) {
      if (rng.uniform() < flipProbability) {
        b.put(k, -b.get(k));
      }
    }
    return y;
  }

  private static void requireFlipProbability(double p) {
    if (!(p > 0 && p < 0.5)) {
      throw new IllegalArgumentException("flipProbability must be in (0, 0.5), got " + p);
    }
  }

  /** Image height. */
  public int height() {
    return height;
  }

  /** Image width. */
  public int width() {
    return width;
  }

  /** Prior coupling J. */
  public double coupling() {
    return coupling;
  }

  /** Data field h. */
  public double field() {
    return field;
  }

  /** The observed image y [1, h*w] (a copy). */
  public INDArray observed() {
    return Batches.vector(observed.clone()).reshape(1, observed.length);
  }

  /** U(x | y) as an Ising grid: coupling J, field h y_i at site i, free boundary. */
  public IsingGrid grid() {
    if (grid == null) {
      grid = atTemperature(1.0);
    }
    return grid;
  }

  /** U(x | y) / T as an Ising grid (coupling J / T, field h y_i / T), for annealing; T positive and finite. */
  public IsingGrid atTemperature(double temperature) {
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
    }
    double[] f = new double[observed.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = field * observed[i] / temperature;
    }
    return IsingGrid.builder(height, width).coupling(coupling / temperature).field(f).build();
  }

  @Override
  public int dim() {
    return height * width;
  }

  @Override
  public Encoding encoding() {
    return Encoding.PLUS_MINUS_ONE;
  }

  @Override
  public INDArray energy(INDArray x) {
    return grid().energy(x);
  }

  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    grid().evaluate(x, u, g);
  }

  @Override
  public Flips flips() {
    return grid().flips();
  }
}
