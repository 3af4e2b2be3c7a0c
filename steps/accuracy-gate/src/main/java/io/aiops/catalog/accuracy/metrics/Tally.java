package io.aiops.catalog.accuracy.metrics;

import io.aiops.catalog.step.StepException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates scored rows without keeping them: the overall and per-slice confusion matrices, and, only when
 * asked for, primitive per-row arrays (class indices for the bootstrap, scores for the AUCs).
 */
public final class Tally {
  /** More classes or slices than this is a wrong column (an id, a float), not a classification: said, not scored. */
  public static final int MAX_DISTINCT = 1000;
  private final Labels labels = new Labels();
  private final Confusion overall = new Confusion();
  private final Map<String, Confusion> slices = new TreeMap<>();
  private final ScoreCurve curve;
  private final boolean keepRows;
  private int[] actual = new int[0];
  private int[] predicted = new int[0];
  private long rows;

  public Tally(boolean withScores, boolean keepRows) {
    this.curve = withScores ? new ScoreCurve(keepRows) : null;
    this.keepRows = keepRows;
  }

  public Labels labels() {
    return labels;
  }

  /** One scored row; {@code score} is ignored without scores, {@code slice} may be null. */
  public void add(String actualLabel, String predictedLabel, double score, boolean actualIsPositive, String slice) {
    int a = labels.indexOf(actualLabel);
    int p = labels.indexOf(predictedLabel);
    if (labels.size() > MAX_DISTINCT) {
      throw StepException.usage(String.format("more than %d distinct labels (the last: '%s' / '%s'): is the label or "
          + "prediction column a class at all? A score belongs in --score-column", MAX_DISTINCT, actualLabel,
          predictedLabel));
    }
    overall.add(a, p);
    if (slice != null) {
      Confusion bySlice = slices.get(slice);
      if (bySlice == null) {
        if (slices.size() == MAX_DISTINCT) {
          throw StepException.usage(String.format("--slice-by column has more than %d distinct values: slice by a "
              + "category (region, channel), not an id or a number", MAX_DISTINCT));
        }
        bySlice = new Confusion();
        slices.put(slice, bySlice);
      }
      bySlice.add(a, p);
    }
    if (curve != null) {
      curve.add(score, actualIsPositive);
    }
    if (keepRows) {
      if (rows == actual.length) {
        int size = Math.max(1024, actual.length * 2);
        actual = Arrays.copyOf(actual, size);
        predicted = Arrays.copyOf(predicted, size);
      }
      actual[(int) rows] = a;
      predicted[(int) rows] = p;
    }
    rows++;
  }

  public long rows() {
    return rows;
  }

  public Confusion overall() {
    return overall;
  }

  public Map<String, Confusion> slices() {
    return slices;
  }

  /** The score curve, or null when no scores were given. */
  public ScoreCurve curve() {
    return curve;
  }

  /** Per-row true class indices (only with keepRows). */
  public int[] actual() {
    return actual;
  }

  /** Per-row predicted class indices (only with keepRows). */
  public int[] predicted() {
    return predicted;
  }
}
