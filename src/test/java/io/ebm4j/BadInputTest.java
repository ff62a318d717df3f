package io.ebm4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.data.Datasets;
import io.ebm4j.data.Toys;
import io.ebm4j.discrete.Rbm;
import io.ebm4j.energy.Energies;
import io.ebm4j.experiment.Gmm50dConfig;
import io.ebm4j.experiment.Mlp2dConfig;
import io.ebm4j.experiment.TwoWellsConfig;
import io.ebm4j.flow.RealNvp;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Mlp;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Kernels;
import io.ebm4j.sample.Sampling;
import io.ebm4j.store.ModelFile;
import io.ebm4j.study.LocalEngine;
import io.ebm4j.study.Studies;
import io.ebm4j.study.Sweep;
import io.ebm4j.train.Methods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bad input across the public API: each case raises an exception whose message names the parameter (or setting,
 * column, file) and the offending value, never a silent NaN. One row per case: what is called, what the message
 * must contain.
 */
class BadInputTest {
  @TempDir
  static Path dir;

  private record Case(String name, Executable call, String... fragments) {}

  private static INDArray data1d() {
    return Energies.twoWells(-3, 3).withMassOfB(0.5).sample(50, 1);
  }

  private static INDArray withNaN() {
    INDArray x = data1d().dup();
    x.putScalar(7, Double.NaN);
    return x;
  }

