package io.ebm4j.discrete;

import io.ebm4j.random.Rng;
import io.ebm4j.random.SplitMix;
import java.util.concurrent.TimeUnit;
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
 * One PCD-1 update of the single-precision fused loop that {@link RbmTraining} runs for {@code RbmMethods.pcd} with
 * block Gibbs: B data rows and B walkers, n_v visible and n_h hidden units (20 x 64 x 100 is the digits protocol that
 * scikit-learn's BernoulliRBM is compared on: 2250 updates per 30-epoch fit). In the {@code io.ebm4j.discrete}
 * package because the loop is package-private.
 *
 * <pre>
 *   OMP_NUM_THREADS=1 mvn -Pbench -B -q compile exec:exec@bench -Dbench.args="RbmSgdBench -f 2"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
public class RbmSgdBench {
  /** B x n_v x n_h. */
  @Param({"20x64x100", "128x64x100"})
  public String shape;

  private RbmSgd sgd;
  private double[] rows;
  private int b;

  @Setup(Level.Trial)
  public void setUp() {
    String[] s = shape.split("x");
    b = Integer.parseInt(s[0]);
    int nv = Integer.parseInt(s[1]);
    int nh = Integer.parseInt(s[2]);
    SplitMix r = new SplitMix(2);
    rows = new double[b * nv];
    for (int q = 0; q < rows.length; q++) {
      rows[q] = r.nextDouble() < 0.4 ? 1 : 0;
    }
    Rbm rbm = Rbm.random(nv, nh, 0.01, new Rng(1))
        .visibleBiasFrom(Nd4j.createFromArray(rows).reshape(b, nv).dup('c'));
    sgd = new RbmPcdSgd(rbm, rows.clone(), b, 1, new SplitMix(3));
  }

  /** One update with a small learning rate, so the parameters stay near their start over the benchmark. */
  @Benchmark
  public RbmSgd update() {
    sgd.update(rows, b, 1e-4);
    return sgd;
  }
}
