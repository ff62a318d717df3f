package io.ebm4j.data;

import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Two interleaving half circles (scikit-learn's {@code make_moons}): with probability 1/2 the upper half of the unit
 * circle, (cos a, sin a), else the lower half of the unit circle centred at (1, 1/2), (1 - cos a, 1/2 - sin a), with
 * a ~ U[0, pi], plus N(0, noise^2 I). Unlike scikit-learn, which spaces the angles evenly and splits n exactly in
 * half, every row here is an independent draw from that density. The moons' centres are (0, 2/pi) and
 * (1, 1/2 - 2/pi).
 *
 * <pre>{@code
 * INDArray x = Toys.twoMoons().noise(0.1).sample(2000, 42);
 * }</pre>
 *
 * @param noise standard deviation of the Gaussian noise added to both coordinates, >= 0
 */
public record TwoMoons(double noise) implements Toy {
  public TwoMoons {
    ToyRows.nonNegative("noise", noise);
  }

  /** The same moons with noise standard deviation {@code noise}. */
  public TwoMoons noise(double noise) {
    return new TwoMoons(noise);
  }

  @Override
  public String name() {
    return "two moons (noise " + noise + ")";
  }

  @Override
  public INDArray sample(int n, Rng rng) {
    double s = noise;
    return ToyRows.sample(n, rng, (r, b, i) -> {
      double a = Math.PI * r.nextDouble();
      boolean upper = r.nextBoolean();
      double x = upper ? Math.cos(a) : 1 - Math.cos(a);
      double y = upper ? Math.sin(a) : 0.5 - Math.sin(a);
      ToyRows.put(b, i, x + s * Rng.normal(r), y + s * Rng.normal(r));
    });
  }
}
