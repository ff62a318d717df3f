package io.ebm4j.bench;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.GaussianMixture;
import io.ebm4j.energy.SumEnergy;
import io.ebm4j.experiment.FlowMcmcTrainingConfig;
import io.ebm4j.experiment.FlowMcmcTrainingStudy;
import io.ebm4j.flow.FlowImh;
import io.ebm4j.flow.FlowKernels;
import io.ebm4j.flow.FlowPcd;
import io.ebm4j.flow.FlowTrainer;
import io.ebm4j.flow.RealNvp;
import io.ebm4j.random.Rng;
import io.ebm4j.train.Estimator;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernels;
import io.ebm4j.sample.StepInfo;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of a Real NVP flow in 2-D with K coupling blocks whose networks have two hidden layers of width H (tanh,
 * float64), on N points or chains:
 *
 * <ul>
 *   <li>forwardKl: one Adam step of maximum-likelihood training on a batch of N samples (one pull-back, one reverse
 *       pass, the update);
 *   <li>imh: one flow independent Metropolis-Hastings step of N chains on a four-mode Gaussian mixture (one pull-back
 *       of the chains, N draws from the flow, one energy evaluation, accept/reject);
 *   <li>flowPcdStep: one step of flow-MCMC training of a 2-D MLP energy (64-64 SiLU plus a fixed Gaussian) with 256
 *       walkers and a data batch of 256, as in the balanced-training study: the gradient estimate (data and walker
 *       phases) and the walkers' move (flow IMH, one MALA step, one forward-KL Adam step of the companion flow of
 *       K blocks of width H); the energy's own Adam update (about 4k parameters) is left out.
 * </ul>
 *
 * Run (from the repository root; one thread for BLAS, OpenMP and the fork-join pool):
 *
 * <pre>
 *   OMP_NUM_THREADS=1 mvn -Pbench -B -q compile exec:exec@bench \
 *     -Dbench.args="FlowBench -f 2 -jvmArgsAppend -Djava.util.concurrent.ForkJoinPool.common.parallelism=0"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"})
public class FlowBench {
  /** K x H x N. */
  @Param({"4x64x1024"})
  public String shape;

  private FlowTrainer trainer;
  private FlowImh imh;
  private GaussianMixture target;
  private Chains chains;
  private INDArray data;
  private Rng rng;
  private SumEnergy model;
  private Estimator flowPcd;
  private INDArray batch;
  private INDArray grad;

  @Setup(Level.Trial)
  public void setUp() {
    String[] s = shape.split("x");
    int k = Integer.parseInt(s[0]);
    int h = Integer.parseInt(s[1]);
    int n = Integer.parseInt(s[2]);
    target = Energies.mixture(new double[][] {{-3, -3}, {-3, 3}, {3, -3}, {3, 3}},
        new double[] {0.1, 0.2, 0.3, 0.4});
    RealNvp flow = RealNvp.builder(2).blocks(k).hidden(h, h).seed(1).build();
    data = target.sample(n, new Rng(2));
    trainer = FlowTrainer.adam(flow, 1e-4);
    for (int q = 0; q < 50; q++) {
      trainer.forwardKlStep(data, null); // away from the identity initialisation
    }
    imh = FlowKernels.imh(flow.copy());
    chains = imh.init(target, target.sample(n, new Rng(3)));
    rng = new Rng(4);
    FlowMcmcTrainingConfig c = FlowMcmcTrainingConfig.defaults();
    model = FlowMcmcTrainingStudy.model(c, 5);
    RealNvp companion = RealNvp.builder(2).blocks(k).hidden(h, h).logScaleBound(3).seed(6).build();
    INDArray x0 = Energies.gaussian(new double[] {0, 0}, new double[] {6, 6}).sample(256, new Rng(7));
    batch = FlowMcmcTrainingStudy.target(c).sample(256, new Rng(8));
    flowPcd = FlowPcd.of(companion, Kernels.mala(0.05)).initFrom(x0).start(model, batch, new Rng(9));
    grad = io.ebm4j.nd.Batches.zeros(model.params().length());
    System.out.println("# threads: OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", BLAS max threads="
        + Nd4j.factory().blas().getMaxThreads() + ", common pool parallelism="
        + System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "default"));
  }

  @Benchmark
  public double forwardKl() {
    return trainer.forwardKlStep(data, null);
  }

  @Benchmark
  public StepInfo imh() {
    return imh.step(target, chains, rng);
  }

  @Benchmark
  public INDArray flowPcdStep() {
    grad.assign(0);
    flowPcd.gradient(batch, grad);
    flowPcd.afterUpdate();
    return grad;
  }
}
