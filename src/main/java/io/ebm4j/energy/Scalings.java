package io.ebm4j.energy;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The classes of scaled energies beta U, one per set of capabilities, and the factory that picks the one the inner
 * energy allows: training when it is trainable; the mixed gradient and denoising score matching when it has the mixed
 * gradient; score matching and sliced score matching when it has them too; exact normalizer and sampler when it is
 * {@link Temperable}.
 */
final class Scalings {
  private Scalings() {}

  static Energy of(Energy e, double beta) {
    if (e instanceof TrainableEnergy t) {
      return of(t, beta);
    }
    return new Fixed(new ScaledComposition(e, beta));
  }

  static TrainableEnergy of(TrainableEnergy e, double beta) {
    return pick(new ScaledComposition(e, beta), true);
  }

  /**
   * -alpha U (alpha > 0), the negated part of {@link Energies#andNot}: every capability of beta U except the exact
   * ones (exp(+alpha U) has no normalizer of its own).
   */
  static Energy negated(Energy e, double alpha) {
    if (!(alpha > 0) || !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("alpha must be positive and finite, got " + alpha);
    }
    ScaledComposition c = new ScaledComposition(e, -alpha, true);
    return e instanceof TrainableEnergy ? pick(c, false) : new Fixed(c);
  }

  private static TrainableEnergy pick(ScaledComposition c, boolean keepExact) {
    Energy e = c.inner();
    boolean mixed = e instanceof MixedGradient;
    boolean exactScores = mixed && e instanceof ScoreMatchable;
    boolean sliced = mixed && e instanceof SlicedScoreMatchable;
    boolean exact = keepExact && e instanceof Temperable;
    int mask = (mixed ? 1 : 0) | (exactScores ? 2 : 0) | (sliced ? 4 : 0) | (exact ? 8 : 0);
    return switch (mask) {
      case 0 -> new Plain(c);
      case 1 -> new D(c);
      case 3 -> new DS(c);
      case 5 -> new DL(c);
      case 7 -> new DSL(c);
      case 8 -> new E(c);
      case 9 -> new DE(c);
      case 11 -> new DSE(c);
      case 13 -> new DLE(c);
      case 15 -> new DSLE(c);
      default -> throw new IllegalStateException("no class for capabilities " + mask);
    };
  }

  private static String describe(ScaledComposition c) {
    return "Scaled{beta=" + c.beta() + ", " + c.inner() + "}";
  }

  private static final class Fixed implements Energy {
    private final ScaledComposition c;

    Fixed(ScaledComposition c) {
      this.c = c;
    }

    @Override
    public int dim() {
      return c.inner().dim();
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

  /** beta U for a trainable U: same parameters (the inner energy's own vector), gradients times beta. */
  private static class Plain implements TrainableEnergy, Composed {
    final ScaledComposition c;
    private final TrainableEnergy inner;

    Plain(ScaledComposition c) {
      this.c = c;
      this.inner = (TrainableEnergy) c.inner();
    }

    @Override
    public Composition composition() {
      return c;
    }

    @Override
    public int dim() {
      return inner.dim();
    }

    @Override
    public void evaluate(INDArray x, INDArray u, INDArray g) {
      c.evaluate(x, u, g);
    }

    @Override
    public INDArray params() {
      return inner.params();
    }

    @Override
    public int numParams() {
      return inner.numParams();
    }

    @Override
    public String[] paramNames() {
      return inner.paramNames();
    }

    @Override
    public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
      inner.accumulateParamGradient(x, w, c.beta() * scale, out);
    }

    @Override
    public TrainableEnergy copy() {
      return c.beta() > 0 ? of(inner.copy(), c.beta()) : (TrainableEnergy) negated(inner.copy(), -c.beta());
    }

    @Override
    public String toString() {
      return describe(c);
    }
  }

  private static final class D extends Plain implements Composed.WithDenoising {
    D(ScaledComposition c) {
      super(c);
    }
  }

  private static final class DS extends Plain implements Composed.WithScoreMatching {
    DS(ScaledComposition c) {
      super(c);
    }
  }

  private static final class DL extends Plain implements Composed.WithSliced {
    DL(ScaledComposition c) {
      super(c);
    }
  }

  private static final class DSL extends Plain implements Composed.WithScoreMatching, Composed.WithSliced {
    DSL(ScaledComposition c) {
      super(c);
    }
  }

  private static final class E extends Plain implements Composed.WithExact {
    E(ScaledComposition c) {
      super(c);
    }
  }

  private static final class DE extends Plain implements Composed.WithDenoising, Composed.WithExact {
    DE(ScaledComposition c) {
      super(c);
    }
  }

  private static final class DSE extends Plain implements Composed.WithScoreMatching, Composed.WithExact {
    DSE(ScaledComposition c) {
      super(c);
    }
  }

  private static final class DLE extends Plain implements Composed.WithSliced, Composed.WithExact {
    DLE(ScaledComposition c) {
      super(c);
    }
  }

  private static final class DSLE extends Plain implements Composed.WithScoreMatching, Composed.WithSliced,
      Composed.WithExact {
    DSLE(ScaledComposition c) {
      super(c);
    }
  }
}
