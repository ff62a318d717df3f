package io.ebm4j.nd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The float logistic function is accurate to about 1e-7 and its vector and scalar loops give the same bits. */
class SigmoidTest {
  private static float[] inputs() {
    Random rnd = new Random(3);
    float[] a = new float[100_003]; // not a multiple of any vector length: the tail is exercised
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) ((rnd.nextDouble() - 0.5) * 200);
    }
    float[] special = {0f, -0f, 1e-30f, -1e-30f, 87f, -87f, 88f, -88f, 1e6f, -1e6f, Float.MAX_VALUE, -Float.MAX_VALUE};
    System.arraycopy(special, 0, a, 0, special.length);
    for (int i = 0; i < 20_000; i++) {
      a[special.length + i] = (float) ((rnd.nextDouble() - 0.5) * 16); // dense where sigma varies
    }
    return a;
  }

  @Test
  void withinOneTenMillionthOfTheExactLogisticFunction() {
    float[] a = inputs();
    float[] s = a.clone();
    Sigmoid.apply(s, 0, s.length);
    for (int i = 0; i < a.length; i++) {
      double exact = 1.0 / (1.0 + Math.exp(-(double) a[i]));
      assertEquals(exact, s[i], 1.2e-7, "sigma(" + a[i] + ")");
    }
  }

  @Test
  void vectorLoopGivesTheScalarLoopsBits() {
    assertTrue(WarmUp.vectorApi(), "tests run with the jdk.incubator.vector module");
    float[] a = inputs();
    float[] v = a.clone();
    float[] s = a.clone();
    VectorSigmoid.apply(v, 1, v.length - 1);
    Sigmoid.scalar(s, 1, s.length - 1);
    for (int i = 0; i < a.length; i++) {
      assertEquals(Float.floatToRawIntBits(s[i]), Float.floatToRawIntBits(v[i]), "sigma(" + a[i] + ")");
    }
  }

  @Test
  void theVectorLoopIsTakenOnceWarm() throws InterruptedException {
    float[] a = new float[64];
    Sigmoid.apply(a, 0, a.length);
    long t0 = System.nanoTime();
    while (!Sigmoid.vectorised() && System.nanoTime() - t0 < 60_000_000_000L) {
      Thread.sleep(20);
    }
    assertTrue(Sigmoid.vectorised(), "the vector loop compiled within a minute");
  }

  @Test
  void aBlockOutsideTheArrayIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sigmoid.apply(new float[4], 2, 3));
    assertTrue(e.getMessage().contains("[2, 5)"), e.getMessage());
  }
}
