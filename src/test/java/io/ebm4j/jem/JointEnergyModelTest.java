package io.ebm4j.jem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * E(x) = -logsumexp f(x), E(x, y) = -f(x)[y] and the cross-entropy: values against their definitions from the
 * logits, every input and parameter gradient against central differences.
 */
class JointEnergyModelTest {
  private static JointEnergyModel model() {
    return JointEnergyModel.builder(4, 3).hidden(6, 5).seed(3).build();
  }

  private static INDArray x() {
    INDArray x = Batches.zeros(5, 4);
    new Rng(9).fillNormal(Batches.buffer(x), 20);
    return x;
  }

  @Test
  void energyIsMinusLogSumExpOfTheLogitsAndProbabilitiesTheirSoftmax() {
    JointEnergyModel m = model();
    INDArray x = x();
    INDArray f = m.logits(x);
    INDArray p = m.predictProbabilities(x);
    INDArray e = m.energy(x);
    for (int i = 0; i < 5; i++) {
      double s = 0;
      for (int k = 0; k < 3; k++) {
        s += Math.exp(f.getDouble(i, k));
      }
      assertEquals(-Math.log(s), e.getDouble(i), 1e-12);
      for (int k = 0; k < 3; k++) {
        assertEquals(Math.exp(f.getDouble(i, k)) / s, p.getDouble(i, k), 1e-12);
      }
      assertEquals(-f.getDouble(i, 1), m.classEnergy(1).energy(x).getDouble(i), 1e-12);
    }
  }

  @Test
  void gradientsInXOfTheMarginalAndClassEnergiesMatchCentralDifferences() {
    JointEnergyModel m = model();
    INDArray x = x();
    for (Energy e : new Energy[] {m, m.classEnergy(0), m.classEnergy(2)}) {
      INDArray g = e.gradX(x);
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 4; j++) {
          assertEquals(FiniteDifferences.gradX(e, x, i, j, 1e-5), g.getDouble(i, j), 1e-8, e + " at " + i + "," + j);
        }
      }
    }
  }

  @Test
  void parameterGradientsOfEnergyAndCrossEntropyMatchCentralDifferences() {
    JointEnergyModel m = model();
    INDArray x = x();
    INDArray w = Batches.vector(0.5, -1, 2, 0.3, 1);
    int[] y = {0, 2, 1, 1, 0};
    double[] ge = FiniteDifferences.paramGradient(m, x, w);
    INDArray gc = Batches.zeros(m.numParams());
    double ce = m.accumulateCrossEntropyGradient(x, y, 0.7, gc);
    assertEquals(m.crossEntropy(x, y), ce, 1e-12);
    for (int k = 0; k < m.numParams(); k++) {
      double fe = FiniteDifferences.dParam(m, k, 1e-5, () -> m.energy(x).mul(w).sumNumber().doubleValue());
      assertEquals(fe, ge[k], 1e-8 * Math.max(1, Math.abs(fe)), "dE/d" + m.paramNames()[k]);
      double fc = 0.7 * 5 * FiniteDifferences.dParam(m, k, 1e-5, () -> m.crossEntropy(x, y));
      assertEquals(fc, gc.getDouble(k), 1e-8 * Math.max(1, Math.abs(fc)), "dCE/d" + m.paramNames()[k]);
    }
  }

  @Test
  void copyHasTheSameNumbersAndIndependentParameters() {
    JointEnergyModel m = model();
    JointEnergyModel c = m.copy();
    assertArrayEquals(Batches.toArray(m.energy(x())), Batches.toArray(c.energy(x())), 0.0);
    c.params().addi(1);
    assertTrue(m.energy(x()).getDouble(0) != c.energy(x()).getDouble(0));
  }

  @Test
  void badLabelsAndShapesAreRefusedNamingTheParameter() {
    JointEnergyModel m = model();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.crossEntropy(x(), new int[] {0, 1, 2, 3, 0}));
    assertTrue(e.getMessage().contains("labels") && e.getMessage().contains("3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.classEnergy(3));
    assertThrows(IllegalArgumentException.class, () -> m.predictProbabilities(Batches.zeros(2, 3)));
    assertThrows(IllegalArgumentException.class, () -> JointEnergyModel.builder(4, 1));
  }
}
