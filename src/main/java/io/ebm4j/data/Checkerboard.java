package io.ebm4j.data;

import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The uniform density on the black squares of a checkerboard centred at the origin: {@code squares} x
 * {@code squares} cells of side {@code squareSize}, cell (i, j) counted from the lower-left corner being black when
 * i + j is even. The defaults (4 squares of side 2 on [-4, 4]^2) give FFJORD's checkerboard. Drawn exactly: a black
 * cell uniformly, then a uniform point in it (no rejection).
 *
 * <pre>{@code
 * INDArray x = Toys.checkerboard().squares(4).squareSize(2).sample(2000, 42);
 * }</pre>
 *
 * @param squares cells per side, >= 1
 * @param squareSize side of one cell, > 0
 */
public record Checkerboard(int squares, double squareSize) implements Toy {
  public Checkerboard {
    if (squares < 1) {
      throw new IllegalArgumentException("squares must be at least 1, got " + squares);
    }
    ToyRows.positive("squareSize", squareSize);
  }

  /** The same board with {@code squares} cells per side. */
  public Checkerboard squares(int squares) {
    return new Checkerboard(squares, squareSize);
  }

  /** The same board with cells of side {@code squareSize}. */
  public Checkerboard squareSize(double squareSize) {
    return new Checkerboard(squares, squareSize);
  }

  /** Whether (x, y) lies on a black square of this board. */
  public boolean isBlack(double x, double y) {
    double half = squares * squareSize / 2;
    double i = Math.floor((x + half) / squareSize);
    double j = Math.floor((y + half) / squareSize);
    return i >= 0 && j >= 0 && i < squares && j < squares && ((long) (i + j)) % 2 == 0;
  }

  @Override
  public String name() {
    return "checkerboard (" + squares + "x" + squares + ", squareSize " + squareSize + ")";
  }

  @Override
  public INDArray sample(int n, Rng rng) {
    int k = squares;
    double side = squareSize;
    double half = k * side / 2;
    int black = (k * k + 1) / 2;
    return ToyRows.sample(n, rng, (r, b, idx) -> {
      int m = r.nextInt(black);
      int i;
      int j;
      if (k % 2 == 1) {
        // odd k: cell q = i + j k is black exactly when q is even
        int q = 2 * m;
        i = q % k;
        j = q / k;
      } else {
        // even k: k/2 black cells per row, starting at column (j mod 2)
        j = m / (k / 2);
        i = 2 * (m % (k / 2)) + (j % 2);
      }
      ToyRows.put(b, idx, -half + (i + r.nextDouble()) * side, -half + (j + r.nextDouble()) * side);
    });
  }
}
