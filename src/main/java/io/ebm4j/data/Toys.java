package io.ebm4j.data;

/**
 * Factory of the 2-D toy distributions, each with the usual defaults; change a parameter with the toy's wither and
 * draw with {@code sample(n, seed)} or {@code sample(n, rng)}. Every row is an independent draw.
 *
 * <pre>{@code
 * INDArray moons = Toys.twoMoons().noise(0.1).sample(2000, 42);
 * INDArray rings = Toys.circles().factor(0.5).noise(0.05).sample(2000, 42);
 * INDArray roll  = Toys.swissRoll().noise(0.5).sample(2000, 42);
 * INDArray modes = Toys.eightGaussians().radius(2).std(0.1).sample(2000, 42);
 * INDArray board = Toys.checkerboard().sample(2000, 42);
 * INDArray wheel = Toys.pinwheel().classes(5).rate(0.25).sample(2000, 42);
 * }</pre>
 */
public final class Toys {
  private Toys() {}

  /** Two moons with noise 0.05. */
  public static TwoMoons twoMoons() {
    return new TwoMoons(0.05);
  }

  /** Concentric circles with inner radius 0.5 and noise 0.05. */
  public static Circles circles() {
    return new Circles(0.5, 0.05);
  }

  /** The 2-D swiss roll with noise 0.5 (its radius runs from 4.7 to 14.1). */
  public static SwissRoll swissRoll() {
    return new SwissRoll(0.5);
  }

  /** Eight Gaussians on the circle of radius 2, each with standard deviation 0.02 (TorchEBM's defaults). */
  public static EightGaussians eightGaussians() {
    return new EightGaussians(2.0, 0.02);
  }

  /** The 4 x 4 checkerboard of squares of side 2 on [-4, 4]^2. */
  public static Checkerboard checkerboard() {
    return new Checkerboard(4, 2.0);
  }

  /** The pinwheel with 5 arms, radialStd 0.3, tangentialStd 0.1 and rate 0.25 (FFJORD's settings). */
  public static Pinwheel pinwheel() {
    return new Pinwheel(0.3, 0.1, 5, 0.25);
  }
}
