package io.ebm4j.conditional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.data.Datasets;
import io.ebm4j.data.TrainTest;
import io.ebm4j.nd.Batches;
import io.ebm4j.train.Run;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;

class ConditionalTrainingTest {
  private static final TrainTest IRIS = Datasets.iris().standardized().split(100, 3);

  private static Run<LogitEnergy> train(long seed) {
    return ConditionalTraining.of(ConditionalEnergies.linear(4, 3, 1L))
        .data(IRIS.train().x(), IRIS.train().labels()).loss(Losses.nll(1.0)).optimizer(new Adam(0.05)).epochs(30)
        .batchSize(16).seed(seed)
        .track("testAccuracy", m -> Inference.accuracy(m, IRIS.test().x(), IRIS.test().labels()))
        .run();
  }

  @Test
  void nllTrainingOfTheLinearEnergyLearnsIris() {
    Run<LogitEnergy> run = train(5);
    assertEquals(List.of("step", "epoch", "seconds", "loss", "trainAccuracy", "testAccuracy"),
        run.history().columnNames());
    assertEquals(31, run.history().rowCount(), "a row before training and after each epoch");
    assertEquals(30 * 7, run.last("step"), 0, "100 rows in batches of 16: 7 steps per epoch");
    double first = run.history().numberColumn("loss").getDouble(0);
    assertTrue(run.last("loss") < first / 3, "loss " + first + " -> " + run.last("loss"));
    assertTrue(run.last("trainAccuracy") > 0.95, "train accuracy " + run.last("trainAccuracy"));
    assertTrue(run.last("testAccuracy") > 0.9, "test accuracy " + run.last("testAccuracy"));
  }

  @Test
  void sameSeedSameRunAndTheStartingModelIsUnchanged() {
    LogitEnergy start = ConditionalEnergies.linear(4, 3, 1L);
    double[] before = Batches.toArray(start.params());
    Run<LogitEnergy> a = train(5);
    Run<LogitEnergy> b = train(5);
    assertArrayEquals(Batches.toArray(a.model().params()), Batches.toArray(b.model().params()), 0);
    assertArrayEquals(a.history().numberColumn("loss").asDoubleArray(),
        b.history().numberColumn("loss").asDoubleArray(), 0);
    assertArrayEquals(before, Batches.toArray(start.params()), 0);
    Run<LogitEnergy> c = train(6);
    assertTrue(!a.history().numberColumn("loss").equals(c.history().numberColumn("loss"))
        || a.last("loss") != c.last("loss"), "another seed, another minibatch order");
  }

  @Test
  void oneFullBatchSgdStepIsMinusTheLearningRateTimesTheMeanLossGradientPlusWeightDecay() {
    LogitEnergy start = ConditionalEnergies.mlp(4, 3, new int[] {5}, 2L);
    var x = IRIS.train().x();
    int[] y = IRIS.train().labels();
    Loss loss = Losses.squareExp(0.5);
    double lr = 0.1;
    double lambda = 0.3;
    Run<LogitEnergy> run = ConditionalTraining.of(start).data(x, y).loss(loss)
        .optimizer(new org.nd4j.linalg.learning.config.Sgd(lr)).weightDecay(lambda).epochs(1).batchSize(100).run();
    var g = Batches.zeros(100, 3);
    loss.evaluate(start.energies(x), y, g);
    var grad = Batches.zeros(start.numParams());
    start.backward(x, g, 1.0 / 100, grad, null);
    var expected = start.params().sub(grad.add(start.params().mul(lambda)).mul(lr));
    assertArrayEquals(Batches.toArray(expected), Batches.toArray(run.model().params()), 1e-12);
    var ex = assertThrows(IllegalArgumentException.class,
        () -> ConditionalTraining.of(start).weightDecay(-1));
    assertTrue(ex.getMessage().contains("weightDecay"), ex.getMessage());
  }

  @Test
  void missingOrBadSettingsAreRefusedNamingThem() {
    var t = ConditionalTraining.of(ConditionalEnergies.linear(4, 3, 1L));
    var ex = assertThrows(IllegalStateException.class, t::run);
    assertTrue(ex.getMessage().contains("data"), ex.getMessage());
    var ex2 = assertThrows(IllegalArgumentException.class, () -> t.epochs(0));
    assertTrue(ex2.getMessage().contains("epochs"), ex2.getMessage());
    ex2 = assertThrows(IllegalArgumentException.class, () -> t.data(IRIS.train().x(), new int[100]).data(
        IRIS.train().x(), java.util.stream.IntStream.range(0, 100).map(i -> i == 7 ? 3 : 0).toArray()));
    assertTrue(ex2.getMessage().contains("labels") && ex2.getMessage().contains("3"), ex2.getMessage());
  }
}
