package io.ebm4j.bench;

import io.ebm4j.nd.VecMath;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Exponentials and logarithms of a block of doubles in the ranges the fused loops see (log-weights and posterior
 * exponents; log(1 + e) in the two-well energy): ebm4j's {@link VecMath} (Vector API loops once compiled) against
 * {@link Math#exp} and {@link Math#log} loops (the JIT's scalar intrinsics). Nanoseconds per element = score / n.
 *
 * <pre>
 *   mvn -B -Pbench compile exec:exec@bench -Dbench.args="VecMathBench"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class VecMathBench {
  @Param({"10000"})
  int n;

  private double[] x;
  private double[] y;
  private double[] onePlus;

  @Setup
  public void setup() throws InterruptedException {
    SplittableRandom r = new SplittableRandom(1);
    x = new double[n];
    y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -30 * r.nextDouble();
    }
    onePlus = new double[n];
    for (int i = 0; i < n; i++) {
      onePlus[i] = 1 + Math.exp(x[i]);
    }
    VecMath.prepare();
    while (!VecMath.vectorised()) {
      Thread.sleep(10);
    }
  }

  /** ebm4j's block exponential. */
  @Benchmark
  public double vecMath() {
    System.arraycopy(x, 0, y, 0, n);
    VecMath.exp(y, n);
    return y[n - 1];
  }

  /** The same block through {@code Math.exp}, element by element. */
  @Benchmark
  public double mathExp() {
    for (int i = 0; i < n; i++) {
      y[i] = Math.exp(x[i]);
    }
    return y[n - 1];
  }

  /** ebm4j's block logarithm. */
  @Benchmark
  public double vecMathLog() {
    System.arraycopy(onePlus, 0, y, 0, n);
    VecMath.log(y, 0, n);
    return y[n - 1];
  }

  /** The same block through {@code Math.log}, element by element. */
  @Benchmark
  public double mathLog() {
    for (int i = 0; i < n; i++) {
      y[i] = Math.log(onePlus[i]);
    }
    return y[n - 1];
  }
}
