package io.ebm4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ebm4j.nd.Batches;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Each activation's derivatives against central differences of the one below, and the fused kernel. */
class ActivationTest {
  private static final double[] Z = {-3.1, -0.7, -0.05, 0.2, 1.3, 4.0};
  private static final double H = 1e-5;

  @ParameterizedTest
  @EnumSource(Activation.class)
  void derivativesMatchFiniteDifferences(Activation a) {
    for (double z : Z) {
      assertEquals((a.value(z + H) - a.value(z - H)) / (2 * H), a.d1(z), 1e-8, a + " d1 at " + z);
      assertEquals((a.d1(z + H) - a.d1(z - H)) / (2 * H), a.d2(z), 1e-8, a + " d2 at " + z);
      assertEquals((a.d2(z + H) - a.d2(z - H)) / (2 * H), a.d3(z), 1e-8, a + " d3 at " + z);
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void fusedKernelAgreesWithScalarMethods(Activation a) {
    int n = Z.length;
    var zs = Nd4j.createFromArray(Z);
    var bias = Nd4j.zeros(DataType.DOUBLE, n).addi(0.25);
    var out = Nd4j.zeros(DataType.DOUBLE, n);
    double[] s1 = new double[n];
    double[] s2 = new double[n];
    double[] s3 = new double[n];
    a.apply(Vec.of(zs), Batches.toArray(bias), Vec.of(out), 0, n, s1, s2, s3);
    for (int k = 0; k < n; k++) {
      double z = Z[k] + 0.25;
      assertEquals(a.value(z), out.getDouble(k), 1e-14, a + " value");
      assertEquals(a.d1(z), s1[k], 1e-14, a + " d1");
      assertEquals(a.d2(z), s2[k], 1e-14, a + " d2");
      assertEquals(a.d3(z), s3[k], 1e-14, a + " d3");
    }
  }

  @org.junit.jupiter.api.Test
  void softplusIsStableForLargeInputs() {
    assertEquals(800.0, Activation.SOFTPLUS.value(800.0), 1e-12);
    assertEquals(0.0, Activation.SOFTPLUS.value(-800.0), 1e-300);
    assertEquals(1.0, Activation.SILU.d1(800.0), 1e-12);
  }
}
