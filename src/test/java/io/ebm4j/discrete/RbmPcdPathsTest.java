package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Sigmoid;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A PCD fit gives the same numbers whether it runs the scalar loops (a fresh JVM, before the background compilation
 * is done) or the vector loops (after): this class runs in its own JVM, so its first fit starts on the scalar path.
 */
class RbmPcdPathsTest {
  @Test
  void theFirstFitInAFreshJvmAndALaterOneGiveTheSameBits() throws InterruptedException {
    INDArray data = BinaryStates.random(300, 64, Encoding.ZERO_ONE, 1);
    boolean coldAtStart = !Sigmoid.vectorised() && !RowSums.vectorised();
    double[] first = fit(data);
    long t0 = System.nanoTime();
    while (!(Sigmoid.vectorised() && RowSums.vectorised()) && System.nanoTime() - t0 < 60_000_000_000L) {
      Thread.sleep(20);
    }
    assertTrue(coldAtStart, "the first fit started before the vector loops were compiled");
    assertTrue(Sigmoid.vectorised() && RowSums.vectorised(), "the vector loops compiled within a minute");
    assertArrayEquals(first, fit(data));
  }

  private static double[] fit(INDArray data) {
    Rbm init = Rbm.random(64, 100, 0.01, new Rng(2)).visibleBiasFrom(data);
    RbmFit f = RbmTraining.of(init).method(RbmMethods.pcd(1).walkers(20)).learningRate(0.05).batchSize(20)
        .epochs(3).logEvery(3).seed(3).fit(data);
    return Batches.toArray(f.rbm().params());
  }
}
