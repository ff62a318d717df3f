package io.ebm4j.energy;

import java.util.List;

/**
 * A sum of energies, U(x) = sum_k U_k(x), with the parameters of its trained parts (concatenated in order; names
 * prefixed "e1.", "e2.", ... when more than one part is trained). Energies and input gradients add. It keeps every
 * capability its parts share: score matching, sliced and denoising score matching (the objectives of the parts plus
 * cross terms, which need each trained part's {@link MixedGradient}) and the mixed gradient itself. It is never an
 * {@link ExactNormalizer} or {@link ExactSampler}: the normalizing constant of a sum has no closed form in general.
 *
 * <p>The typical use is a neural energy plus a fixed wide Gaussian that makes it a proper density:
 *
 * <pre>{@code
 * SumEnergy u = Energies.plus(mlp, Energies.gaussian(new double[] {0, 0}, new double[] {8, 8}));
 * Run run = Ebm.train(u).on(data).method(Methods.scoreMatching()).run();   // the Gaussian's Laplacian included
 * }</pre>
 *
 * <p>With several trained parts, {@link #params()} is the sum's own vector, pushed into the parts before each
 * evaluation when it changed; write parameters through the sum, not through a part.
 */
public interface SumEnergy extends TrainableEnergy {
  /** The parts, in order. */
  List<Energy> parts();

  /** Whether the parameters of part k are trained (belong to {@link #params()}). */
  boolean isTrained(int k);

  /** The only trained part (as in {@link Energies#plus}); throws when several parts are trained. */
  default TrainableEnergy trainable() {
    TrainableEnergy found = null;
    for (int k = 0; k < parts().size(); k++) {
      if (isTrained(k)) {
        if (found != null) {
          throw new IllegalStateException("trainable() needs exactly one trained part, this sum has several; use"
              + " parts()");
        }
        found = (TrainableEnergy) parts().get(k);
      }
    }
    return found;
  }

  /** The only fixed part (as in {@link Energies#plus}); throws when there is none or several. */
  default Energy fixed() {
    Energy found = null;
    int count = 0;
    for (int k = 0; k < parts().size(); k++) {
      if (!isTrained(k)) {
        found = parts().get(k);
        count++;
      }
    }
    if (count != 1) {
      throw new IllegalStateException("fixed() needs exactly one fixed part, this sum has " + count + "; use parts()");
    }
    return found;
  }

  @Override
  SumEnergy copy();
}
