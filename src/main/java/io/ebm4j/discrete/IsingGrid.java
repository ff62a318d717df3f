package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Ising model on an h x w grid of spins s in {-1, +1} (site (r, c) is column r*w + c of a state):
 *
 * <pre>
 *   U(s) = - sum_{edges (a,b)} J_ab s_a s_b - sum_i h_i s_i
 * </pre>
 *
 * with nearest-neighbour edges (right and down), couplings J uniform or per edge, and an external field h per
 * site. With periodic boundaries the last column couples to the first and the last row to the first (both sides
 * must then be at least 3, so no edge is doubled). Flipping site i changes the energy by 2 s_i (h_i + sum_j J_ij
 * s_j). Gradients in x are unsupported (binary states): {@code evaluate} throws when g is not null.
 *
 * <pre>{@code
 * IsingGrid g = IsingGrid.builder(3, 3).coupling(0.4).field(0.1).periodic(false).build();
 * double logZ = ExactPartition.logZ(g);
 * }</pre>
 */
public final class IsingGrid implements BinaryEnergy {
  private final int height;
  private final int width;
  private final boolean periodic;
  private final double[] field;
  private final int[] edgeA;
  private final int[] edgeB;
  private final double[] edgeJ;
  private final int[][] neighbours;
  private final double[][] couplings;

