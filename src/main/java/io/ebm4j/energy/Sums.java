package io.ebm4j.energy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The classes of sums, one per set of capabilities, and the factory that picks the one the parts allow: the mixed
 * gradient (and denoising score matching) when every trained part has it, score matching and sliced score matching
 * when, in addition, every part has them.
 */
final class Sums {
  private Sums() {}

  /** A trainable sum; trained[k] says whether part k's parameters are trained (at least one must be). */
  static SumEnergy of(Energy[] parts, boolean[] trained) {
    SumComposition c = new SumComposition(parts, trained);
    if (c.numTrained() == 0) {
      throw new IllegalArgumentException("a trainable sum needs at least one trained part, got none");
    }
    boolean mixed = c.allTrainedAre(MixedGradient.class);
    boolean exact = mixed && c.allAre(ScoreMatchable.class);
    boolean sliced = mixed && c.allAre(SlicedScoreMatchable.class);
    if (!mixed) {
      return new Plain(c);
    }
    if (exact && sliced) {
      return new AllScores(c);
    }
    if (exact) {
      return new ExactScores(c);
    }
    return sliced ? new SlicedScores(c) : new DenoisingScores(c);
  }

  /** A sum of fixed energies: an energy with no parameters. */
  static Energy fixed(Energy[] parts) {
    return new Fixed(new SumComposition(parts, new boolean[parts.length]));
  }

  private static String describe(SumComposition c) {
    StringBuilder sb = new StringBuilder("Sum{");
    for (int k = 0; k < c.size(); k++) {
      sb.append(k == 0 ? "" : " + ").append(c.part(k));
    }
    return sb.append('}').toString();
  }

  private static final class Fixed implements Energy {
    private final SumComposition c;

    Fixed(SumComposition c) {
      this.c = c;
    }

    @Override
    public int dim() {
      return c.dim();
    }

    @Override
    public void evaluate(INDArray x, INDArray u, INDArray g) {
      c.evaluate(x, u, g);
    }

    @Override
    public String toString() {
      return describe(c);
    }
  }

  /** The sum without any capability beyond training. */
  private static class Plain implements SumEnergy, Composed {
    final SumComposition c;

    Plain(SumComposition c) {
      this.c = c;
    }

    @Override
    public Composition composition() {
      return c;
    }

    @Override
    public int dim() {
      return c.dim();
    }

    @Override
    public void evaluate(INDArray x, INDArray u, INDArray g) {
      c.evaluate(x, u, g);
    }

    @Override
    public INDArray params() {
      return c.params();
    }

    @Override
    public int numParams() {
      return c.numParams();
    }

    @Override
    public String[] paramNames() {
      return c.paramNames();
    }

    @Override
    public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
      c.accumulateParamGradient(x, w, scale, out);
    }

    @Override
    public SumEnergy copy() {
      return of(c.copyParts(), c.trainedFlags());
    }

    @Override
    public List<Energy> parts() {
      List<Energy> l = new ArrayList<>();
      for (int k = 0; k < c.size(); k++) {
        l.add(c.part(k));
      }
      return Collections.unmodifiableList(l);
    }

    @Override
    public boolean isTrained(int k) {
      if (k < 0 || k >= c.size()) {
        throw new IllegalArgumentException("k must be in [0, " + c.size() + "), got " + k);
      }
      return c.trained(k);
    }

    @Override
    public String toString() {
      return describe(c);
    }
  }

  private static final class DenoisingScores extends Plain implements Composed.WithDenoising {
    DenoisingScores(SumComposition c) {
      super(c);
    }
  }

  private static final class ExactScores extends Plain implements Composed.WithScoreMatching {
    ExactScores(SumComposition c) {
      super(c);
    }
  }

  private static final class SlicedScores extends Plain implements Composed.WithSliced {
    SlicedScores(SumComposition c) {
      super(c);
    }
  }

  private static final class AllScores extends Plain implements Composed.WithScoreMatching, Composed.WithSliced {
    AllScores(SumComposition c) {
      super(c);
    }
  }
}
