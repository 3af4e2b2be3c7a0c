package io.aiops.catalog.accuracy.metrics;

import java.util.Arrays;

/**
 * ROC-AUC and average precision (PR-AUC) of binary scores, as sklearn's roc_auc_score and
 * average_precision_score compute them: tied scores form one threshold. Scores are kept as primitive doubles in
 * small blocks, one set for the positives and one for the negatives (8 bytes a row, no array ever copied to grow,
 * no block large enough to be a humongous G1 object): 10 M scores fit a 128 MB heap. The areas sort each block in
 * place and merge the blocks from the highest score down.
 *
 * <p>A bootstrap resample weighs rows by their position, so a curve made {@code inRowOrder} also keeps each row's
 * class and maps it once to the rank of its distinct score: a weighted pass then needs no new sort.
 */
public final class ScoreCurve {
  static final int BLOCK = 1 << 14;
  private final boolean inRowOrder;
  private final Blocks positives = new Blocks();
  private final Blocks negatives = new Blocks();
  private final Blocks all;
  private boolean[] positive;
  private int size;
  private double[] distinct;
  private int[] rank;

  public ScoreCurve() {
    this(false);
  }

  /** {@code inRowOrder}: {@link #areas(int[])} with weights per row is possible (the bootstrap). */
  public ScoreCurve(boolean inRowOrder) {
    this.inRowOrder = inRowOrder;
    this.all = inRowOrder ? new Blocks() : null;
    this.positive = inRowOrder ? new boolean[1024] : null;
  }

  public void add(double score, boolean isPositive) {
    if (inRowOrder) {
      if (size == positive.length) {
        positive = Arrays.copyOf(positive, size * 2);
      }
      positive[size] = isPositive;
      all.add(score);
      distinct = null;
    } else {
      (isPositive ? positives : negatives).add(score);
    }
    size++;
  }

  public int size() {
    return size;
  }

  /** {roc_auc, pr_auc} over all rows. */
  public double[] areas() {
    return inRowOrder ? areas(null) : mergedAreas();
  }

  /** {roc_auc, pr_auc} with each row counted {@code weight[row]} times (null: once); NaN when a class is absent. */
  public double[] areas(int[] weight) {
    if (!inRowOrder) {
      if (weight != null) {
        throw new IllegalStateException("weights per row need a ScoreCurve made in row order");
      }
      return mergedAreas();
    }
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
    Areas areas = new Areas(Arrays.stream(pos).sum(), Arrays.stream(neg).sum());
    for (int d = distinct.length - 1; d >= 0; d--) {
      areas.threshold(pos[d], neg[d]);
    }
    return areas.result();
  }

  private double[] mergedAreas() {
    Areas areas = new Areas(positives.size, negatives.size);
    Merge merge = new Merge(positives, negatives);
    while (merge.next()) {
      areas.threshold(merge.pos, merge.neg);
    }
    return areas.result();
  }