  private IsingGrid(Builder b) {
    this.height = b.height;
    this.width = b.width;
    this.periodic = b.periodic;
    int n = height * width;
    this.field = b.field == null ? new double[n] : b.field.clone();
    int[] ea = new int[2 * n];
    int[] eb = new int[2 * n];
    double[] ej = new double[2 * n];
    int m = 0;
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        if (c + 1 < width || periodic) {
          ea[m] = r * width + c;
          eb[m] = r * width + (c + 1) % width;
          ej[m++] = b.horizontal == null ? b.coupling : b.horizontal[r][c];
        }
        if (r + 1 < height || periodic) {
          ea[m] = r * width + c;
          eb[m] = ((r + 1) % height) * width + c;
          ej[m++] = b.vertical == null ? b.coupling : b.vertical[r][c];
        }
      }
    }
    this.edgeA = Arrays.copyOf(ea, m);
    this.edgeB = Arrays.copyOf(eb, m);
    this.edgeJ = Arrays.copyOf(ej, m);
    int[] degree = new int[n];
    for (int e = 0; e < m; e++) {
      degree[edgeA[e]]++;
      degree[edgeB[e]]++;
    }
    neighbours = new int[n][];
    couplings = new double[n][];
    for (int i = 0; i < n; i++) {
      neighbours[i] = new int[degree[i]];
      couplings[i] = new double[degree[i]];
      degree[i] = 0;
    }
    for (int e = 0; e < m; e++) {
      int a = edgeA[e];
      int c = edgeB[e];
      neighbours[a][degree[a]] = c;
      couplings[a][degree[a]++] = edgeJ[e];
      neighbours[c][degree[c]] = a;
      couplings[c][degree[c]++] = edgeJ[e];
    }
  }

  /** A builder for an h x w grid (free boundary, J = 0 and h = 0 until set). */
  public static Builder builder(int height, int width) {
    return new Builder(height, width);
  }

  /** Grid height h. */
  public int height() {
    return height;
  }

  /** Grid width w. */
  public int width() {
    return width;
  }

  /** Whether the boundary is periodic. */
  public boolean periodic() {
    return periodic;
  }

  /** Number of edges. */
  public int edges() {
    return edgeJ.length;
  }

  /** Whether the lattice is bipartite (two colours, no neighbours of one colour): free, or periodic with even sides. */
  public boolean bipartite() {
    return !periodic || height % 2 == 0 && width % 2 == 0;
  }

  /** Edge e joins sites edgeSite(e, 0) and edgeSite(e, 1) (read by graph cuts). */
  int edgeSite(int e, int end) {
    return end == 0 ? edgeA[e] : edgeB[e];
  }

  /** Coupling J of edge e. */
  double edgeCoupling(int e) {
    return edgeJ[e];
  }

  /** External field h of site i. */
  double siteField(int i) {
    return field[i];
  }

  /** Sites of checkerboard colour {@code colour} (0: r + c even, 1: odd). */
  int[] sitesOfColour(int colour) {
    int[] s = new int[height * width];
    int m = 0;
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        if ((r + c) % 2 == colour) {
          s[m++] = r * width + c;
        }
      }
    }
    return Arrays.copyOf(s, m);
  }

  @Override
  public int dim() {
    return height * width;
  }

  @Override
  public Encoding encoding() {
    return Encoding.PLUS_MINUS_ONE;
  }

  @Override
  public INDArray energy(INDArray x) {
    INDArray xs = encoding().requireStates(x, dim(), "x");
    INDArray u = Batches.zeros(xs.rows());
    evaluate(xs, u, null);
    return u;
  }

  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    Bin.requireNoGradient(g, "IsingGrid");
    final int d = dim();
    final DoubleBuffer xb = Batches.buffer(x);
    final DoubleBuffer ub = Batches.buffer(u);
    Par.forRange((int) x.rows(), (ch, from, to) -> {
      for (int i = from; i < to; i++) {
        int off = i * d;
        double s = 0;
        for (int e = 0; e < edgeJ.length; e++) {
          s -= edgeJ[e] * xb.get(off + edgeA[e]) * xb.get(off + edgeB[e]);
        }
        for (int k = 0; k < d; k++) {
          s -= field[k] * xb.get(off + k);
        }
        ub.put(i, s);
      }
    });
  }

  @Override
  public Flips flips() {
    return (x, off, site) -> {
      double f = field[site];
      int[] nb = neighbours[site];
      double[] j = couplings[site];
      for (int q = 0; q < nb.length; q++) {
        f += j[q] * x.get(off + nb[q]);
      }
      return 2 * x.get(off + site) * f;
    };
  }

  /** Configuration of an {@link IsingGrid}. */
  public static final class Builder {
    private final int height;
    private final int width;
    private double coupling;
    private double[][] horizontal;
    private double[][] vertical;
    private double[] field;
    private boolean periodic;

    private Builder(int height, int width) {
      Bin.requirePositive(height, "height");
      Bin.requirePositive(width, "width");
      if ((long) height * width > 1 << 24) {
        throw new IllegalArgumentException("height * width must be at most 2^24, got " + (long) height * width);
      }
      this.height = height;
      this.width = width;
    }

    /** The same coupling J on every edge (J > 0 ferromagnetic). */
    public Builder coupling(double j) {
      Bin.requireFinite(j, "coupling");
      this.coupling = j;
      this.horizontal = null;
      this.vertical = null;
      return this;
    }

    /**
     * One coupling per edge: {@code horizontal[r][c]} couples (r, c) with (r, c+1) and {@code vertical[r][c]}
     * couples (r, c) with (r+1, c), indices taken modulo the sides when periodic. Shapes: [h][w-1] and [h-1][w]
     * for a free boundary, [h][w] and [h][w] for a periodic one (checked at {@link #build}).
     */
    public Builder couplings(double[][] horizontal, double[][] vertical) {
      if (horizontal == null || vertical == null) {
        throw new IllegalArgumentException("horizontal and vertical couplings must not be null");
      }
      this.horizontal = deepCopy(horizontal, "horizontal");
      this.vertical = deepCopy(vertical, "vertical");
      return this;
    }

    /** The same external field h on every site. */
    public Builder field(double h) {
      Bin.requireFinite(h, "field");
      this.field = new double[height * width];
      Arrays.fill(field, h);
      return this;
    }

    /** One external field per site, length h*w, site (r, c) at r*w + c. */
    public Builder field(double[] perSite) {
      if (perSite == null || perSite.length != height * width) {
        throw new IllegalArgumentException("field must have length " + height * width + ", got "
            + (perSite == null ? "null" : String.valueOf(perSite.length)));
      }
      for (int k = 0; k < perSite.length; k++) {
        Bin.requireFinite(perSite[k], "field[" + k + "]");
      }
      this.field = perSite.clone();
      return this;
    }

    /** Periodic (torus) or free boundary (default free). */
    public Builder periodic(boolean p) {
      this.periodic = p;
      return this;
    }

    /** The grid. */
    public IsingGrid build() {
      if (periodic && (height < 3 || width < 3)) {
        throw new IllegalArgumentException("a periodic grid needs both sides at least 3, got " + height + "x" + width);
      }
      if (horizontal != null) {
        int hw = periodic ? width : width - 1;
        int vh = periodic ? height : height - 1;
        requireShape(horizontal, height, hw, "horizontal");
        requireShape(vertical, vh, width, "vertical");
      }
      return new IsingGrid(this);
    }

    private static void requireShape(double[][] a, int rows, int cols, String name) {
      boolean ok = a.length == rows;
      for (int r = 0; ok && r < a.length; r++) {
        ok = a[r].length == cols;
      }
      if (!ok) {
        throw new IllegalArgumentException(name + " couplings must have shape [" + rows + "][" + cols + "], got "
            + a.length + " rows" + (a.length > 0 ? " of length " + a[0].length : ""));
      }
    }

    private static double[][] deepCopy(double[][] a, String name) {
      double[][] c = new double[a.length][];
      for (int r = 0; r < a.length; r++) {
        if (a[r] == null) {
          throw new IllegalArgumentException(name + " couplings row " + r + " must not be null");
        }
        c[r] = a[r].clone();
        for (int k = 0; k < c[r].length; k++) {
          Bin.requireFinite(c[r][k], name + "[" + r + "][" + k + "]");
        }
      }
      return c;
    }
  }
}
