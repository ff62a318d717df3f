package io.ebm4j.bench;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.TwoWells;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Kernels;
import io.ebm4j.train.Estimator;
import io.ebm4j.train.Methods;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the two-well study (issue settings: N = 10^4 walkers, n = 10^4 data, full batch, ULA h = 0.1,
 * SGD lr = 0.05): positive phase over the data, weighted negative phase over the walkers, the parameter update, the
 * ULA move with its Jarzynski weight update, and the weight normalisation/ESS. Walker-steps per second =
 * N x (steps per second). Also the ULA transport alone.
 *
 * <pre>
 *   mvn -B -Pbench compile exec:exec@bench -Dbench.args="JarzynskiStep"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "--add-modules=jdk.incubator.vector",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class JarzynskiStepBench {
  @Param({"10000"})
  int walkers;

  private TwoWells model;
  private INDArray data;
  private Estimator estimator;
  private INDArray grad;
  private Kernel ula;
  private Chains chains;
  private Rng rng;

  @Setup
  public void setup() {
    TwoWells truth = Energies.twoWells(-10, 10).withMassOfB(0.8);
    data = truth.sample(10_000, 1);
    model = Energies.twoWells(-10, 10).withMassOfB(0.2);
    estimator = Methods.jarzynski(Kernels.ula(0.1)).walkers(walkers).resampleBelowEss(0.5)
        .start(model, data, new Rng(2));
    grad = Batches.zeros(1);
    ula = Kernels.ula(0.1);
    chains = ula.init(model, model.sample(walkers, 3));
    rng = new Rng(4);
  }

  /** A full Jarzynski training step (what the study does 3000 times per run). */
  @Benchmark
  public double trainingStep() {
    grad.putScalar(0, 0.0);
    estimator.gradient(data, grad);
    double g = grad.getDouble(0);
    // a small, bounded update keeps the benchmark stationary around q = 0.8
    model.params().putScalar(0, model.z() - 0.05 * g);
    estimator.afterUpdate();
    return model.z();
  }

  /** The two-well energy and its gradient at every walker (one exp and one log per walker). */
  @Benchmark
  public double energyAndGradient() {
    model.evaluate(chains.positions(), chains.energies(), chains.gradients());
    return chains.energies().getDouble(0);
  }

  /** The positive phase: the posterior of mode b summed over the data (one exp per data point). */
  @Benchmark
  public double positivePhase() {
    grad.putScalar(0, 0.0);
    model.accumulateParamGradient(data, null, 1.0 / data.rows(), grad);
    return grad.getDouble(0);
  }

  /** The ULA move plus Jarzynski weight update alone (one energy evaluation per walker). */
  @Benchmark
  public double ulaTransport() {
    ula.transport(model, chains, rng);
    return chains.energies().getDouble(0);
  }
}
