package io.ebm4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.energy.TwoWells;
import io.ebm4j.nd.Batches;
import io.ebm4j.sample.Kernels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import tech.tablesaw.api.Table;

/** The training loop against toys whose optimum is known: a Gaussian's MLE is the data's mean and variance. */
class TrainingTest {
  private final INDArray data = Energies.gaussian(new double[] {2, -1}, new double[] {1.5, 0.5}).sample(4000, 1);
  private final double[] mean = {data.getColumn(0).meanNumber().doubleValue(),
      data.getColumn(1).meanNumber().doubleValue()};
  private final double[] std = {Math.sqrt(data.getColumn(0).var(false).getDouble(0)),
      Math.sqrt(data.getColumn(1).var(false).getDouble(0))};

  private static Gaussian start() {
    return Energies.standardNormal(2);
  }

  @Test
  void exactMaximumLikelihoodReachesTheDataMeanAndVariance() {
    var run = Ebm.train(start()).on(data).method(Methods.exact()).optimizer(new Sgd(0.1)).steps(3000).logEvery(100)
        .run();
    Gaussian g = run.model();
    for (int j = 0; j < 2; j++) {
      assertEquals(mean[j], g.mean()[j], 1e-6);
      assertEquals(std[j], g.std()[j], 1e-6);
    }
  }

  @Test
  void adamWorksThroughTheNd4jUpdater() {
    var run = Ebm.train(start()).on(data).method(Methods.exact()).optimizer(new Adam(0.05)).steps(2000).logEvery(100)
        .run();
    Gaussian g = run.model();
    assertEquals(mean[0], g.mean()[0], 1e-3);
    assertEquals(std[1], g.std()[1], 1e-3);
  }

  @Test
  void jarzynskiWithMalaFindsTheMleUpToMonteCarloError() {
    var run = Ebm.train(start()).on(data)
        .method(Methods.jarzynski(Kernels.mala(0.1)).walkers(4000).resampleBelowEss(0.5))
        .optimizer(new Sgd(0.05)).steps(1500).seed(3).logEvery(50).run();
    Gaussian g = run.model();
    assertEquals(mean[0], g.mean()[0], 0.1);
    assertEquals(mean[1], g.mean()[1], 0.05);
    assertEquals(std[0], g.std()[0], 0.1);
    assertEquals(std[1], g.std()[1], 0.05);
    // log Z error here is Monte Carlo error accumulated over resamplings with only 4000 walkers (about 0.17 at
    // seed 3, 0.06 with 20000); exactness of the estimator itself is checked in JarzynskiTransportTest
    assertTrue(run.history().doubleColumn("logZError").abs().max() < 0.3);
  }

  @Test
  void quadratureGivesExactLogZAndTheSameOptimumAsTheClosedForm() {
    TwoWells truth = Energies.twoWells(-3, 3).withMassOfB(0.7);
    INDArray d = truth.sample(5000, 2);
    var quad = Ebm.train(Energies.twoWells(-3, 3)).on(d).method(Methods.quadrature(-15, 15, 3001))
        .optimizer(new Sgd(0.5)).steps(400).logEvery(10).run();
    var exact = Ebm.train(Energies.twoWells(-3, 3)).on(d).method(Methods.exact())
        .optimizer(new Sgd(0.5)).steps(400).logEvery(10).run();
    assertTrue(quad.history().doubleColumn("logZError").abs().max() < 1e-9);
    assertEquals(exact.model().z(), quad.model().z(), 1e-8);
  }

  @Test
  void sameSeedSameHistoryAndOtherSeedOtherHistory() {
    TwoWells truth = Energies.twoWells(-4, 4).withMassOfB(0.7);
    INDArray d = truth.sample(2000, 5);
    Method m = Methods.jarzynski(Kernels.ula(0.1)).walkers(2000);
    Table a = Ebm.train(Energies.twoWells(-4, 4)).on(d).method(m).steps(100).seed(9).run().history();
    Table b = Ebm.train(Energies.twoWells(-4, 4)).on(d).method(m).steps(100).seed(9).run().history();
    Table c = Ebm.train(Energies.twoWells(-4, 4)).on(d).method(m).steps(100).seed(10).run().history();
    assertEquals(a.doubleColumn("z").asList(), b.doubleColumn("z").asList());
    assertEquals(a.doubleColumn("logZ").asList(), b.doubleColumn("logZ").asList());
    assertNotEquals(a.doubleColumn("z").asList(), c.doubleColumn("z").asList());
  }

  @Test
  void frozenParametersStayPutAndScaledOnesMoveAtTheirOwnRate() {
    // SGD(1) with per-parameter factors: exactly factor * gradient per step
    var one = Ebm.train(start()).on(data).method(Methods.exact()).optimizer(new Sgd(1.0))
        .scaleGradient(0, 2, 0.1).freeze(3).steps(1).run();
    Gaussian g = one.model();
    // d/dmu_j NLL at mu = 0, sigma = 1 is -mean_j, so one step moves mu_j by 0.1 * mean_j
    assertEquals(0.1 * mean[0], g.mean()[0], 1e-12);
    assertEquals(0.1 * mean[1], g.mean()[1], 1e-12);
    assertEquals(1.0, g.std()[1], 0.0, "frozen log sigma_1");
    assertTrue(g.std()[0] != 1.0, "unfrozen log sigma_0 moved");
    assertThrows(IllegalArgumentException.class, () -> Ebm.train(start()).scaleGradient(3, 9, 1.0));
    assertThrows(IllegalArgumentException.class, () -> Ebm.train(start()).scaleGradient(0, 1, -1.0));
  }

