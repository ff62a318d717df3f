package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class BoltzmannNewtonTest {
  @Test
  void logLikelihoodGradientIsDataMomentsMinusModelMoments() {
    BoltzmannMachine bm = BoltzmannMachineTest.random(5, 0.7, 41);
    INDArray data = BoltzmannTrainingTest.draws(BoltzmannMachineTest.random(5, 0.7, 42), 500, 43);
    double[] dataMoments = Batches.toArray(bm.moments(data));
    double[] model = BoltzmannNewton.modelMoments(bm);
    double worst = 0;
    for (int k = 0; k < bm.numParams(); k++) {
      double fd = FiniteDifferences.dParam(bm, k, 1e-5, () -> BoltzmannNewton.logLikelihood(bm, data));
      worst = Math.max(worst, Math.abs(fd - (dataMoments[k] - model[k])));
    }
    System.out.printf("log-likelihood gradient vs central differences, n = 5: max error %.2e%n", worst);
    assertTrue(worst < 1e-8, "max |FD - (data - model moments)| = " + worst);
  }

  @Test
  void covarianceIsMinusTheHessianOfTheLogLikelihood() {
    BoltzmannMachine bm = BoltzmannMachineTest.random(4, 0.7, 44);
    double[][] cov = BoltzmannNewton.covariance(bm);
    double worst = 0;
    int p = bm.numParams();
    for (int l = 0; l < p; l++) {
      final int ll = l;
      for (int k = 0; k < p; k++) {
        // d/dtheta_k of E_theta[T_l] = Cov(T_k, T_l), i.e. minus d^2 loglik / dtheta_k dtheta_l
        double fd = FiniteDifferences.dParam(bm, k, 1e-5, () -> BoltzmannNewton.modelMoments(bm)[ll]);
        worst = Math.max(worst, Math.abs(fd - cov[k][l]));
      }
    }
    System.out.printf("Fisher information vs central differences of the model moments, n = 4: max error %.2e%n",
        worst);
    assertTrue(worst < 1e-8, "max |FD - Cov| = " + worst);
  }

  @Test
  void newtonAgreesWithExactMomentMatching() {
    BoltzmannMachine truth = BoltzmannMachineTest.random(6, 0.5, 31);
    INDArray data = BoltzmannTrainingTest.draws(truth, 3000, 32);
    BoltzmannFit newton = BoltzmannNewton.of(BoltzmannMachine.of(6)).tolerance(1e-12).fit(data);
    BoltzmannFit ascent = BoltzmannTraining.of(BoltzmannMachine.of(6)).exactMoments().learningRate(1.0).steps(50_000)
        .tolerance(1e-10).logEvery(1000).fit(data);
    double diff = 0;
    double[] a = Batches.toArray(newton.model().params());
    double[] b = Batches.toArray(ascent.model().params());
    for (int k = 0; k < a.length; k++) {
      diff = Math.max(diff, Math.abs(a[k] - b[k]));
    }
    int steps = newton.history().rowCount() - 1;
    System.out.printf("Newton: gap %.1e in %d steps; ascent: gap %.1e; max |theta_N - theta_A| = %.2e%n",
        newton.momentGap(), steps, ascent.momentGap(), diff);
    assertTrue(newton.momentGap() <= 1e-12, "Newton's moment gap " + newton.momentGap());
    assertTrue(steps <= 15, "Newton took " + steps + " steps");
    assertTrue(diff < 1e-7, "max |theta_Newton - theta_ascent| = " + diff);
    double[] ll = newton.history().doubleColumn("logLikelihood").asDoubleArray();
    for (int t = 1; t < ll.length; t++) {
      assertTrue(ll[t] >= ll[t - 1] - 1e-12, "log-likelihood fell at step " + t);
    }
  }

  @Test
  void badSettingsAreRejectedNamingThem() {
    String m = assertThrows(IllegalArgumentException.class, () -> BoltzmannNewton.of(BoltzmannMachine.of(3))
        .tolerance(-1)).getMessage();
    assertTrue(m.contains("tolerance") && m.contains("-1"), m);
    m = assertThrows(IllegalArgumentException.class, () -> BoltzmannNewton.of(BoltzmannMachine.of(21))).getMessage();
    assertTrue(m.contains("21"), m);
    m = assertThrows(IllegalArgumentException.class, () -> BoltzmannNewton.of(BoltzmannMachine.of(3))
        .fit(Batches.zeros(2, 4))).getMessage();
    assertTrue(m.contains("data"), m);
  }
}
