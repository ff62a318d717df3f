package io.ebm4j.bench;

import io.ebm4j.gebm.Gebm;
import io.ebm4j.gebm.KaleTrainer;
import io.ebm4j.gebm.LatentEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Kernels;
import io.ebm4j.sample.StepInfo;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * Cost of generalized energy-based model training (KALE) at the sizes of the GEBM studies, shape d x k x H x B (data
 * dimension, latent dimension, hidden width of both networks with two hidden layers, minibatch):
 *
 * <ul>
 *   <li>alternatingStep: one alternating step, 5 energy steps (data and base minibatch, gradient penalty) and one base
 *       step with self-normalised weights; times 1000 = seconds per 1000 alternating steps;
 *   <li>alternatingStepLatentMala: the same with the base step on latent MALA samples (10 MALA steps per base step);
 *   <li>latentMalaStep: one MALA step of B latent chains (one G forward, one E forward and input gradient, one
 *       vector-Jacobian product through G).
 * </ul>
 *
 * Run (from the repository root; one thread for BLAS, OpenMP and the fork-join pool):
 *
 * <pre>
 *   OMP_NUM_THREADS=1 mvn -Pbench -B -q compile exec:exec@bench \
 *     -Dbench.args="GebmBench -f 2 -jvmArgsAppend -Djava.util.concurrent.ForkJoinPool.common.parallelism=0"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"})
public class GebmBench {
  /** d x k x H x B: the toy (curve) and the digits. */
  @Param({"2x1x32x128", "64x10x128x128"})
  public String shape;

  private KaleTrainer trainer;
  private KaleTrainer latentTrainer;
  private LatentEnergy latent;
  private Kernel mala;
  private Chains chains;
  private Rng rng;

  @Setup(Level.Trial)
  public void setup() {
    String[] p = shape.split("x");
    int d = Integer.parseInt(p[0]);
    int k = Integer.parseInt(p[1]);
    int h = Integer.parseInt(p[2]);
    int b = Integer.parseInt(p[3]);
    INDArray data = Batches.zeros(2000, d);
    new Rng(1).fillNormal(Batches.buffer(data), 2000 * d);
    Gebm q = Gebm.builder(d, k).energyHidden(h, h).generatorHidden(h, h).seed(2).build();
    trainer = KaleTrainer.of(q, data).seed(3).batchSize(b).energySteps(5).gradientPenalty(0.1);
    Gebm q2 = q.copy();
    latentTrainer = KaleTrainer.of(q2, data).seed(4).batchSize(b).energySteps(5).gradientPenalty(0.1)
        .latentSampler(Kernels.mala(0.05), 10);
    latent = q.latentEnergy(1.0);
    mala = Kernels.mala(0.05).fresh();
    rng = new Rng(5);
    chains = mala.init(latent, q.base().latents(b, rng));
  }

  @Benchmark
  public double alternatingStep() {
    return trainer.step().kale();
  }

  @Benchmark
  public double alternatingStepLatentMala() {
    return latentTrainer.step().kale();
  }

  @Benchmark
  public StepInfo latentMalaStep() {
    return mala.step(latent, chains, rng);
  }
}
