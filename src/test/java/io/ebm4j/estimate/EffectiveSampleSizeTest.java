package io.ebm4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;

class EffectiveSampleSizeTest {
  @Test
  void equalWeightsHaveFullEssAndTheirLogMean() {
    DoubleBuffer a = DoubleBuffer.wrap(new double[] {3, 3, 3, 3});
    WeightSummary s = EffectiveSampleSize.normalize(a, 4, DoubleBuffer.allocate(4));
    assertEquals(1.0, s.essFraction(), 1e-15);
    assertEquals(3.0, s.logMeanExp(), 1e-15);
  }

  @Test
  void oneDominantWeightGivesEssOneOverN() {
    DoubleBuffer a = DoubleBuffer.wrap(new double[] {0, -1000, -1000, -1000});
    DoubleBuffer out = DoubleBuffer.allocate(4);
    WeightSummary s = EffectiveSampleSize.normalize(a, 4, out);
    assertEquals(0.25, s.essFraction(), 1e-12);
    assertEquals(1.0, out.get(0), 1e-15);
    assertEquals(Math.log(0.25), s.logMeanExp(), 1e-12);
  }

  @Test
  void hugeLogWeightsDoNotOverflow() {
    DoubleBuffer a = DoubleBuffer.wrap(new double[] {1000, 1000 + Math.log(3)});
    WeightSummary s = EffectiveSampleSize.normalize(a, 2, DoubleBuffer.allocate(2));
    assertEquals(1000 + Math.log(2), s.logMeanExp(), 1e-12);
    assertEquals(16.0 / (2 * 10), s.essFraction(), 1e-12);
  }

  @Test
  void nonFiniteLogWeightsAreReported() {
    DoubleBuffer a = DoubleBuffer.wrap(new double[] {Double.NaN, Double.NaN});
    assertThrows(IllegalStateException.class, () -> EffectiveSampleSize.fraction(a, 2));
  }
}
