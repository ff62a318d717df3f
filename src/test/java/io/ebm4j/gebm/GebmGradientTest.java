package io.ebm4j.gebm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Analytic gradients of the generator, the latent energy and both KALE steps against central differences. */
class GebmGradientTest {
  private static final double H = 1e-5;

  private static Gebm model(LatentPrior prior) {
    return Gebm.builder(3, 2).energyHidden(8, 7).generatorHidden(6, 5).generatorActivation(Activation.TANH)
        .prior(prior).seed(11).build();
  }

  private static INDArray normals(int n, int d, long seed) {
    INDArray x = Batches.zeros(n, d);
    new Rng(seed).fillNormal(Batches.buffer(x), n * d);
    return x;
  }

  /** Central difference of f in coordinate q of buffer b. */
  private static double fd(DoubleBuffer b, int q, DoubleSupplier f) {
    double v = b.get(q);
    b.put(q, v + H);
    double up = f.getAsDouble();
    b.put(q, v - H);
    double down = f.getAsDouble();
    b.put(q, v);
    return (up - down) / (2 * H);
  }

  private static double dot(INDArray a, INDArray b) {
    return a.mul(b).sumNumber().doubleValue();
  }

  @Test
  void generatorVjpMatchesFiniteDifferencesInLatentsAndParameters() {
    for (LatentPrior prior : LatentPrior.values()) {
      Gebm q = model(prior);
      Generator g = q.base();
      INDArray u = normals(5, 2, 1);
      INDArray xbar = normals(5, 3, 2);
      INDArray ubar = Batches.zeros(5, 2);
      INDArray grad = Batches.zeros(q.numParams());
      g.vjp(u, xbar, ubar, grad);
      DoubleSupplier f = () -> dot(g.generate(u), xbar);
      double tol = prior == LatentPrior.UNIFORM ? 1e-5 : 1e-7;
      DoubleBuffer ub = Batches.buffer(u);
      for (int k = 0; k < 10; k++) {
        assertEquals(fd(ub, k, f), Batches.buffer(ubar).get(k), tol, prior + " d/du[" + k + "]");
      }
      DoubleBuffer pb = Batches.buffer(q.params());
      for (int k = q.baseOffset(); k < q.numParams(); k += 3) {
        assertEquals(fd(pb, k, f), Batches.buffer(grad).get(k), 1e-6, prior + " d/dtheta[" + k + "]");
      }
    }
  }

  @Test
  void latentEnergyGradientIsPriorScorePlusPulledBackEnergyGradient() {
    for (double t : new double[] {1.0, 7.5}) {
      Gebm q = model(LatentPrior.GAUSSIAN);
      LatentEnergy le = q.latentEnergy(t);
      INDArray u = normals(6, 2, 3);
      INDArray g = le.gradX(u);
      DoubleBuffer ub = Batches.buffer(u);
      for (int k = 0; k < 12; k++) {
        int kk = k;
        double num = fd(ub, k, () -> le.energy(u).getDouble(kk / 2));
        assertEquals(num, Batches.buffer(g).get(k), 1e-7, "T=" + t + " grad[" + k + "]");
      }
      // the energy itself: |u|^2/2 + E(G(u))/T
      INDArray x = q.base().generate(u);
      double expected = 0.5 * (u.getDouble(0, 0) * u.getDouble(0, 0) + u.getDouble(0, 1) * u.getDouble(0, 1))
          + q.energy(x).getDouble(0) / t;
      assertEquals(expected, le.energy(u).getDouble(0), 1e-12);
    }
  }

