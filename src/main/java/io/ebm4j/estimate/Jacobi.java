package io.ebm4j.estimate;

/**
 * Eigenvalues (and optionally eigenvectors) of a small symmetric matrix by cyclic Jacobi rotations (Golub, Van Loan,
 * "Matrix Computations", 4th ed., section 8.5): sweeps until the off-diagonal mass is below 1e-30 of the total.
 */
final class Jacobi {
  private static final int MAX_SWEEPS = 100;

  private Jacobi() {}

  /**
   * Diagonalises a in place (a is destroyed); returns the eigenvalues and, when v is not null, writes the eigenvectors
   * as the columns of v.
   */
  static double[] eigen(double[][] a, double[][] v) {
    int p = a.length;
    if (v != null) {
      for (int i = 0; i < p; i++) {
        java.util.Arrays.fill(v[i], 0.0);
        v[i][i] = 1.0;
      }
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      double total = 0;
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < p; j++) {
          total += a[i][j] * a[i][j];
          if (i != j) {
            off += a[i][j] * a[i][j];
          }
        }
      }
      if (off <= 1e-30 * total || off == 0) {
        break;
      }
      for (int k = 0; k < p - 1; k++) {
        for (int l = k + 1; l < p; l++) {
          if (a[k][l] == 0) {
            continue;
          }
          double theta = (a[l][l] - a[k][k]) / (2 * a[k][l]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int i = 0; i < p; i++) {
            double aik = a[i][k];
            double ail = a[i][l];
            a[i][k] = c * aik - s * ail;
            a[i][l] = s * aik + c * ail;
          }
          for (int j = 0; j < p; j++) {
            double akj = a[k][j];
            double alj = a[l][j];
            a[k][j] = c * akj - s * alj;
            a[l][j] = s * akj + c * alj;
          }
          if (v != null) {
            for (int i = 0; i < p; i++) {
              double vik = v[i][k];
              double vil = v[i][l];
              v[i][k] = c * vik - s * vil;
              v[i][l] = s * vik + c * vil;
            }
          }
        }
      }
    }
    double[] e = new double[p];
    for (int i = 0; i < p; i++) {
      e[i] = a[i][i];
    }
    return e;
  }
}
