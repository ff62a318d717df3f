package io.ebm4j.conditional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class InferenceTest {
  /** E(y, x) = sum_j p_j (y_j - (A x)_j)^2 / 2: argmin A x, Gibbs density at temperature T normal with var T / p_j. */
  static final class Quadratic implements ContinuousConditionalEnergy {
    static final double[][] A = {{1, 2}, {-1, 0.5}};
    static final double[] P = {1, 4};

    @Override
    public int inputDim() {
      return 2;
    }

    @Override
    public int answerDim() {
      return 2;
    }

    static double mean(DoubleBuffer x, int i, int j) {
      return A[j][0] * x.get(i * 2) + A[j][1] * x.get(i * 2 + 1);
    }

    @Override
    public void evaluate(INDArray x, INDArray y, INDArray e, INDArray gy) {
      DoubleBuffer xb = Batches.buffer(x);
      DoubleBuffer yb = Batches.buffer(y);
      DoubleBuffer eb = Batches.buffer(e);
      for (int i = 0; i < x.rows(); i++) {
        double s = 0;
        for (int j = 0; j < 2; j++) {
          double r = yb.get(i * 2 + j) - mean(xb, i, j);
          s += P[j] * r * r / 2;
          if (gy != null) {
            Batches.buffer(gy).put(i * 2 + j, P[j] * r);
          }
        }
        eb.put(i, s);
      }
    }
  }

  private static INDArray normals(int n, int d, long seed) {
    INDArray a = Batches.zeros(n, d);
    new Rng(seed).fillNormal(Batches.buffer(a), n * d);
    return a;
  }

  @Test
  void argminEnumeratesTheAnswersAndAccuracyCountsHits() {
    INDArray e = Batches.zeros(3, 3).assign(Batches.vector(0.5, 0.1, 0.9, 2, 3, 1, 0.4, 0.4, 0.7).reshape(3, 3));
    assertArrayEquals(new int[] {1, 2, 0}, Inference.argmin(e), "ties go to the smallest index");
    ConditionalEnergy lin = ConditionalEnergies.linear(2, 3, 1L);
    INDArray x = normals(50, 2, 3);
    int[] y = Inference.argmin(lin, x);
    assertEquals(1.0, Inference.accuracy(lin, x, y), 0);
    y[0] = (y[0] + 1) % 3;
    assertEquals(49 / 50.0, Inference.accuracy(lin, x, y), 1e-15);
  }

  @Test
  void gradientDescentFindsTheKnownArgminOfAQuadraticEnergy() {
    Quadratic q = new Quadratic();
    INDArray x = normals(20, 2, 1);
    INDArray y = Inference.gradientDescent(q, x, normals(20, 2, 2).muli(5), 0.1, 400);
    DoubleBuffer xb = Batches.buffer(x);
    double worst = 0;
    for (int i = 0; i < 20; i++) {
      for (int j = 0; j < 2; j++) {
        worst = Math.max(worst, Math.abs(y.getDouble(i, j) - Quadratic.mean(xb, i, j)));
      }
    }
    assertTrue(worst < 1e-10, "largest |y - A x| after descent = " + worst);
  }

  @Test
  void langevinSamplesTheGibbsDensityOfTheAnswerWithTheExactDiscretisedVariance() {
    Quadratic q = new Quadratic();
    int n = 20_000;
    double h = 0.05;
    double t = 0.5;
    INDArray x = normals(n, 2, 4);
    INDArray y = Inference.langevin(q, x, Batches.zeros(n, 2), h, 300, t, 7L);
    DoubleBuffer xb = Batches.buffer(x);
    for (int j = 0; j < 2; j++) {
      double s = 0;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double r = y.getDouble(i, j) - Quadratic.mean(xb, i, j);
        s += r;
        ss += r * r;
      }
      double mean = s / n;
      double var = ss / n - mean * mean;
      // ULA on a Gaussian is an AR(1) chain with stationary variance T / (p (1 - h p / 2)).
      double exact = t / (Quadratic.P[j] * (1 - h * Quadratic.P[j] / 2));
      assertEquals(0, mean, 4 * Math.sqrt(exact / n), "mean residual of answer " + j);
      assertEquals(exact, var, 4 * exact * Math.sqrt(2.0 / n), "variance of answer " + j + ": " + var);
    }
    INDArray again = Inference.langevin(q, x, Batches.zeros(n, 2), h, 300, t, 7L);
    assertTrue(again.equals(y), "same seed, same draws");
  }

  @Test
  void badStepsAndTemperaturesAreRefusedNamingThem() {
    Quadratic q = new Quadratic();
    INDArray x = normals(3, 2, 1);
    var ex = assertThrows(IllegalArgumentException.class,
        () -> Inference.gradientDescent(q, x, Batches.zeros(3, 2), -0.1, 10));
    assertTrue(ex.getMessage().contains("stepSize") && ex.getMessage().contains("-0.1"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> Inference.langevin(q, x, Batches.zeros(3, 2), 0.1, 10, 0, 1L));
    assertTrue(ex.getMessage().contains("temperature"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> Inference.gradientDescent(q, x, Batches.zeros(4, 2), 0.1, 10));
    assertTrue(ex.getMessage().contains("y0"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> Inference.gradientDescent(q, x, Batches.zeros(3, 2).addi(1), 1.0, 1000));
    assertTrue(ex.getMessage().contains("diverged"), ex.getMessage());
  }
}
