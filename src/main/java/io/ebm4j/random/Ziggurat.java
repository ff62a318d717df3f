package io.ebm4j.random;


/**
 * Standard normals by the ziggurat method (Marsaglia and Tsang 2000) with Doornik's (2005) 128-layer variant: one
 * 64-bit draw gives the layer (7 bits) and a uniform in (-1, 1) (53 bits); in about 98.8% of draws the point falls
 * inside the layer's rectangle and costs one multiply. The rest take the exact wedge test or, in the base layer,
 * the exact tail beyond R by Marsaglia's exponential method. Exact, not an approximation; about four times faster
 * than the polar method here.
 */
final class Ziggurat {
  private static final int LAYERS = 128;
  /** Start of the tail and the common area of the layers, for 128 layers. */
  private static final double R = 3.442619855899;
  private static final double V = 9.91256303526217e-3;
  private static final double[] X = new double[LAYERS + 1];
  private static final double[] RATIO = new double[LAYERS];

  static {
    double f = Math.exp(-0.5 * R * R);
    X[0] = V / f;
    X[1] = R;
    X[LAYERS] = 0;
    for (int i = 2; i < LAYERS; i++) {
      X[i] = Math.sqrt(-2 * Math.log(V / X[i - 1] + f));
      f = Math.exp(-0.5 * X[i] * X[i]);
    }
    for (int i = 0; i < LAYERS; i++) {
      RATIO[i] = X[i + 1] / X[i];
    }
  }

  private Ziggurat() {}

  /** One standard normal from r. */
  static double next(SplitMix r) {
    while (true) {
      long bits = r.nextLong();
      int i = (int) (bits & (LAYERS - 1));
      double u = 2.0 * ((bits >>> 11) * 0x1.0p-53) - 1.0;
      if (Math.abs(u) < RATIO[i]) {
        return u * X[i];
      }
      if (i == 0) {
        return tail(r, u < 0);
      }
      double x = u * X[i];
      double f0 = Math.exp(-0.5 * (X[i] * X[i] - x * x));
      double f1 = Math.exp(-0.5 * (X[i + 1] * X[i + 1] - x * x));
      if (f1 + r.nextDouble() * (f0 - f1) < 1.0) {
        return x;
      }
    }
  }

  /** A draw from the normal tail beyond R (Marsaglia 1964), with the given sign. */
  private static double tail(SplitMix r, boolean negative) {
    double x;
    double y;
    do {
      x = Math.log(1.0 - r.nextDouble()) / R;
      y = Math.log(1.0 - r.nextDouble());
    } while (-2 * y < x * x);
    return negative ? x - R : R - x;
  }
}