  private void index() {
    if (distinct != null) {
      return;
    }
    double[] sorted = all.toArray();
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
      rank[i] = Arrays.binarySearch(distinct, all.get(i));
    }
  }

  /** Thresholds from the highest score down: the ROC curve's trapezoids and AP's steps. */
  private static final class Areas {
    final double totalPos;
    final double totalNeg;
    double tp;
    double fp;
    double auc;
    double ap;

    Areas(double totalPos, double totalNeg) {
      this.totalPos = totalPos;
      this.totalNeg = totalNeg;
    }

    void threshold(double pos, double neg) {
      if (pos == 0 && neg == 0) {
        return;
      }
      double prevTp = tp;
      double prevFp = fp;
      tp += pos;
      fp += neg;
      auc += (fp - prevFp) * (tp + prevTp) / 2;
      ap += (tp - prevTp) / totalPos * (tp / (tp + fp));
    }

    double[] result() {
      if (totalPos == 0 || totalNeg == 0) {
        return new double[] {Double.NaN, totalPos == 0 ? Double.NaN : 1.0};
      }
      return new double[] {auc / (totalPos * totalNeg), ap};
    }
  }

  /** Doubles in blocks of {@link #BLOCK}: growing copies nothing. */
  private static final class Blocks {
    double[][] blocks = new double[16][];
    int size;

    void add(double value) {
      int b = size / BLOCK;
      if (b == blocks.length) {
        blocks = Arrays.copyOf(blocks, b * 2);
      }
      if (blocks[b] == null) {
        blocks[b] = new double[BLOCK];
      }
      blocks[b][size % BLOCK] = value;
      size++;
    }

    double get(int i) {
      return blocks[i / BLOCK][i % BLOCK];
    }

    int count() {
      return (size + BLOCK - 1) / BLOCK;
    }

    int length(int b) {
      return b < size / BLOCK ? BLOCK : size % BLOCK;
    }

    double[] toArray() {
      double[] out = new double[size];
      for (int b = 0; b < count(); b++) {
        System.arraycopy(blocks[b], 0, out, b * BLOCK, length(b));
      }
      return out;
    }
  }

  /**
   * Every block of both classes sorted in place, then walked from its end under a max-heap of cursors: each step
   * yields one distinct score (in Double.compare's order, as Arrays.sort has it) with its positives and negatives.
   */
  private static final class Merge {
    final double[][] runs;
    final boolean[] runIsPositive;
    final int[] cursor;
    final int[] heap;
    int heapSize;
    double pos;
    double neg;

    Merge(Blocks positives, Blocks negatives) {
      int n = positives.count() + negatives.count();
      runs = new double[n][];
      runIsPositive = new boolean[n];
      cursor = new int[n];
      heap = new int[n];
      int r = 0;
      for (Blocks blocks : new Blocks[] {positives, negatives}) {
        for (int b = 0; b < blocks.count(); b++) {
          double[] run = blocks.length(b) == BLOCK ? blocks.blocks[b] : Arrays.copyOf(blocks.blocks[b],
              blocks.length(b));
          Arrays.sort(run);
          runs[r] = run;
          runIsPositive[r] = blocks == positives;
          cursor[r] = run.length - 1;
          if (cursor[r] >= 0) {
            heap[heapSize++] = r;
            up(heapSize - 1);
          }
          r++;
        }
      }
    }

    boolean next() {
      if (heapSize == 0) {
        return false;
      }
      double top = value(heap[0]);
      pos = 0;
      neg = 0;
      while (heapSize > 0 && Double.compare(value(heap[0]), top) == 0) {
        int r = heap[0];
        double[] run = runs[r];
        int c = cursor[r];
        int start = c;
        while (c >= 0 && Double.compare(run[c], top) == 0) {
          c--;
        }
        if (runIsPositive[r]) {
          pos += start - c;
        } else {
          neg += start - c;
        }
        cursor[r] = c;
        if (c < 0) {
          heap[0] = heap[--heapSize];
        }
        down(0);
      }
      return true;
    }

    private double value(int run) {
      return runs[run][cursor[run]];
    }

    private boolean above(int a, int b) {
      return Double.compare(value(heap[a]), value(heap[b])) > 0;
    }

    private void up(int i) {
      while (i > 0 && above(i, (i - 1) / 2)) {
        swap(i, (i - 1) / 2);
        i = (i - 1) / 2;
      }
    }

    private void down(int i) {
      while (true) {
        int l = 2 * i + 1;
        int largest = i;
        if (l < heapSize && above(l, largest)) {
          largest = l;
        }
        if (l + 1 < heapSize && above(l + 1, largest)) {
          largest = l + 1;
        }
        if (largest == i) {
          return;
        }
        swap(i, largest);
        i = largest;
      }
    }

    private void swap(int a, int b) {
      int t = heap[a];
      heap[a] = heap[b];
      heap[b] = t;
    }
  }
}