  static List<Case> cases() throws Exception {
    Path garbage = dir.resolve("garbage.ebm4j");
    Files.writeString(garbage, "not a zip");
    Path missingCsv = dir.resolve("missing.csv");
    List<Case> c = new ArrayList<>();
    // energies
    c.add(new Case("Gaussian with negative std", () -> Energies.gaussian(new double[] {0}, new double[] {-1}),
        "-1"));
    c.add(new Case("standard normal of dimension 0", () -> Energies.standardNormal(0), "d", "0"));
    c.add(new Case("mass of b outside (0, 1)", () -> Energies.twoWells(-3, 3).withMassOfB(1.5), "1.5"));
    c.add(new Case("energy of a batch with the wrong dimension",
        () -> Energies.standardNormal(2).energy(Nd4j.zeros(3, 3)), "x", "3"));
    c.add(new Case("energy of a batch with NaN", () -> Energies.standardNormal(1).energy(withNaN()), "x", "NaN"));
    c.add(new Case("sum of energies of different dimensions",
        () -> Energies.plus(Energies.twoWells(-1, 1), Energies.standardNormal(2)), "dimension", "2"));
    c.add(new Case("MLP with a hidden width 0", () -> Mlp.builder(2).hidden(0).build(), "0"));
    // kernels
    c.add(new Case("ULA step size 0", () -> Kernels.ula(0), "stepSize", "0.0"));
    c.add(new Case("MALA negative step size", () -> Kernels.mala(-0.1), "stepSize", "-0.1"));
    c.add(new Case("HMC NaN step size", () -> Kernels.hmc(Double.NaN, 5), "stepSize", "NaN"));
    c.add(new Case("HMC zero leapfrog steps", () -> Kernels.hmc(0.1, 0), "leapfrogSteps", "0"));
    c.add(new Case("random walk infinite step size", () -> Kernels.randomWalk(Double.POSITIVE_INFINITY),
        "stepSize", "Infinity"));
    // methods and training
    c.add(new Case("PCD with zero walkers", () -> Methods.pcd(Kernels.ula(0.1)).walkers(0), "walkers", "0"));
    c.add(new Case("Jarzynski resampling threshold 1.5",
        () -> Methods.jarzynski(Kernels.ula(0.1)).resampleBelowEss(1.5), "resampleBelowEss", "1.5"));
    c.add(new Case("CD with 0 steps", () -> Methods.cd(Kernels.ula(0.1), 0), "0"));
    c.add(new Case("training for 0 steps", () -> Ebm.train(Energies.twoWells(-3, 3)).steps(0), "steps", "0"));
    c.add(new Case("negative batch size", () -> Ebm.train(Energies.twoWells(-3, 3)).batchSize(-5), "batchSize",
        "-5"));
    c.add(new Case("negative weight decay", () -> Ebm.train(Energies.twoWells(-3, 3)).weightDecay(-1),
        "weightDecay", "-1"));
    c.add(new Case("training data with NaN", () -> Ebm.train(Energies.twoWells(-3, 3)).on(withNaN()), "data",
        "NaN"));
    c.add(new Case("empty training data", () -> Ebm.train(Energies.twoWells(-3, 3)).on(Nd4j.zeros(0, 1)), "data"));
    c.add(new Case("training data of the wrong dimension",
        () -> Ebm.train(Energies.twoWells(-3, 3)).on(Nd4j.zeros(10, 2)), "data", "2"));
    c.add(new Case("unknown parameter name to freeze", () -> Ebm.train(Energies.twoWells(-3, 3)).freeze("beta"),
        "beta", "z"));
    c.add(new Case("logEvery 0", () -> Ebm.train(Energies.twoWells(-3, 3)).logEvery(0), "logEvery", "0"));
    // sampling a fixed energy
    c.add(new Case("sampling with 0 chains", () -> Sampling.of(Energies.standardNormal(1)).chains(0), "chains",
        "0"));
    c.add(new Case("sampling with thin 0", () -> Sampling.of(Energies.standardNormal(1)).thin(0), "thin", "0"));
    c.add(new Case("sampling with negative warmup", () -> Sampling.of(Energies.standardNormal(1)).warmup(-1),
        "warmup", "-1"));
    // studies, settings, engines
    c.add(new Case("unknown experiment", () -> Studies.get("three-wells"), "three-wells", "two-wells"));
    c.add(new Case("unknown setting", () -> TwoWellsConfig.defaults().with("walker", 5), "walker", "walkers"));
    c.add(new Case("unparsable setting", () -> TwoWellsConfig.defaults().with("steps", "many"), "steps", "many"));
    c.add(new Case("non-positive walkers setting", () -> TwoWellsConfig.defaults().with("walkers", 0), "walkers",
        "0"));
    c.add(new Case("threshold out of range in a config",
        () -> Gmm50dConfig.defaults().with("resampleBelowEss", "1.2"), "resampleBelowEss", "1.2"));
    c.add(new Case("unknown target", () -> Mlp2dConfig.defaults().with("target", "three"), "target", "three"));
    c.add(new Case("bad seed range", () -> Sweep.of(TwoWellsConfig.defaults()).set("seeds", "4..1"), "seeds",
        "4..1"));
    c.add(new Case("zero threads", () -> LocalEngine.threads(0), "threads", "0"));
    // data and files
    c.add(new Case("unreadable CSV file", () -> Datasets.fromCsv(missingCsv), "missing.csv"));
    c.add(new Case("toy with negative noise", () -> Toys.twoMoons().noise(-0.1), "noise", "-0.1"));
    c.add(new Case("toy with 0 points", () -> Toys.eightGaussians().sample(0, 1L), "0"));
    c.add(new Case("corrupt model file", () -> ModelFile.load(garbage, Energies.twoWells(-3, 3)), "garbage.ebm4j"));
    // discrete and flows
    c.add(new Case("RBM with 0 hidden units", () -> Rbm.of(10, 0), "0"));
    c.add(new Case("RBM energy of non-binary states", () -> Rbm.of(3, 2).energy(Batches.zeros(2, 3).addi(0.5)),
        "0.5"));
    c.add(new Case("Real NVP in one dimension", () -> RealNvp.builder(1).build(), "1"));
    c.add(new Case("Real NVP with 0 blocks", () -> RealNvp.builder(2).blocks(0).build(), "blocks", "0"));
    return c;
  }

  @TestFactory
  Stream<DynamicTest> everyBadInputIsRejectedNamingTheParameterAndTheValue() throws Exception {
    List<Case> all = cases();
    Set<String> names = new HashSet<>();
    all.forEach(k -> assertTrue(names.add(k.name()), "duplicate case " + k.name()));
    assertTrue(all.size() >= 30, "at least 30 distinct bad inputs, got " + all.size());
    return all.stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> {
      RuntimeException e = assertThrows(RuntimeException.class, k.call(), k.name());
      String m = String.valueOf(e.getMessage());
      for (String f : k.fragments()) {
        assertTrue(m.contains(f), k.name() + ": message '" + m + "' lacks '" + f + "'");
      }
      assertTrue(e instanceof IllegalArgumentException || e instanceof IllegalStateException
          || e.getClass().getSimpleName().endsWith("Exception"), k.name() + ": " + e);
    }));
  }
}
