package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

class BoltzmannTrainingTest {
  /** n exact draws from a machine, by inverting its enumerated distribution. */
  static INDArray draws(BoltzmannMachine bm, int n, long seed) {
    double[] p = ExactPartition.probabilities(bm);
    int d = bm.dim();
    Rng rng = new Rng(seed);
    INDArray x = Batches.zeros(n, d);
    for (int i = 0; i < n; i++) {
      double u = rng.uniform();
      int s = 0;
      double cum = p[0];
      while (u >= cum && s < p.length - 1) {
        cum += p[++s];
      }
      for (int k = 0; k < d; k++) {
        x.putScalar(i, k, (s >> k) & 1);
      }
    }
    return x;
  }

  @Test
  void exactMomentMatchingReachesTheMaximumLikelihoodParameters() {
    BoltzmannMachine truth = BoltzmannMachineTest.random(6, 0.5, 31);
    INDArray data = draws(truth, 3000, 32);
    // every state occurs, so the data moments lie inside the marginal polytope and the maximum exists
    long[] counts = new long[64];
    for (int i = 0; i < data.rows(); i++) {
      counts[ExactPartition.index(data, i)]++;
    }
    for (long c : counts) {
      assertTrue(c > 0);
    }
    BoltzmannFit fit = BoltzmannTraining.of(BoltzmannMachine.of(6)).exactMoments().learningRate(1.0).steps(50_000)
        .tolerance(1e-8).logEvery(100).fit(data);
    double[] dataMoments = Batches.toArray(fit.model().moments(data));
    double[] model = Batches.toArray(ExactPartition.expectedParamGradient(fit.model()));
    double gap = 0;
    for (int k = 0; k < model.length; k++) {
      gap = Math.max(gap, Math.abs(dataMoments[k] + model[k]));
    }
    Table h = fit.history();
    System.out.printf("exact moment matching n=6: gap %.2e after %d steps, log-likelihood %.6f%n", gap,
        h.intColumn("step").get(h.rowCount() - 1), h.doubleColumn("logLikelihood").get(h.rowCount() - 1));
    assertTrue(gap < 1e-6, "moment gap " + gap);
    assertEquals(gap, fit.momentGap(), 1e-12);
    // the likelihood never decreased (concave objective, small enough step)
    double[] ll = h.doubleColumn("logLikelihood").asDoubleArray();
    for (int t = 1; t < ll.length; t++) {
      assertTrue(ll[t] >= ll[t - 1] - 1e-12, "log-likelihood fell at row " + t);
    }
    // and the fit beats the true parameters on the training data
    double llTruth = -truth.energy(data).meanNumber().doubleValue() - ExactPartition.logZ(truth);
    assertTrue(ll[ll.length - 1] >= llTruth, ll[ll.length - 1] + " vs " + llTruth);
  }

  @Test
  void gibbsMomentMatchingGetsCloseToTheExactFit() {
    BoltzmannMachine truth = BoltzmannMachineTest.random(6, 0.5, 33);
    INDArray data = draws(truth, 3000, 34);
    BoltzmannFit gibbs = BoltzmannTraining.of(BoltzmannMachine.of(6)).gibbsMoments(2000, 1).learningRate(0.2)
        .steps(400).seed(35).fit(data);
    double[] dataMoments = Batches.toArray(gibbs.model().moments(data));
    double[] model = Batches.toArray(ExactPartition.expectedParamGradient(gibbs.model()));
    double gap = 0;
    for (int k = 0; k < model.length; k++) {
      gap = Math.max(gap, Math.abs(dataMoments[k] + model[k]));
    }
    System.out.printf("Gibbs moment matching n=6: exact moment gap %.4f%n", gap);
    assertTrue(gap < 0.03, "exact moment gap of the Gibbs fit " + gap);
  }
}
