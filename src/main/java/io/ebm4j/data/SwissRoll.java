package io.ebm4j.data;

import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The 2-D swiss roll: scikit-learn's {@code make_swiss_roll} projected on its (x, z) plane, as in FFJORD's and
 * TorchEBM's toy sets. t ~ U[3pi/2, 9pi/2], x = (t cos t, t sin t) + N(0, noise^2 I). Without noise |x| = t, so
 * E|x| = 3 pi; with noise E|x|^2 = 39 pi^2 / 4 + 2 noise^2. (FFJORD divides the points by 5.)
 *
 * <pre>{@code
 * INDArray x = Toys.swissRoll().noise(0.5).sample(2000, 42);
 * }</pre>
 *
 * @param noise standard deviation of the Gaussian noise added to both coordinates, >= 0
 */
public record SwissRoll(double noise) implements Toy {
  public SwissRoll {
    ToyRows.nonNegative("noise", noise);
  }

  /** The same roll with noise standard deviation {@code noise}. */
  public SwissRoll noise(double noise) {
    return new SwissRoll(noise);
  }

  @Override
  public String name() {
    return "swiss roll (noise " + noise + ")";
  }

  @Override
  public INDArray sample(int n, Rng rng) {
    double s = noise;
    return ToyRows.sample(n, rng, (r, b, i) -> {
      double t = 1.5 * Math.PI * (1 + 2 * r.nextDouble());
      ToyRows.put(b, i, t * Math.cos(t) + s * Rng.normal(r), t * Math.sin(t) + s * Rng.normal(r));
    });
  }
}
