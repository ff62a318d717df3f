package io.ebm4j.bench;

import io.ebm4j.discrete.BinaryChains;
import io.ebm4j.discrete.DiscreteKernel;
import io.ebm4j.discrete.DiscreteKernels;
import io.ebm4j.discrete.Encoding;
import io.ebm4j.discrete.ExactPartition;
import io.ebm4j.discrete.Rbm;
import io.ebm4j.discrete.RbmMethod;
import io.ebm4j.discrete.RbmMethods;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import io.ebm4j.random.SplitMix;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
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
 * Cost of RBM training's inner steps on a batch of N chains, n_v visible and n_h hidden units, double precision.
 *
 * <ul>
 *   <li>sweep: one block Gibbs sweep v -> h -> v of all N chains, with the free energies and hidden
 *       pre-activations of the new v cached (three gemms, fused sampling loops);
 *   <li>pcd: one PCD-1 update: gradient on a minibatch of N data rows (positive phase) and N persistent walkers
 *       (negative phase), the SGD step, and the walkers' sweep under the new parameters (the fused Java loops that
 *       {@code RbmMethods.pcd} runs with its default block Gibbs kernel: sparse binary products, no ND4J calls);
 *   <li>jarzynski: the same with Jarzynski weights (weighted negative phase, transport, ESS check).
 * </ul>
 *
 * Run (from the repository root; one thread for BLAS, OpenMP and the fork-join pool):
 *
 * <pre>
 *   OMP_NUM_THREADS=1 mvn -Pbench -B -q compile exec:exec@bench \
 *     -Dbench.args="RbmBench -f 2 -jvmArgsAppend -Djava.util.concurrent.ForkJoinPool.common.parallelism=0"
 * </pre>
 *
 * The native level is chosen with {@code -Dnd4j.classifier=linux-x86_64-avx2} (or {@code -avx512}, the default).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"})
public class RbmBench {
  /** N x n_v x n_h. */
  @Param({"128x64x100"})
  public String shape;

  private Rbm rbm;
  private DiscreteKernel<Rbm> gibbs;
  private BinaryChains chains;
  private Rng rng;
  private INDArray batch;
  private INDArray grad;
  private DoubleBuffer gb;
  private RbmMethod.Estimator pcd;
  private RbmMethod.Estimator jarzynski;
  private Rbm jarzynskiRbm;

  @Setup(Level.Trial)
  public void setUp() {
    String[] s = shape.split("x");
    int n = Integer.parseInt(s[0]);
    int nv = Integer.parseInt(s[1]);
    int nh = Integer.parseInt(s[2]);
    SplitMix r = new SplitMix(2);
    double[] xv = new double[n * nv];
    for (int q = 0; q < xv.length; q++) {
      xv[q] = r.nextDouble() < 0.3 ? 1 : 0;
    }
    batch = Encoding.ZERO_ONE.requireStates(Nd4j.createFromArray(xv).reshape(n, nv).dup('c'), nv, "batch");
    rbm = Rbm.random(nv, nh, 0.01, new Rng(1)).visibleBiasFrom(batch);
    rng = new Rng(3);
    gibbs = DiscreteKernels.blockGibbs();
    chains = gibbs.init(rbm, batch);
    grad = Nd4j.zeros(DataType.DOUBLE, rbm.numParams());
    gb = grad.data().asNioDouble();
    pcd = RbmMethods.pcd(1).walkers(n).start(rbm, batch, new Rng(4));
    // walkers from the zero-weight base (exact draws) so the Jarzynski method accepts any size
    jarzynskiRbm = Rbm.of(nv, nh).visibleBiasFrom(batch);
    jarzynski = RbmMethods.jarzynski().walkers(n).start(jarzynskiRbm, batch, new Rng(5));
    System.out.println("# threads: OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", BLAS max threads="
        + Nd4j.factory().blas().getMaxThreads() + ", common pool parallelism="
        + System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "default")
        + "; exact log Z check skipped: " + (Math.min(nv, nh) > ExactPartition.MAX_SITES));
  }

  @Benchmark
  public INDArray sweep() {
    gibbs.step(rbm, chains, rng);
    return chains.energies();
  }

  @Benchmark
  public INDArray pcd() {
    update(pcd, rbm);
    return grad;
  }

  @Benchmark
  public INDArray jarzynski() {
    update(jarzynski, jarzynskiRbm);
    return grad;
  }

  /** One SGD update with a tiny step, so the parameters stay put over the benchmark. */
  private void update(RbmMethod.Estimator est, Rbm model) {
    int p = (int) grad.length();
    for (int k = 0; k < p; k++) {
      gb.put(k, 0.0);
    }
    est.gradient(batch, grad);
    DoubleBuffer params = model.params().data().asNioDouble();
    for (int k = 0; k < p; k++) {
      params.put(k, params.get(k) - 1e-6 * gb.get(k));
    }
    est.afterUpdate();
  }
}
