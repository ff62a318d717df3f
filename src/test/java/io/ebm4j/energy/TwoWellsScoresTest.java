package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The two wells' score-matching objectives against their definitions, alone and inside a sum. */
class TwoWellsScoresTest {
  private static final INDArray X = ScoreChecks.normals(6, 2, 1.5, 7);

  private static TwoWells wells() {
    return Energies.twoWells(new double[] {-1, 0}, new double[] {1.5, 0.5}).withZ(0.3);
  }

  @Test
  void everyScoreObjectiveAndItsGradientMatchCentralDifferences() {
    TwoWells w = wells();
    assertTrue(w instanceof SlicedScoreMatchable && w instanceof DenoisingScoreMatchable);
    ScoreChecks.checkCapabilities(w, X, 1, 1e-5);
  }

  @Test
  void twoWellsPlusAGaussianKeepsScoreMatching() {
    SumEnergy s = Energies.plus(wells(), Energies.gaussian(new double[] {0, 0}, new double[] {3, 3}));
    assertTrue(s instanceof ScoreMatchable && s instanceof SlicedScoreMatchable
        && s instanceof DenoisingScoreMatchable);
    ScoreChecks.checkCapabilities(s, X, 1, 1e-5);
  }
}
