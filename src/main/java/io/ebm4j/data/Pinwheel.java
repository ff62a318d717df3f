package io.ebm4j.data;

import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pinwheel of Johnson et al. (Composing graphical models with neural networks for structured representations
 * and fast inference, NeurIPS 2016, https://arxiv.org/abs/1603.06277) as used in FFJORD's toy sets: an arm k chosen
 * uniformly among {@code classes}, a point (u, v) with u ~ N(1, radialStd^2), v ~ N(0, tangentialStd^2), rotated by
 * -(2 pi k / classes + rate e^u) and scaled by 2. E|x|^2 = 4 (1 + radialStd^2 + tangentialStd^2), and E x = 0 for
 * two arms or more.
 *
 * <pre>{@code
 * INDArray x = Toys.pinwheel().classes(5).radialStd(0.3).tangentialStd(0.1).rate(0.25).sample(2000, 42);
 * }</pre>
 *
 * @param radialStd standard deviation along an arm, >= 0
 * @param tangentialStd standard deviation across an arm, >= 0
 * @param classes number of arms, >= 1
 * @param rate how fast the arms curl with the distance from the centre (finite)
 */
public record Pinwheel(double radialStd, double tangentialStd, int classes, double rate) implements Toy {
  public Pinwheel {
    ToyRows.nonNegative("radialStd", radialStd);
    ToyRows.nonNegative("tangentialStd", tangentialStd);
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be at least 1, got " + classes);
    }
    if (!Double.isFinite(rate)) {
      throw new IllegalArgumentException("rate must be finite, got " + rate);
    }
  }

  /** The same pinwheel with standard deviation {@code radialStd} along the arms. */
  public Pinwheel radialStd(double radialStd) {
    return new Pinwheel(radialStd, tangentialStd, classes, rate);
  }

  /** The same pinwheel with standard deviation {@code tangentialStd} across the arms. */
  public Pinwheel tangentialStd(double tangentialStd) {
    return new Pinwheel(radialStd, tangentialStd, classes, rate);
  }

  /** The same pinwheel with {@code classes} arms. */
  public Pinwheel classes(int classes) {
    return new Pinwheel(radialStd, tangentialStd, classes, rate);
  }

  /** The same pinwheel with curl {@code rate}. */
  public Pinwheel rate(double rate) {
    return new Pinwheel(radialStd, tangentialStd, classes, rate);
  }

  @Override
  public String name() {
    return "pinwheel (" + classes + " arms, radialStd " + radialStd + ", tangentialStd " + tangentialStd + ", rate "
        + rate + ")";
  }

  @Override
  public INDArray sample(int n, Rng rng) {
    double sr = radialStd;
    double st = tangentialStd;
    int k = classes;
    double c = rate;
    return ToyRows.sample(n, rng, (r, b, i) -> {
      int arm = r.nextInt(k);
      double u = 1 + sr * Rng.normal(r);
      double v = st * Rng.normal(r);
      double a = 2 * Math.PI * arm / k + c * Math.exp(u);
      double cos = Math.cos(a);
      double sin = Math.sin(a);
      ToyRows.put(b, i, 2 * (u * cos + v * sin), 2 * (v * cos - u * sin));
    });
  }
}
