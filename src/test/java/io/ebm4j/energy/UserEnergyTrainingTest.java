package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ebm4j.Ebm;
import io.ebm4j.nd.Batches;
import io.ebm4j.sample.Kernels;
import io.ebm4j.train.Method;
import io.ebm4j.train.Methods;
import io.ebm4j.train.Run;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Energies written by users train with the sampling methods: N(mu, 1) with learnable mu, started at mu = 0, fitted to
 * data drawn from N(2, 1). The maximum-likelihood optimum is the data mean. With 4000 walkers the Monte Carlo error of
 * the negative phase is about 1/sqrt(4000) = 0.016 per step, which SGD at rate 0.2 (full data batch) leaves as a
 * spread of about 0.2 * 0.016 / sqrt(1 - 0.8^2) = 0.005 in mu, two to three times more as persistent walkers are
 * correlated from step to step; the learned mean must be within 0.05 of the data mean.
 */
class UserEnergyTrainingTest {
  private static final INDArray DATA = Energies.gaussian(new double[] {2}, new double[] {1}).sample(2000, 21);
  private static final double DATA_MEAN = DATA.meanNumber().doubleValue();
  private static final double TOLERANCE = 0.05;

  /** N(mu, 1) with learnable mu, as lambdas. */
  private static TrainableEnergy lambdaGaussian() {
    return Energies.trainable(1, Nd4j.createFromArray(0.0), new String[] {"mu"},
        (x, t) -> x.sub(t.getDouble(0)).mul(x.sub(t.getDouble(0))).mul(0.5).reshape(-1),
        (x, t) -> x.sub(t.getDouble(0)),
        (x, t) -> x.sub(t.getDouble(0)).neg());
  }

  /** N(mu, 1) with learnable mu, as a SameDiff graph. */
  private static TrainableEnergy sameDiffGaussian() {
    return Energies.sameDiff(1, (sd, x) -> {
      SDVariable mu = sd.var("mu", Nd4j.createFromArray(0.0));
      return sd.math().square(x.sub(mu)).mul(0.5).reshape(-1);
    });
  }

  private static Method[] methods() {
    INDArray x0 = Energies.standardNormal(1).sample(4000, 5); // exact draws of the initial model N(0, 1)
    return new Method[] {
        Methods.cd(Kernels.mala(0.5), 5),
        Methods.pcd(Kernels.mala(0.5)).walkers(4000).initFromData(),
        Methods.jarzynski(Kernels.mala(0.5)).walkers(4000).initFrom(x0).resampleBelowEss(0.5)};
  }

  private static void learnsTheDataMean(Supplier<TrainableEnergy> start, int steps) {
    for (Method m : methods()) {
      TrainableEnergy e = start.get();
      var run = Ebm.train(e).on(DATA).method(m).optimizer(new Sgd(0.2)).steps(steps).seed(7)
          .logEvery(steps).run();
      double mu = run.model().params().getDouble(0);
      assertEquals(DATA_MEAN, mu, TOLERANCE, m.name() + ": learned mean " + mu + ", data mean " + DATA_MEAN);
      assertEquals(0.0, e.params().getDouble(0), 0.0, "training works on a copy");
      assertEquals(1, Batches.toArray(run.model().params()).length);
    }
  }

  @Test
  void lambdaGaussianLearnsTheDataMeanWithCdPcdAndJarzynski() {
    learnsTheDataMean(UserEnergyTrainingTest::lambdaGaussian, 60);
  }

  @Test
  void sameDiffGaussianLearnsTheDataMeanWithCdPcdAndJarzynski() {
    learnsTheDataMean(UserEnergyTrainingTest::sameDiffGaussian, 40);
  }
}
