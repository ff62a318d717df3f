package io.ebm4j;

import io.ebm4j.energy.Energy;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.sample.Sampling;
import io.ebm4j.train.Training;

/**
 * The front door of ebm4j.
 *
 * <pre>{@code
 * var truth = Energies.twoWells(-10, 10).withMassOfB(0.8);
 * var data  = truth.sample(10_000, 42);
 * var run = Ebm.train(Energies.twoWells(-10, 10).withMassOfB(0.5))
 *              .on(data)
 *              .method(Methods.jarzynski(Kernels.ula(0.1)).walkers(10_000).resampleBelowEss(0.5))
 *              .optimizer(new Sgd(0.05))
 *              .steps(3000).seed(42)
 *              .run();
 * run.history();
 * }</pre>
 */
public final class Ebm {
  private Ebm() {}

  /** Starts configuring the training of a copy of {@code energy}; the run's model has the energy's own type. */
  public static <E extends TrainableEnergy> Training<E> train(E energy) {
    return new Training<>(energy);
  }

  /**
   * Starts configuring MCMC on a fixed energy (no training), returning a {@link io.ebm4j.sample.Trace} with
   * diagnostics.
   *
   * <pre>{@code
   * Trace t = Ebm.sample(energy).kernel(Kernels.mala(0.1)).chains(64).warmup(500).steps(2000).seed(42).run();
   * Table d = t.diagnostics(); // mean, sd, mcse, ess, essBulk, splitRhat, rankRhat per coordinate
   * }</pre>
   */
  public static Sampling sample(Energy energy) {
    return Sampling.of(energy);
  }
}
