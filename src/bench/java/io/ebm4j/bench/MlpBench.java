package io.ebm4j.bench;

import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
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
 * Cost of the neural energy's derivatives: an MLP with two hidden layers of width H, SiLU, float32, on a batch of N
 * points in d dimensions (the sizes of the reference PyTorch benchmark: S1 = 2x128x1024, S2 = 2x128x8192,
 * S3 = 784x256x256).
 *
 * <ul>
 *   <li>g1: energies and grad_x ({@code evaluate});
 *   <li>g2: g1 plus a weighted parameter gradient in the same pass ({@code evaluateAndAccumulate});
 *   <li>sm: parameter gradient of sum_i |grad_x U(x_i)|^2 / 2 ({@code accumulateSquaredScoreGradient}).
 * </ul>
 *
 * Run (from the repository root; one thread for BLAS, OpenMP and the fork-join pool; on a CPU with AVX-512, OpenBLAS's
 * AVX-512 kernels as {@code ./ebm4j} picks them, see the README's "OpenBLAS kernels"):
 *
 * <pre>
 *   OPENBLAS_CORETYPE=SKYLAKEX OMP_NUM_THREADS=1 mvn -Pbench -B -q compile exec:exec@bench \
 *     -Dbench.args="MlpBench -f 2 -jvmArgsAppend '--add-modules=jdk.incubator.vector -Djava.util.concurrent.ForkJoinPool.common.parallelism=0'"
 * </pre>
 *
 * and with two threads {@code parallelism=1} (the caller plus one helper), BLAS still on one thread as {@code ./ebm4j}
 * runs it: a batch of more than {@code Mlp.BLOCK_ROWS} rows (S2) then runs in row blocks spread over both threads.
 * ({@code OMP_NUM_THREADS=2} instead gives the gemms two BLAS threads and runs S2 as one block.) The native
 * level is chosen with {@code -Dnd4j.classifier=linux-x86_64-avx2} (or {@code -avx512}, the default). ND4J prints
 * "Number of threads used for linear algebra" at start-up; the benchmark prints its own check too. A command-line
 * {@code -jvmArgsAppend} replaces the {@code @Fork} one: keep {@code --add-modules=jdk.incubator.vector} in it (JMH
 * splits the value on spaces), or the forks run {@code io.ebm4j.nd.VecMath}'s scalar fallback.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"})
public class MlpBench {
  /** d x H x N. */
  @Param({"2x128x1024", "2x128x8192", "784x256x256"})
  public String shape;

  private Mlp mlp;
  private INDArray x;
  private INDArray u;
  private INDArray g;
  private INDArray w;
  private INDArray out;
  private int n;

  @Setup(Level.Trial)
  public void setUp() {
    String[] s = shape.split("x");
    int d = Integer.parseInt(s[0]);
    int h = Integer.parseInt(s[1]);
    n = Integer.parseInt(s[2]);
    mlp = Mlp.builder(d).hidden(h, h).activation(Activation.SILU).dtype(DataType.FLOAT).seed(1).build();
    SplitMix r = new SplitMix(2);
    double[] xv = new double[n * d];
    for (int q = 0; q < xv.length; q++) {
      xv[q] = 2 * r.nextDouble() - 1;
    }
    x = Nd4j.createFromArray(xv).reshape(n, d).dup('c');
    double[] wv = new double[n];
    for (int i = 0; i < n; i++) {
      wv[i] = r.nextDouble();
    }
    w = Nd4j.createFromArray(wv);
    u = Nd4j.zeros(DataType.DOUBLE, n);
    g = Nd4j.zeros(DataType.DOUBLE, n, d);
    out = Nd4j.zeros(DataType.FLOAT, mlp.numParams());
    System.out.println("# threads: OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", BLAS max threads="
        + Nd4j.factory().blas().getMaxThreads() + ", common pool parallelism="
        + System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "default"));
  }

  @Benchmark
  public INDArray g1() {
    mlp.evaluate(x, u, g);
    return g;
  }

  @Benchmark
  public INDArray g2() {
    mlp.evaluateAndAccumulate(x, u, g, w, 1.0 / n, out);
    return out;
  }

  @Benchmark
  public INDArray sm() {
    mlp.accumulateSquaredScoreGradient(x, 1.0 / n, out);
    return out;
  }
}
