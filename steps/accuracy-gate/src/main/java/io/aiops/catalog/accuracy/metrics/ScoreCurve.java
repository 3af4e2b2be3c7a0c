package io.aiops.catalog.accuracy.metrics;

import java.util.Arrays;

/**
 * ROC-AUC and average precision (PR-AUC) of binary scores, as sklearn's roc_auc_score and
 * average_precision_score compute them: tied scores form one threshold. Scores and truths are kept as primitive
 * arrays (8 + 1 bytes a row); each row is mapped once to the rank of its distinct score so that a weighted pass
 * (a bootstrap resample) needs no new sort.
 */
public final class ScoreCurve {
  private double[] scores = new double[1024];
  private boolean[] positive = new boolean[1024];
  private int size;
  private double[] distinct;
  private int[] rank;

  public void add(double score, boolean isPositive) {
    if (size == scores.length) {
      scores = Arrays.copyOf(scores, size * 2);
      positive = Arrays.copyOf(positive, size * 2);
    }
    scores[size] = score;
    positive[size++] = isPositive;
    distinct = null;
  }

  public int size() {
    return size;
  }

  /** {roc_auc, pr_auc} over all rows. */
  public double[] areas() {
    return areas(null);
  }

  /** {roc_auc, pr_auc} with each row counted {@code weight[row]} times (null: once); NaN when a class is absent. */
  public double[] areas(int[] weight) {
    index();
    double[] pos = new double[distinct.length];
    double[] neg = new double[distinct.length];
    for (int i = 0; i < size; i++) {
      double w = weight == null ? 1 : weight[i];
      if (positive[i]) {
        pos[rank[i]] += w;
      } else {
        neg[rank[i]] += w;
      }
    }
    double totalPos = Arrays.stream(pos).sum();
    double totalNeg = Arrays.stream(neg).sum();
    if (totalPos == 0 || totalNeg == 0) {
      return new double[] {Double.NaN, totalPos == 0 ? Double.NaN : 1.0};
    }
    // thresholds from the highest score down: the ROC curve's trapezoids and AP's steps
    double tp = 0;
    double fp = 0;
    double auc = 0;
    double ap = 0;
    for (int d = distinct.length - 1; d >= 0; d--) {
      if (pos[d] == 0 && neg[d] == 0) {
        continue;
      }
      double prevTp = tp;
      double prevFp = fp;
      tp += pos[d];
      fp += neg[d];
      auc += (fp - prevFp) * (tp + prevTp) / 2;
      ap += (tp - prevTp) / totalPos * (tp / (tp + fp));
    }
    return new double[] {auc / (totalPos * totalNeg), ap};
  }

  private void index() {
    if (distinct != null) {
      return;
    }
    double[] sorted = Arrays.copyOf(scores, size);
    Arrays.sort(sorted);
    int unique = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (unique == 0 || Double.compare(sorted[i], sorted[unique - 1]) != 0) {
        sorted[unique++] = sorted[i];
      }
    }
    distinct = Arrays.copyOf(sorted, unique);
    rank = new int[size];
    for (int i = 0; i < size; i++) {
      rank[i] = Arrays.binarySearch(distinct, scores[i]);
    }
  }
}
