package io.ebm4j.energy;

import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Factory of energies: the analytic ones, energies written in a notebook cell (lambdas, SameDiff graphs), and
 * compositions (sums, scaling, and the logical ones: AND, OR, AND NOT) that keep the capabilities of their parts.
 *
 * <pre>{@code
 * var truth = Energies.twoWells(-10, 10).withMassOfB(0.8);
 * var gauss = Energies.standardNormal(2);
 * Energy bowl = Energies.of(2, x -> x.mul(x).sum(1).mul(0.5), x -> x.dup());
 * TrainableEnergy model = Energies.plus(mlp, Energies.gaussian(new double[] {0, 0}, new double[] {8, 8}));
 * TrainableEnergy hot = Energies.tempered(Energies.standardNormal(2), 4.0);   // still an exact sampler
 * }</pre>
 */
public final class Energies {
  private Energies() {}

  /** The seed-000 two-well family in 1-D with modes at a and b and mass 1/2 on b (z = 0). */
  public static TwoWells twoWells(double a, double b) {
    return new TwoWells(new double[] {a}, new double[] {b}, 0.0);
  }

  /** The two-well family in d dimensions with mode centres a and b (vectors), z = 0. */
  public static TwoWells twoWells(double[] a, double[] b) {
    return new TwoWells(a, b, 0.0);
  }

  /** A diagonal Gaussian with the given mean and standard deviations. */
  public static Gaussian gaussian(double[] mean, double[] std) {
    return new Gaussian(mean, std);
  }

  /** The standard normal in d dimensions. */
  public static Gaussian standardNormal(int d) {
    if (d < 1) {
      throw new IllegalArgumentException("d must be at least 1, got " + d);
    }
    double[] m = new double[d];
    double[] s = new double[d];
    java.util.Arrays.fill(s, 1.0);
    return new Gaussian(m, s);
  }

  /**
   * U_theta + V: a trainable energy plus a fixed one (e.g. a wide Gaussian that confines a neural energy). The
   * parameters are those of U_theta only, even when V is itself trainable. See {@link SumEnergy} for the capabilities
   * kept.
   */
  public static SumEnergy plus(TrainableEnergy trainable, Energy fixed) {
    if (trainable == null || fixed == null) {
      throw new IllegalArgumentException("both energies are required, got " + trainable + " and " + fixed);
    }
    return Sums.of(new Energy[] {trainable, fixed}, new boolean[] {true, false});
  }

  /**
   * U_1 + ... + U_n, trained in every part that is a {@link TrainableEnergy} (parameters concatenated in order, names
   * prefixed "e1.", "e2.", ... when several parts are trained). See {@link SumEnergy} for the capabilities kept.
   *
   * <pre>{@code
   * SumEnergy u = Energies.sum(mlp, Energies.gaussian(new double[] {0, 0}, new double[] {8, 8}));   // both trained
   * }</pre>
   */
  public static SumEnergy sum(TrainableEnergy first, Energy... rest) {
    Energy[] parts = new Energy[1 + (rest == null ? 0 : rest.length)];
    parts[0] = first;
    if (rest != null) {
      System.arraycopy(rest, 0, parts, 1, rest.length);
    }
    return Sums.of(parts, trainedFlags(parts));
  }

  /**
   * U_1 + ... + U_n of any energies: a {@link SumEnergy} when any part is trainable (as {@link #sum(TrainableEnergy,
   * Energy...)}), otherwise a plain energy.
   */
  public static Energy sum(Energy... parts) {
    if (parts == null || parts.length == 0) {
      throw new IllegalArgumentException("parts must hold at least one energy, got none");
    }
    boolean[] trained = trainedFlags(parts);
    for (boolean t : trained) {
      if (t) {
        return Sums.of(parts.clone(), trained);
      }
    }
    return Sums.fixed(parts.clone());
  }

  /**
   * AND (conjunction, product of experts): U_1 + ... + U_n, the density prod_k rho_k that is high only where every
   * part is (Du, Li and Mordatch, "Compositional Visual Generation with Energy Based Models", NeurIPS 2020,
   * https://arxiv.org/abs/2004.06030). The same energy as {@link #sum(TrainableEnergy, Energy...)}.
   *
   * <pre>{@code
   * SumEnergy ringAndUpper = Energies.and(ring, upper);
   * }</pre>
   */
  public static SumEnergy and(TrainableEnergy first, Energy... rest) {
    return sum(first, rest);
  }

  /** AND of any energies (see {@link #and(TrainableEnergy, Energy...)}): a plain energy when none is trainable. */
  public static Energy and(Energy... parts) {
    return sum(parts);
  }

  /**
   * OR (disjunction): U = -log sum_k exp(-U_k), the density sum_k exp(-U_k) / Z, high wherever any part is; grad U is
   * the responsibility-weighted sum of the parts' gradients, w_k = softmax_k(-U_k). Trained in every trainable part;
   * an exact mixture ({@link ExactNormalizer}, {@link ExactSampler}) when every part is one (weights Z_k / Z).
   *
   * <pre>{@code
   * TrainableEnergy leftOrUpper = Energies.or(left, upper);
   * }</pre>
   */
  public static TrainableEnergy or(TrainableEnergy first, Energy... rest) {
    return (TrainableEnergy) or(concat(first, rest));
  }

  /** OR of any energies (see {@link #or(TrainableEnergy, Energy...)}): a plain energy when none is trainable. */
  public static Energy or(Energy... parts) {
    if (parts == null || parts.length == 0) {
      throw new IllegalArgumentException("parts must hold at least one energy, got none");
    }
    return Disjunctions.of(parts.clone());
  }

