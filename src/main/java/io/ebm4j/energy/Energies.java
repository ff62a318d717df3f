package io.ebm4j.energy;

/**
 * Factory of the analytic energies: the entry point a notebook or JShell user types.
 *
 * <pre>{@code
 * var truth = Energies.twoWells(-10, 10).withMassOfB(0.8);
 * var model = Energies.twoWells(-10, 10).withMassOfB(0.5);
 * var gauss = Energies.standardNormal(2);
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

  /** U_theta + V: a trainable energy plus a fixed one (e.g. a wide Gaussian that confines a neural energy). */
  public static SumEnergy plus(TrainableEnergy trainable, Energy fixed) {
    return new SumEnergy(trainable, fixed);
  }

  /** A mixture of unit Gaussians with the given means [K][d] and positive weights (normalised). */
  public static GaussianMixture mixture(double[][] means, double[] weights) {
    return new GaussianMixture(means, weights);
  }
}
