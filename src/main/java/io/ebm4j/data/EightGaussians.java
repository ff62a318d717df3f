package io.ebm4j.data;

import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The 8-Gaussians mixture of the EBM and flow literature: equal weights on N(c_k, std^2 I) with centres
 * c_k = radius (cos(k pi/4), sin(k pi/4)), k = 0..7. E|x|^2 = radius^2 + 2 std^2.
 *
 * <pre>{@code
 * INDArray x = Toys.eightGaussians().radius(2).std(0.1).sample(2000, 42);
 * }</pre>
 *
 * @param radius distance of every centre from the origin, > 0
 * @param std standard deviation of each component, >= 0
 */
public record EightGaussians(double radius, double std) implements Toy {
  public EightGaussians {
    ToyRows.positive("radius", radius);
    ToyRows.nonNegative("std", std);
  }

  /** The same mixture with its centres at distance {@code radius} from the origin. */
  public EightGaussians radius(double radius) {
    return new EightGaussians(radius, std);
  }

  /** The same mixture with component standard deviation {@code std}. */
  public EightGaussians std(double std) {
    return new EightGaussians(radius, std);
  }

  @Override
  public String name() {
    return "8 Gaussians (radius " + radius + ", std " + std + ")";
  }

  @Override
  public INDArray sample(int n, Rng rng) {
    double rad = radius;
    double s = std;
    return ToyRows.sample(n, rng, (r, b, i) -> {
      double a = Math.PI / 4 * r.nextInt(8);
      ToyRows.put(b, i, rad * Math.cos(a) + s * Rng.normal(r), rad * Math.sin(a) + s * Rng.normal(r));
    });
  }
}