  @Test
  void energyStepGradientIsTheGradientOfTheNegatedLowerBoundWithPenalty() {
    Gebm q = model(LatentPrior.GAUSSIAN);
    KaleTrainer t = KaleTrainer.of(q, normals(50, 3, 4)).gradientPenalty(0.3);
    q.params().putScalar(q.energyParamCount(), 0.4);   // c
    INDArray xp = normals(7, 3, 5);
    INDArray xg = normals(7, 3, 6).muli(1.5);
    INDArray gradPsi = Batches.zeros(q.energyParamCount());
    DoubleBuffer gc = DoubleBuffer.allocate(1);
    t.energyGradient(xp, xg, gradPsi, gc);
    DoubleBuffer scratchC = DoubleBuffer.allocate(1);
    INDArray scratch = Batches.zeros(q.energyParamCount());
    DoubleSupplier loss = () -> t.energyGradient(xp, xg, scratch, scratchC)[4];
    DoubleBuffer pb = Batches.buffer(q.params());
    for (int k = 0; k < q.energyParamCount(); k += 4) {
      assertEquals(fd(pb, k, loss), Batches.buffer(gradPsi).get(k), 1e-6, "dL/dpsi[" + k + "]");
    }
    assertEquals(fd(pb, q.energyParamCount(), loss), gc.get(0), 1e-7, "dL/dc");
  }

  @Test
  void baseStepGradientIsTheEnvelopeGradientOfTheLogMeanTilt() {
    Gebm q = model(LatentPrior.GAUSSIAN);
    KaleTrainer t = KaleTrainer.of(q, normals(50, 3, 4));
    INDArray u = normals(9, 2, 7);
    INDArray grad = Batches.zeros(q.numParams());
    t.baseGradient(u, false, grad);
    // self-normalised weights: the gradient of -log sum_i exp(-E(G_theta(u_i)))
    DoubleSupplier f = () -> {
      INDArray e = q.energy(q.base().generate(u));
      double m = e.minNumber().doubleValue();
      double s = 0;
      for (int i = 0; i < e.length(); i++) {
        s += Math.exp(-(e.getDouble(i) - m));
      }
      return -(Math.log(s) - m);
    };
    DoubleBuffer pb = Batches.buffer(q.params());
    for (int k = q.baseOffset(); k < q.numParams(); k += 2) {
      assertEquals(fd(pb, k, f), Batches.buffer(grad).get(k), 1e-7, "dKALE/dtheta[" + k + "]");
    }
    // equal weights (latents already from nu): the gradient of mean_i E(G_theta(u_i))
    t.baseGradient(u, true, grad);
    DoubleSupplier mean = () -> q.energy(q.base().generate(u)).meanNumber().doubleValue();
    for (int k = q.baseOffset(); k < q.numParams(); k += 2) {
      assertEquals(fd(pb, k, mean), Batches.buffer(grad).get(k), 1e-7, "E_nu gradient[" + k + "]");
    }
  }

  @Test
  void paramsAreTheLiveConcatenationOfEnergyNormaliserAndGenerator() {
    Gebm q = model(LatentPrior.GAUSSIAN);
    assertEquals(q.energyParamCount() + 1 + q.base().numParams(), q.numParams());
    assertEquals("c", q.paramNames()[q.energyParamCount()]);
    INDArray x = normals(4, 3, 8);
    double before = q.energy(x).getDouble(0);
    q.params().putScalar(q.energyParamCount() - 1, q.params().getDouble(q.energyParamCount() - 1) + 0.5);
    assertEquals(before + 0.5, q.energy(x).getDouble(0), 1e-12, "writing the output bias shifts E");
    INDArray u = normals(4, 2, 9);
    INDArray g0 = q.base().generate(u);
    Gebm copy = q.copy();
    q.params().putScalar(q.numParams() - 1, q.params().getDouble(q.numParams() - 1) + 1.0);
    assertEquals(g0.getDouble(0, 2) + 1.0, q.base().generate(u).getDouble(0, 2), 1e-12, "last output bias");
    assertEquals(g0.getDouble(0, 2), copy.base().generate(u).getDouble(0, 2), 1e-12, "the copy is independent");
    assertThrows(IllegalArgumentException.class, () -> q.latentEnergy(0));
  }
}
