package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

class RbmTrainingHistoryTest {
  private static final INDArray DATA = BinaryStates.random(60, 8, Encoding.ZERO_ONE, 1);

  @Test
  void historyHasARowEveryLogEveryEpochsAndTheLastWithGrowingUpdateSeconds() {
    Table h = RbmTraining.of(Rbm.random(8, 5, 0.1, new Rng(2))).method(RbmMethods.pcd(1).walkers(10))
        .batchSize(10).epochs(7).logEvery(3).seed(3).fit(DATA).history();
    assertArrayEquals(new int[] {0, 3, 6, 7}, h.intColumn("epoch").asIntArray());
    assertArrayEquals(new double[] {0, 18, 36, 42}, h.doubleColumn("updates").asDoubleArray());
    double[] s = h.doubleColumn("seconds").asDoubleArray();
    assertEquals(0.0, s[0]);
    for (int i = 1; i < s.length; i++) {
      assertTrue(s[i] > s[i - 1], "seconds must grow: " + java.util.Arrays.toString(s));
    }
  }

  @Test
  void sameSeedSameParametersWhateverTheLogging() {
    RbmTraining a = RbmTraining.of(Rbm.random(8, 5, 0.1, new Rng(2))).method(RbmMethods.cd(2)).batchSize(10)
        .epochs(5).seed(4);
    double[] p1 = a.logEvery(1).fit(DATA).rbm().params().toDoubleVector();
    double[] p2 = a.logEvery(5).fit(DATA).rbm().params().toDoubleVector();
    assertArrayEquals(p1, p2, 0.0);
  }

  @Test
  void badLogEveryNamesTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RbmTraining.of(Rbm.of(4, 3)).logEvery(0));
    assertTrue(e.getMessage().contains("logEvery") && e.getMessage().contains("0"), e.getMessage());
  }
}