  @Test
  void weightDecayShrinksTheOptimumAsL2Predicts() {
    // with log sigma frozen at 0: d/dmu (NLL + lambda mu^2 / 2) = -(mean - mu) + lambda mu = 0 => mu = mean / (1 + lambda)
    var run = Ebm.train(start()).on(data).method(Methods.exact()).optimizer(new Sgd(0.2)).freeze(2, 3)
        .weightDecay(0.5).steps(400).run();
    Gaussian g = run.model();
    assertEquals(mean[0] / 1.5, g.mean()[0], 1e-9);
    assertEquals(mean[1] / 1.5, g.mean()[1], 1e-9);
  }

  @Test
  void clippingBoundsTheStep() {
    var run = Ebm.train(start()).on(data).method(Methods.exact()).optimizer(new Sgd(1.0)).clipGradientNorm(0.01)
        .steps(1).run();
    double[] p = Batches.toArray(run.model().params());
    double norm = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2] + p[3] * p[3]);
    assertEquals(0.01, norm, 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Ebm.train(start()).clipGradientNorm(0));
    assertThrows(IllegalArgumentException.class, () -> Ebm.train(start()).weightDecay(-1));
  }

  @Test
  void trainingLeavesTheStartingEnergyUntouched() {
    Gaussian s = start();
    Ebm.train(s).on(data).method(Methods.exact()).steps(50).run();
    assertEquals(0.0, s.mean()[0]);
  }

  @Test
  void historyHasTheDocumentedColumns() {
    TwoWells truth = Energies.twoWells(-4, 4).withMassOfB(0.7);
    Table h = Ebm.train(Energies.twoWells(-4, 4)).on(truth.sample(500, 1))
        .method(Methods.jarzynski(Kernels.ula(0.1)).walkers(500)).steps(20).logEvery(5)
        .track("massOfB", TwoWells::massOfB).run().history();
    for (String col : new String[] {"step", "seconds", "massOfB", "z", "logZExact", "essFraction", "resampled",
        "resamplings", "logZ", "logZRatio", "logZError", "acceptance"}) {
      assertTrue(h.columnNames().contains(col), "missing column " + col + " in " + h.columnNames());
    }
    assertEquals(java.util.List.of(0, 5, 10, 15, 20), h.intColumn("step").asList());
  }

  @Test
  void badDataIsRejectedNamingTheProblem() {
    INDArray nan = data.dup();
    nan.putScalar(7, 1, Double.NaN);
    IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> Ebm.train(start()).on(nan));
    assertTrue(e1.getMessage().contains("data must be finite") && e1.getMessage().contains("[7, 1]"),
        e1.getMessage());
    INDArray inf = data.dup();
    inf.putScalar(0, 0, Double.NEGATIVE_INFINITY);
    assertThrows(IllegalArgumentException.class, () -> Ebm.train(start()).on(inf));
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> Ebm.train(start()).on(Nd4j.zeros(10, 3)));
    assertTrue(e2.getMessage().contains("[N, 2]") && e2.getMessage().contains("[10, 3]"), e2.getMessage());
    IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
        () -> Ebm.train(start()).on(Batches.zeros(0, 2)));
    assertTrue(e3.getMessage().contains("at least one row"), e3.getMessage());
  }

  @Test
  void badSettingsAreRejectedNamingTheParameterAndValue() {
    IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
        () -> Methods.jarzynski(Kernels.ula(0.1)).walkers(0));
    assertTrue(e1.getMessage().contains("walkers") && e1.getMessage().contains("0"), e1.getMessage());
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> Methods.jarzynski(Kernels.ula(0.1)).resampleBelowEss(1.5));
    assertTrue(e2.getMessage().contains("resampleBelowEss") && e2.getMessage().contains("1.5"), e2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Methods.jarzynski(Kernels.ula(0.1)).resampleBelowEss(0));
    assertThrows(IllegalArgumentException.class, () -> Methods.cd(Kernels.ula(0.1), 0));
    assertThrows(IllegalArgumentException.class, () -> Ebm.train(start()).steps(0));
    assertThrows(IllegalArgumentException.class, () -> Methods.quadrature(1, 1, 100));
    IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
        () -> Ebm.train(Energies.twoWells(new double[] {0, 0}, new double[] {1, 1})).on(Batches.zeros(5, 2))
            .method(Methods.quadrature(-5, 5, 100)).run());
    assertTrue(e3.getMessage().contains("1-D"), e3.getMessage());
    assertThrows(IllegalStateException.class, () -> Ebm.train(start()).on(data).run());
  }

  @Test
  void explodingWalkersStopTheRunNamingTheWalker() {
    // ULA with h = 50 on a unit Gaussian multiplies positions by -49 each step: energies overflow within ~200 steps
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Ebm.train(start()).on(data).method(Methods.pcd(Kernels.ula(50)).walkers(100)).optimizer(new Sgd(1e-9))
            .steps(1000).run());
    assertTrue(e.quantity().startsWith("energy of walker") || e.quantity().startsWith("log-weight"), e.getMessage());
    assertTrue(e.step() > 1 && e.step() < 1000, e.getMessage());
  }

  @Test
  void divergenceStopsTheRunWithTheStepAndTheQuantity() {
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Ebm.train(start()).on(data.mul(1e150)).method(Methods.exact()).optimizer(new Sgd(1e10)).steps(100)
            .run());
    assertTrue(e.getMessage().contains("step") && e.getMessage().contains("parameter"), e.getMessage());
    assertTrue(e.step() >= 0 && e.step() < 100);
  }
}
