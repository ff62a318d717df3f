package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import java.util.Set;
import java.util.function.Function;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.flow.BoykovKolmogorovMFImpl;
import org.jgrapht.alg.interfaces.MinimumSTCutAlgorithm;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The exact minimum-energy state (the MAP state of exp(-U)/Z) of an {@link IsingGrid} whose couplings are all
 * non-negative, by one minimum s-t cut. Such an energy is submodular, and it is a cut up to a constant: with site i on
 * the source side when s_i = +1,
 *
 * <pre>
 *   source -> i  capacity 2 h_i   (h_i > 0: paid when s_i = -1)
 *   i -> sink    capacity -2 h_i  (h_i < 0: paid when s_i = +1)
 *   i <-> j      capacity 2 J_ij  both ways (paid when s_i != s_j)
 *   U(s) = cut(s) - sum_i |h_i| - sum_edges J_ij
 * </pre>
 *
 * so a minimum cut, found by a maximum flow, is a global minimum of U. D. M. Greig, B. T. Porteous, A. H. Seheult,
 * "Exact Maximum A Posteriori Estimation for Binary Images", Journal of the Royal Statistical Society B 51(2), 1989,
 * https://doi.org/10.1111/j.2517-6161.1989.tb01764.x; V. Kolmogorov and R. Zabih, "What Energy Functions Can Be
 * Minimized via Graph Cuts?", IEEE TPAMI 26(2), 2004. The flow is JGraphT's Boykov-Kolmogorov algorithm (Y. Boykov and
 * V. Kolmogorov, IEEE TPAMI 26(9), 2004), the fastest of JGraphT's four on grid graphs of this kind.
 *
 * <pre>{@code
 * MapEstimate map = GraphCutMap.minimize(posterior.grid());   // [1, h*w] with its energy
 * }</pre>
 */
public final class GraphCutMap {
  private GraphCutMap() {}

  /** The minimum-energy state [1, n] of a grid with couplings J >= 0 (any fields). */
  public static MapEstimate minimize(IsingGrid grid) {
    return solve(grid, BoykovKolmogorovMFImpl::new).estimate;
  }

  /** A solved cut: the MAP estimate, and the capacity of the minimum cut. */
  record Cut(MapEstimate estimate, double capacity) {}

  /** The minimum cut with a chosen max-flow algorithm (for comparisons). */
  static Cut solve(IsingGrid grid, Function<Graph<Integer, DefaultWeightedEdge>,
      MinimumSTCutAlgorithm<Integer, DefaultWeightedEdge>> algorithm) {
    if (grid == null) {
      throw new IllegalArgumentException("grid must not be null");
    }
    requireSubmodular(grid);
    int n = grid.dim();
    int source = n;
    int sink = n + 1;
    Graph<Integer, DefaultWeightedEdge> g = new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
    for (int v = 0; v < n + 2; v++) {
      g.addVertex(v);
    }
    for (int i = 0; i < n; i++) {
      double h = grid.siteField(i);
      if (h > 0) {
        Graphs.addEdge(g, source, i, 2 * h);
      } else if (h < 0) {
        Graphs.addEdge(g, i, sink, -2 * h);
      }
    }
    for (int e = 0; e < grid.edges(); e++) {
      double j = grid.edgeCoupling(e);
      if (j > 0) {
        int a = grid.edgeSite(e, 0);
        int b = grid.edgeSite(e, 1);
        Graphs.addEdge(g, a, b, 2 * j);
        Graphs.addEdge(g, b, a, 2 * j);
      }
    }
    MinimumSTCutAlgorithm<Integer, DefaultWeightedEdge> cut = algorithm.apply(g);
    double capacity = cut.calculateMinCut(source, sink);
    Set<Integer> up = cut.getSourcePartition();
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = up.contains(i) ? 1.0 : -1.0;
    }
    INDArray x = Batches.vector(s).reshape(1, n);
    double u = grid.energy(x).getDouble(0);
    return new Cut(new MapEstimate(x, new double[] {u}, 0, new double[0]), capacity);
  }

  /** The capacity of the cut that puts the sites with s_i = +1 (row {@code row} of x) on the source side. */
  static double cutValue(IsingGrid grid, INDArray x, int row) {
    int n = grid.dim();
    double c = 0;
    for (int i = 0; i < n; i++) {
      double h = grid.siteField(i);
      double s = x.getDouble(row, i);
      if (h > 0 && s < 0 || h < 0 && s > 0) {
        c += 2 * Math.abs(h);
      }
    }
    for (int e = 0; e < grid.edges(); e++) {
      if (x.getDouble(row, grid.edgeSite(e, 0)) != x.getDouble(row, grid.edgeSite(e, 1))) {
        c += 2 * grid.edgeCoupling(e);
      }
    }
    return c;
  }

  /** U(s) - cut(s), the same for every s: -sum_i |h_i| - sum_edges J_ij. */
  static double offset(IsingGrid grid) {
    double c = 0;
    for (int i = 0; i < grid.dim(); i++) {
      c -= Math.abs(grid.siteField(i));
    }
    for (int e = 0; e < grid.edges(); e++) {
      c -= grid.edgeCoupling(e);
    }
    return c;
  }

  private static void requireSubmodular(IsingGrid grid) {
    for (int e = 0; e < grid.edges(); e++) {
      double j = grid.edgeCoupling(e);
      if (j < 0) {
        throw new IllegalArgumentException("coupling must be non-negative on every edge for a graph cut (the energy"
            + " is then submodular), got " + j + " on the edge joining sites " + grid.edgeSite(e, 0) + " and "
            + grid.edgeSite(e, 1));
      }
    }
  }
}
