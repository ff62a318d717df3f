package io.ebm4j.conditional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LossesTest {
  private static final double M = 1.0;
  private static final double CAP = 0.5;
  private static final double BETA = 2.0;

  /** The row e = (1.0, 0.2, 3.0) with correct answer 0: Ybar = 1 and E_Y - E_Ybar = 0.8. */
  private static double value(Loss l) {
    return l.evaluate(Batches.zeros(1, 3).assign(Batches.vector(1.0, 0.2, 3.0).reshape(1, 3)), new int[] {0}, null);
  }

  @Test
  void eachLossHasTheTutorialsValueOnAHandComputedRow() {
    double d = 0.8;
    double z = Math.exp(-BETA * 1.0) + Math.exp(-BETA * 0.2) + Math.exp(-BETA * 3.0);
    assertEquals(1.0, value(Losses.energy()), 1e-15);
    assertEquals(d, value(Losses.perceptron()), 1e-15);
    assertEquals(M + d, value(Losses.hinge(M)), 1e-15);
    assertEquals(Math.log(1 + Math.exp(d)), value(Losses.log()), 1e-15);
    assertEquals(CAP, value(Losses.lvq2(CAP)), 1e-15);
    assertEquals(0.7, value(Losses.lvq2(2.0)) - 0.1, 1e-15);
    assertEquals(1 / (1 + Math.exp(-d)), value(Losses.mce()), 1e-15);
    assertEquals(1.0 + Math.pow(M - 0.2, 2), value(Losses.squareSquare(M)), 1e-15);
    assertEquals(1.0 + BETA * Math.exp(-0.2), value(Losses.squareExp(BETA)), 1e-15);
    assertEquals(1.0 + Math.log(z) / BETA, value(Losses.nll(BETA)), 1e-14);
    assertEquals(1 - Math.exp(-BETA * 1.0) / z, value(Losses.mee(BETA)), 1e-15);
  }

  @Test
  void theMostOffendingAnswerIsTheLowestEnergyIncorrectOne() {
    INDArray e = Batches.vector(0.5, 0.1, 0.3, 0.1).reshape(1, 4).dup();
    DoubleBuffer b = Batches.buffer(e);
    assertEquals(3, Losses.mostOffending(b, 0, 4, 1), "correct answer 1 is the lowest; next lowest is 3");
    assertEquals(1, Losses.mostOffending(b, 0, 4, 0), "ties go to the smallest index");
    assertEquals(1, Losses.mostOffending(b, 0, 4, 2));
  }

  @Test
  void correctlyClassifiedWithMarginGivesZeroHingeAndPerceptronLoss() {
    INDArray e = Batches.vector(0.0, 2.0, 3.0).reshape(1, 3).dup();
    INDArray g = Batches.zeros(1, 3);
    assertEquals(0.0, Losses.hinge(1.0).evaluate(e, new int[] {0}, g), 0);
    assertEquals(0.0, g.sumNumber().doubleValue(), 0);
    assertEquals(0.0, Losses.perceptron().evaluate(e, new int[] {0}, g), 0);
    assertEquals(0.0, Losses.lvq2(1.0).evaluate(e, new int[] {0}, g), 0);
    assertEquals(1.0, Losses.hinge(3.0).evaluate(e, new int[] {0}, g), 1e-15, "margin 3 > gap 2");
  }

  /** Rows of energies in [0, 3] away from every kink: ties, hinge corner, LVQ2's 0 and cap. */
  private static INDArray smoothRows(int n, int k, int[] labels, long seed) {
    Rng rng = new Rng(seed);
    INDArray e = Batches.zeros(n, k);
    DoubleBuffer b = Batches.buffer(e);
    for (int i = 0; i < n; i++) {
      boolean ok = false;
      while (!ok) {
        for (int y = 0; y < k; y++) {
          b.put(i * k + y, 3 * rng.uniform());
        }
        labels[i] = rng.nextInt(k);
        ok = true;
        for (int a = 0; a < k; a++) {
          for (int c = a + 1; c < k; c++) {
            ok &= Math.abs(b.get(i * k + a) - b.get(i * k + c)) > 0.02;
          }
        }
        double dd = b.get(i * k + labels[i]) - b.get(i * k + Losses.mostOffending(b, i * k, k, labels[i]));
        ok &= Math.abs(dd) > 0.02 && Math.abs(dd + M) > 0.02 && Math.abs(dd - CAP) > 0.02;
      }
    }
    return e;
  }

  @Test
  void everyLossGradientMatchesCentralDifferencesInTheEnergies() {
    int n = 40;
    int k = 4;
    int[] labels = new int[n];
    INDArray e = smoothRows(n, k, labels, 11);
    double eps = 1e-6;
    for (String name : Losses.NAMES) {
      Loss l = Losses.byName(name, M, CAP, BETA);
      INDArray g = Batches.zeros(n, k);
      l.evaluate(e, labels, g);
      double worst = 0;
      int nonzero = 0;
      for (int i = 0; i < n; i++) {
        for (int y = 0; y < k; y++) {
          INDArray ep = e.dup();
          INDArray em = e.dup();
          ep.putScalar(i, y, e.getDouble(i, y) + eps);
          em.putScalar(i, y, e.getDouble(i, y) - eps);
          double fd = (l.evaluate(ep, labels, null) - l.evaluate(em, labels, null)) / (2 * eps);
          worst = Math.max(worst, Math.abs(fd - g.getDouble(i, y)));
          nonzero += g.getDouble(i, y) != 0 ? 1 : 0;
        }
      }
      assertTrue(worst < 1e-7, name + ": largest |analytic - finite difference| = " + worst);
      assertTrue(nonzero > 0, name + ": some derivative must be nonzero");
    }
  }

  @Test
  void hingeAndLvq2RowsExerciseBothSidesOfTheirKinks() {
    int n = 40;
    int[] labels = new int[n];
    INDArray e = smoothRows(n, 4, labels, 11);
    int[] active = new int[2];
    for (int i = 0; i < n; i++) {
      INDArray row = e.getRow(i).reshape(1, 4).dup();
      INDArray g = Batches.zeros(1, 4);
      Losses.hinge(M).evaluate(row, new int[] {labels[i]}, g);
      active[g.getDouble(0, labels[i]) != 0 ? 1 : 0]++;
    }
    assertTrue(active[0] > 0 && active[1] > 0, "hinge rows inactive/active: " + active[0] + "/" + active[1]);
  }

  @Test
  void badHyperparametersAndLabelsAreRefusedNamingThem() {
    var ex = assertThrows(IllegalArgumentException.class, () -> Losses.hinge(-1));
    assertTrue(ex.getMessage().contains("margin") && ex.getMessage().contains("-1"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> Losses.nll(Double.NaN));
    assertTrue(ex.getMessage().contains("beta"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> Losses.lvq2(0));
    assertTrue(ex.getMessage().contains("cap"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> Losses.byName("hing", 1, 1, 1));
    assertTrue(ex.getMessage().contains("hing") && ex.getMessage().contains("hinge"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> Losses.energy().evaluate(Batches.zeros(2, 3), new int[] {0, 3}, null));
    assertTrue(ex.getMessage().contains("labels") && ex.getMessage().contains("3"), ex.getMessage());
  }
}
