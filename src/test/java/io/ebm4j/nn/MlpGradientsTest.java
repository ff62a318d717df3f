package io.ebm4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.SplitMix;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every derivative of {@link Mlp} in float64 against central finite differences, for every activation and for one
 * and two hidden layers: grad_x, the weighted parameter gradient, the Laplacian, and the parameter gradients of
 * exact, sliced, squared-score and denoising score matching.
 */
class MlpGradientsTest {
  private static final int N = 4;
  private static final double H = 1e-5;

  static Stream<Arguments> nets() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Activation a : Activation.values()) {
      b.add(Arguments.of(a, new int[] {5}, 3));
      b.add(Arguments.of(a, new int[] {4, 3}, 3));
    }
    // inputs wider than MlpPasses.SMALL_D take the BLAS path in the first layer
    b.add(Arguments.of(Activation.SILU, new int[] {4, 3}, 10));
    b.add(Arguments.of(Activation.TANH, new int[] {6}, 10));
    // a lower layer wider than the top one plus the output bias (the Taylor reverse pass once read past the end)
    b.add(Arguments.of(Activation.SILU, new int[] {7, 3}, 3));
    return b.build();
  }

  /** A float64 MLP with random (not initial) parameters, so biases are non-zero too. */
  static Mlp net(Activation a, int[] hidden, DataType t) {
    return net(a, hidden, t, 3);
  }

  static Mlp net(Activation a, int[] hidden, DataType t, int d) {
    Mlp m = Mlp.builder(d).hidden(hidden).activation(a).dtype(t).seed(7).build();
    SplitMix r = new SplitMix(11);
    double[] p = new double[m.numParams()];
    for (int q = 0; q < p.length; q++) {
      p[q] = 0.8 * (2 * r.nextDouble() - 1);
    }
    m.setParams(Nd4j.createFromArray(p));
    return m;
  }

  static INDArray randomBatch(int n, int d, long seed) {
    SplitMix r = new SplitMix(seed);
    double[] v = new double[n * d];
    for (int q = 0; q < v.length; q++) {
      v[q] = 1.5 * (2 * r.nextDouble() - 1);
    }
    return Nd4j.createFromArray(v).reshape(n, d);
  }

  /** Central differences of f over the parameters of m. */
  static double[] paramFd(Mlp m, ToDoubleFunction<Mlp> f) {
    double[] p = Batches.toArray(m.params().castTo(DataType.DOUBLE).dup());
    double[] g = new double[p.length];
    for (int q = 0; q < p.length; q++) {
      double keep = p[q];
      p[q] = keep + H;
      m.setParams(Nd4j.createFromArray(p));
      double up = f.applyAsDouble(m);
      p[q] = keep - H;
      m.setParams(Nd4j.createFromArray(p));
      double down = f.applyAsDouble(m);
      p[q] = keep;
      g[q] = (up - down) / (2 * H);
    }
    m.setParams(Nd4j.createFromArray(p));
    return g;
  }

  static void assertClose(double[] expected, double[] actual, double rel, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int q = 0; q < expected.length; q++) {
      double tol = rel * (Math.abs(expected[q]) + 1e-3 * scale) + 1e-10;
      assertTrue(Math.abs(expected[q] - actual[q]) <= tol,
          what + " [" + q + "]: expected " + expected[q] + ", got " + actual[q] + " (tol " + tol + ")");
    }
  }

  static double[] accumulate(Mlp m, java.util.function.Consumer<INDArray> acc) {
    INDArray out = Nd4j.zeros(DataType.DOUBLE, m.numParams());
    acc.accept(out);
    return Batches.toArray(out);
  }

  static double sum(INDArray a) {
    double s = 0;
    for (double v : Batches.toArray(a)) {
      s += v;
    }
    return s;
  }

  @ParameterizedTest
  @MethodSource("nets")
  void gradXMatchesFiniteDifferences(Activation a, int[] hidden, int d) {
    Mlp m = net(a, hidden, DataType.DOUBLE, d);
    INDArray x = randomBatch(N, d, 1);
    double[] g = Batches.toArray(m.gradX(x));
    double[] fd = new double[N * d];
    for (int q = 0; q < N * d; q++) {
      INDArray xp = x.dup();
      xp.putScalar(q / d, q % d, x.getDouble(q / d, q % d) + H);
      INDArray xm = x.dup();
      xm.putScalar(q / d, q % d, x.getDouble(q / d, q % d) - H);
      fd[q] = (m.energy(xp).getDouble(q / d) - m.energy(xm).getDouble(q / d)) / (2 * H);
    }
    assertClose(fd, g, 1e-6, a + " grad_x");
  }

  @ParameterizedTest
  @MethodSource("nets")
  void weightedParamGradientMatchesFiniteDifferences(Activation a, int[] hidden, int d) {
    Mlp m = net(a, hidden, DataType.DOUBLE, d);
    INDArray x = randomBatch(N, d, 2);
    INDArray w = Nd4j.createFromArray(0.5, 2.0, 1.0, 0.25);
    double[] fd = paramFd(m, mm -> 0.7 * sum(mm.energy(x).mul(w)));
    double[] an = accumulate(m, out -> m.accumulateParamGradient(x, w, 0.7, out));
    assertClose(fd, an, 1e-6, a + " dU/dtheta");
    // fused pass: same gradient, same energies and grad_x
    INDArray u = Nd4j.zeros(DataType.DOUBLE, N);
    INDArray g = Nd4j.zeros(DataType.DOUBLE, N, d);
    double[] fused = accumulate(m, out -> m.evaluateAndAccumulate(x, u, g, w, 0.7, out));
    assertClose(an, fused, 1e-12, a + " fused dU/dtheta");
    assertClose(Batches.toArray(m.energy(x)), Batches.toArray(u), 1e-12, a + " fused U");
    assertClose(Batches.toArray(m.gradX(x)), Batches.toArray(g), 1e-12, a + " fused grad_x");
  }

  @ParameterizedTest
  @MethodSource("nets")
  void laplacianMatchesFiniteDifferencesOfGradient(Activation a, int[] hidden, int d) {
    Mlp m = net(a, hidden, DataType.DOUBLE, d);
    INDArray x = randomBatch(N, d, 3);
    double[] lap = Batches.toArray(m.laplacian(x));
    double[] fd = new double[N];
    for (int j = 0; j < d; j++) {
      INDArray xp = x.dup();
      INDArray xm = x.dup();
      for (int i = 0; i < N; i++) {
        xp.putScalar(i, j, x.getDouble(i, j) + H);
        xm.putScalar(i, j, x.getDouble(i, j) - H);
      }
      INDArray gp = m.gradX(xp);
      INDArray gm = m.gradX(xm);
      for (int i = 0; i < N; i++) {
        fd[i] += (gp.getDouble(i, j) - gm.getDouble(i, j)) / (2 * H);
      }
    }
    assertClose(fd, lap, 1e-5, a + " Laplacian");
  }

  @ParameterizedTest
  @MethodSource("nets")
  void exactScoreMatchingGradientMatchesFiniteDifferences(Activation a, int[] hidden, int d) {
    Mlp m = net(a, hidden, DataType.DOUBLE, d);
    INDArray x = randomBatch(N, d, 4);
    double[] fd = paramFd(m, mm -> 0.3 * N * mm.scoreMatchingLoss(x));
    double[] an = accumulate(m, out -> m.accumulateScoreMatchingGradient(x, 0.3, out));
    assertClose(fd, an, 1e-6, a + " exact SM gradient");
    // the loss itself: mean of |grad U|^2/2 - Laplacian
    INDArray g = m.gradX(x);
    double[] lap = Batches.toArray(m.laplacian(x));
    double loss = 0;
    for (int i = 0; i < N; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += g.getDouble(i, j) * g.getDouble(i, j);
      }
      loss += 0.5 * s - lap[i];
    }
    assertEquals(loss / N, m.scoreMatchingLoss(x), 1e-10 * Math.max(1, Math.abs(loss)));
  }

  @ParameterizedTest
  @MethodSource("nets")
  void slicedScoreMatchingGradientMatchesFiniteDifferences(Activation a, int[] hidden, int d) {
    Mlp m = net(a, hidden, DataType.DOUBLE, d);
    INDArray x = randomBatch(N, d, 5);
    INDArray v = randomBatch(N, d, 6);
    double[] fd = paramFd(m, mm -> 1.3 * N * mm.slicedScoreMatchingLoss(x, v));
    double[] an = accumulate(m, out -> m.accumulateSlicedScoreMatchingGradient(x, v, 1.3, out));
    assertClose(fd, an, 1e-6, a + " sliced SM gradient");
  }

  @ParameterizedTest
  @MethodSource("nets")
  void squaredScoreAndDenoisingGradientsMatchFiniteDifferences(Activation a, int[] hidden, int d) {
    Mlp m = net(a, hidden, DataType.DOUBLE, d);
    INDArray x = randomBatch(N, d, 7);
    double[] fd = paramFd(m, mm -> {
      INDArray g = mm.gradX(x);
      return 0.5 * 0.5 * sum(g.mul(g));
    });
    double[] an = accumulate(m, out -> m.accumulateSquaredScoreGradient(x, 0.5, out));
    assertClose(fd, an, 1e-6, a + " squared score gradient");

    INDArray eps = randomBatch(N, d, 8);
    double sigma = 0.3;
    double[] fdDsm = paramFd(m, mm -> 2.0 * N * mm.denoisingScoreMatchingLoss(x, eps, sigma));
    double[] dsm = accumulate(m, out -> m.accumulateDenoisingScoreMatchingGradient(x, eps, sigma, 2.0, out));
    assertClose(fdDsm, dsm, 1e-6, a + " DSM gradient");
  }
}
