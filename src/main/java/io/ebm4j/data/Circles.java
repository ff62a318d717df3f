package io.ebm4j.data;

import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Two concentric circles (scikit-learn's {@code make_circles}): with probability 1/2 a point of the unit circle,
 * else of the circle of radius {@code factor}, at a uniform angle, plus N(0, noise^2 I). Every row is an independent
 * draw (scikit-learn spaces the angles evenly instead). E|x|^2 = (1 + factor^2)/2 + 2 noise^2.
 *
 * <pre>{@code
 * INDArray x = Toys.circles().factor(0.5).noise(0.05).sample(2000, 42);
 * }</pre>
 *
 * @param factor radius of the inner circle relative to the outer one, in [0, 1)
 * @param noise standard deviation of the Gaussian noise added to both coordinates, >= 0
 */
public record Circles(double factor, double noise) implements Toy {
  public Circles {
    if (!(factor >= 0 && factor < 1)) {
      throw new IllegalArgumentException("factor must be in [0, 1), got " + factor);
    }
    ToyRows.nonNegative("noise", noise);
  }

  /** The same circles with inner radius {@code factor}. */
  public Circles factor(double factor) {
    return new Circles(factor, noise);
  }

  /** The same circles with noise standard deviation {@code noise}. */
  public Circles noise(double noise) {
    return new Circles(factor, noise);
  }

  @Override
  public String name() {
    return "circles (factor " + factor + ", noise " + noise + ")";
  }

  @Override
  public INDArray sample(int n, Rng rng) {
    double f = factor;
    double s = noise;
    return ToyRows.sample(n, rng, (r, b, i) -> {
      double a = 2 * Math.PI * r.nextDouble();
      double radius = r.nextBoolean() ? 1.0 : f;
      ToyRows.put(b, i, radius * Math.cos(a) + s * Rng.normal(r), radius * Math.sin(a) + s * Rng.normal(r));
    });
  }
}