  /**
   * base AND NOT negated: U_1 - alpha U_2, the density rho_1 / rho_2^alpha. Requires 0 < alpha < 1 (and, for two
   * Gaussians, a positive precision 1/sigma_1^2 - alpha/sigma_2^2), so that the result stays normalisable when U_2
   * grows no faster than U_1 (e.g. both carry the same confining Gaussian); throws otherwise. Trained in every
   * trainable part; keeps the score-matching capabilities a sum of them would.
   *
   * <pre>{@code
   * SumEnergy ringNotLeft = Energies.andNot(ring, left, 0.5);
   * }</pre>
   */
  public static SumEnergy andNot(TrainableEnergy base, Energy negated, double alpha) {
    return (SumEnergy) Negations.of(base, negated, alpha);
  }

  /** base AND NOT negated for any energies (see {@link #andNot(TrainableEnergy, Energy, double)}). */
  public static Energy andNot(Energy base, Energy negated, double alpha) {
    return Negations.of(base, negated, alpha);
  }

  private static Energy[] concat(Energy first, Energy[] rest) {
    Energy[] parts = new Energy[1 + (rest == null ? 0 : rest.length)];
    parts[0] = first;
    if (rest != null) {
      System.arraycopy(rest, 0, parts, 1, rest.length);
    }
    return parts;
  }

  private static boolean[] trainedFlags(Energy[] parts) {
    boolean[] t = new boolean[parts.length];
    for (int k = 0; k < parts.length; k++) {
      t[k] = parts[k] instanceof TrainableEnergy;
    }
    return t;
  }

  /**
   * beta U, the energy of rho^beta (up to normalisation). Keeps the parameters of U and its score-matching
   * capabilities (given its {@link MixedGradient}); keeps {@link ExactNormalizer} and {@link ExactSampler} exactly
   * when U is {@link Temperable} (a Gaussian stays Gaussian), and only then.
   *
   * <pre>{@code
   * TrainableEnergy sharp = Energies.scaled(Energies.standardNormal(1), 4.0);   // N(0, 1/4): ExactSampler
   * }</pre>
   */
  public static TrainableEnergy scaled(TrainableEnergy energy, double beta) {
    return Scalings.of(energy, beta);
  }

  /** beta U for an energy without parameters (see {@link #scaled(TrainableEnergy, double)}). */
  public static Energy scaled(Energy energy, double beta) {
    return Scalings.of(energy, beta);
  }

  /** U / T: rho tempered at temperature T (T > 1 flattens it), i.e. {@code scaled(energy, 1 / T)}. */
  public static TrainableEnergy tempered(TrainableEnergy energy, double temperature) {
    return scaled(energy, inverse(temperature));
  }

  /** U / T for an energy without parameters. */
  public static Energy tempered(Energy energy, double temperature) {
    return scaled(energy, inverse(temperature));
  }

  private static double inverse(double temperature) {
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
    }
    return 1.0 / temperature;
  }

  /**
   * An energy from two batch functions: {@code energy} maps x [N, d] to U [N], {@code gradX} to grad_x U [N, d]. The
   * results are checked (shape on every call, finiteness on the first), with messages naming what is wrong.
   *
   * <pre>{@code
   * Energy g = Energies.of(1, x -> x.mul(x).mul(0.5).reshape(-1), x -> x.dup());   // standard normal
   * Chains c = Kernels.mala(0.5).init(g, Batches.zeros(1000, 1));
   * }</pre>
   */
  public static Energy of(int dim, Function<INDArray, INDArray> energy, Function<INDArray, INDArray> gradX) {
    return new LambdaEnergy(dim, energy, gradX);
  }

  /**
   * A trainable energy from batch functions of (x, theta): U [N], grad_x U [N, d] and the per-point parameter
   * gradients dU(x_i)/dtheta as [N, P]. {@code params} is copied; {@code paramNames} may be null (then p0, p1, ...).
   *
   * <pre>{@code
   * // N(mu, 1) with learnable mu
   * TrainableEnergy g = Energies.trainable(1, Nd4j.createFromArray(0.0), new String[] {"mu"},
   *     (x, t) -> { INDArray r = x.sub(t.getDouble(0)); return r.mul(r).mul(0.5).reshape(-1); },
   *     (x, t) -> x.sub(t.getDouble(0)),
   *     (x, t) -> x.sub(t.getDouble(0)).neg());
   * }</pre>
   */
  public static TrainableEnergy trainable(int dim, INDArray params, String[] paramNames, BatchEnergy energy,
      BatchGradX gradX, BatchParamGrad paramGrad) {
    return new LambdaTrainableEnergy(dim, params, paramNames, energy, gradX, paramGrad);
  }

  /**
   * A trainable energy from an ND4J SameDiff graph: {@code graph} receives the graph and the placeholder x [N, dim]
   * and returns u [N]; the graph's variables are the parameters, and SameDiff differentiates. Each evaluation runs
   * SameDiff's interpreter (milliseconds per call), so it is much slower than a hand-written energy: for trying out
   * models. In ND4J 1.0.0-M2.1 a SameDiff reduction over an axis of length 1 fails, so for dim = 1 write
   * {@code reshape(-1)} rather than {@code sum(1)}.
   *
   * <pre>{@code
   * TrainableEnergy g = Energies.sameDiff(2, (sd, x) -> {
   *   SDVariable mu = sd.var("mu", Nd4j.createFromArray(0.0, 0.0));
   *   return sd.math().square(x.sub(mu)).sum(1).mul(0.5);
   * });
   * }</pre>
   */
  public static TrainableEnergy sameDiff(int dim, GraphEnergy graph) {
    return new SameDiffEnergy(dim, graph);
  }

  /** A mixture of unit Gaussians with the given means [K][d] and positive weights (normalised). */
  public static GaussianMixture mixture(double[][] means, double[] weights) {
    return new GaussianMixture(means, weights);
  }
}
