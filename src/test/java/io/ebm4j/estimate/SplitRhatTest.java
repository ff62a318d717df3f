package io.ebm4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Split-R-hat on chains that agree, chains whose means differ, chains with a trend and chains whose scales differ. */
class SplitRhatTest {
  @Test
  void independentChainsFromOneLawHaveSplitRhatBelow101() {
    double[][] x = AutocorrelationTest.ar1(4, 2000, 0.0, null, 21);
    double r = SplitRhat.of(x);
    double rank = SplitRhat.rankNormalized(x);
    assertTrue(r < 1.01, "split R-hat " + r);
    assertTrue(rank < 1.01, "rank-normalised R-hat " + rank);
  }

  @Test
  void chainsWithShiftedMeansHaveSplitRhatAbove11() {
    double[][] x = AutocorrelationTest.ar1(4, 2000, 0.0, new double[] {0, 1, 0, 1}, 22);
    double r = SplitRhat.of(x);
    assertTrue(r > 1.1, "split R-hat " + r);
    assertTrue(SplitRhat.rankNormalized(x) > 1.1);
  }

  @Test
  void splittingDetectsATrendThatEveryChainShares() {
    // every chain drifts from mean -1 to +1: the whole chains agree, their halves do not
    double[][] x = AutocorrelationTest.ar1(4, 2000, 0.0, null, 23);
    for (double[] c : x) {
      for (int t = 0; t < c.length; t++) {
        c[t] += t < c.length / 2 ? -1 : 1;
      }
    }
    double r = SplitRhat.of(x);
    assertTrue(r > 1.1, "split R-hat " + r);
  }

  @Test
  void foldedRankRhatDetectsChainsThatDifferOnlyInScale() {
    double[][] x = AutocorrelationTest.ar1(4, 2000, 0.0, null, 24);
    for (int t = 0; t < x[3].length; t++) {
      x[3][t] *= 3;
    }
    double r = SplitRhat.of(x);
    double rank = SplitRhat.rankNormalized(x);
    assertTrue(r < 1.02, "split R-hat sees only locations: " + r);
    assertTrue(rank > 1.1, "rank-normalised folded R-hat " + rank);
  }

  @Test
  void rhatOfTwoHalvesMatchesTheFormulaByHand() {
    // one chain {0, 2, 4, 6}: halves {0, 2} and {4, 6}, W = 2, B/N = var(1, 5) = 8, var+ = 1/2 * 2 + 8 = 9
    assertEquals(Math.sqrt(9.0 / 2.0), SplitRhat.of(new double[][] {{0, 2, 4, 6}}), 1e-15);
  }

  @Test
  void normalScoresUseTheStandardNormalQuantile() {
    assertEquals(0.0, RankNormalization.normalQuantile(0.5), 1e-15);
    assertEquals(1.959963984540054, RankNormalization.normalQuantile(0.975), 1e-8);
    assertEquals(-1.959963984540054, RankNormalization.normalQuantile(0.025), 1e-8);
    assertEquals(-3.090232306167813, RankNormalization.normalQuantile(0.001), 1e-8);
    assertEquals(1.0, RankNormalization.normalQuantile(0.8413447460685429), 1e-8);
  }
}
