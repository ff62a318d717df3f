package io.ebm4j.conditional;

/**
 * Factories of the conditional energies over K answers: the linear energy, an MLP energy and a joint-embedding
 * energy. Weights start Glorot-uniform from the seed, biases at zero.
 *
 * <pre>{@code
 * LogitEnergy lin = ConditionalEnergies.linear(4, 3, 1L);                        // E = -(x W + b)_y
 * LogitEnergy mlp = ConditionalEnergies.mlp(64, 10, new int[] {32}, 1L);         // E = -MLP(x)_y
 * EmbeddingEnergy emb = ConditionalEnergies.embedding(64, 10, 16, new int[] {32}, 1L); // |G(x) - H_y|^2 / 2
 * }</pre>
 */
public final class ConditionalEnergies {
  private ConditionalEnergies() {}

  /** E(W, y, x) = -(x W + b)_y with W [d, K] and b [K]. */
  public static LogitEnergy linear(int d, int classes, long seed) {
    return mlp(d, classes, new int[0], seed);
  }

  /** E(W, y, x) = -f_W(x)_y with f a tanh MLP of the given hidden widths (none: the linear energy). */
  public static LogitEnergy mlp(int d, int classes, int[] hidden, long seed) {
    check(d, classes, hidden);
    return new LogitEnergy(d, classes, hidden.clone(), seed);
  }

  /** E(W, y, x) = |G_W(x) - H_y|^2 / 2, G a tanh MLP R^d -> R^embedDim of the given hidden widths (none: affine). */
  public static EmbeddingEnergy embedding(int d, int classes, int embedDim, int[] hidden, long seed) {
    check(d, classes, hidden);
    if (embedDim < 1) {
      throw new IllegalArgumentException("embedDim must be at least 1, got " + embedDim);
    }
    return new EmbeddingEnergy(d, classes, embedDim, hidden.clone(), seed);
  }

  private static void check(int d, int classes, int[] hidden) {
    if (d < 1) {
      throw new IllegalArgumentException("d must be at least 1, got " + d);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2, got " + classes);
    }
    if (hidden == null) {
      throw new IllegalArgumentException("hidden must not be null (use new int[0] for no hidden layer)");
    }
    for (int w : hidden) {
      if (w < 1) {
        throw new IllegalArgumentException("hidden widths must be at least 1, got "
            + java.util.Arrays.toString(hidden));
      }
    }
  }
}
