package io.aiops.catalog.accuracy.metrics;

import java.util.Arrays;

/**
 * A confusion matrix over class indices of a shared {@link Labels}: rows are the true class, columns the predicted
 * one. Cells are doubles so that weighted matrices (a bootstrap resample, a dummy's expected matrix) use the same
 * figures code; counts up to 2^53 stay exact.
 */
public final class Confusion {
  private double[][] cells = new double[2][2];

  public void add(int actual, int predicted) {
    add(actual, predicted, 1);
  }

  public void add(int actual, int predicted, double weight) {
    int need = Math.max(actual, predicted) + 1;
    if (need > cells.length) {
      int size = Math.max(need, cells.length * 2);
      double[][] grown = new double[size][size];
      for (int i = 0; i < cells.length; i++) {
        System.arraycopy(cells[i], 0, grown[i], 0, cells.length);
      }
      cells = grown;
    }
    cells[actual][predicted] += weight;
  }

  public double cell(int actual, int predicted) {
    return actual < cells.length && predicted < cells.length ? cells[actual][predicted] : 0;
  }

  /** The matrix over the first {@code k} classes. */
  public double[][] matrix(int k) {
    double[][] m = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        m[i][j] = cell(i, j);
      }
    }
    return m;
  }

  public double total() {
    return Arrays.stream(cells).flatMapToDouble(Arrays::stream).sum();
  }

  public void clear() {
    for (double[] row : cells) {
      Arrays.fill(row, 0);
    }
  }
}
