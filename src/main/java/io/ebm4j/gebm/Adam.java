package io.ebm4j.gebm;

import java.nio.DoubleBuffer;

/**
 * Adam (Kingma, Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, https://arxiv.org/abs/1412.6980) on a
 * contiguous block [from, from + size) of a flat parameter buffer, descending the gradient held at the same positions
 * of a gradient buffer. Plain Java loops: the blocks are small and the update is deterministic.
 */
final class Adam {
  private final int from;
  private final double[] m;
  private final double[] v;
  private long t;

  Adam(int from, int size) {
    this.from = from;
    this.m = new double[size];
    this.v = new double[size];
  }

  /** theta -= lr * mhat / (sqrt(vhat) + eps) over the block, with bias-corrected moments. */
  void step(DoubleBuffer params, DoubleBuffer grad, int gradFrom, double lr, double beta1, double beta2, double eps) {
    t++;
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    for (int q = 0; q < m.length; q++) {
      double g = grad.get(gradFrom + q);
      m[q] = beta1 * m[q] + (1 - beta1) * g;
      v[q] = beta2 * v[q] + (1 - beta2) * g * g;
      double step = lr * (m[q] / c1) / (Math.sqrt(v[q] / c2) + eps);
      params.put(from + q, params.get(from + q) - step);
    }
  }
}
