package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The outcome of an energy minimiser on binary states ({@link IteratedConditionalModes}, {@link SimulatedAnnealing},
 * {@link GraphCutMap}): the final states [N, n], their energies U, the sweeps run, and the mean energy after each
 * sweep (empty for a graph cut, which does not sweep).
 *
 * <pre>{@code
 * MapEstimate m = IteratedConditionalModes.minimize(grid, x0);
 * INDArray best = m.best();        // [1, n], the row of lowest energy
 * double u = m.bestEnergy();
 * }</pre>
 *
 * @param states final states [N, n]
 * @param energies U of each row
 * @param sweeps sweeps run (0 for a graph cut)
 * @param trace mean U over the rows after each sweep, length {@code sweeps}
 */
public record MapEstimate(INDArray states, double[] energies, int sweeps, double[] trace) {
  /** Index of the row of lowest energy (the first on ties). */
  public int bestRow() {
    int b = 0;
    for (int i = 1; i < energies.length; i++) {
      if (energies[i] < energies[b]) {
        b = i;
      }
    }
    return b;
  }

  /** The row of lowest energy, [1, n] (a copy). */
  public INDArray best() {
    int n = (int) states.columns();
    double[] all = Batches.toArray(states);
    double[] row = new double[n];
    System.arraycopy(all, bestRow() * n, row, 0, n);
    return Batches.vector(row).reshape(1, n);
  }

  /** The lowest energy over the rows. */
  public double bestEnergy() {
    return energies[bestRow()];
  }
}
