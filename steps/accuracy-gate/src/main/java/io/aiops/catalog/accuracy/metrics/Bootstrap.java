package io.aiops.catalog.accuracy.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap 95% intervals of the ratio figures: {@code resamples} times, n rows are drawn with
 * replacement (as row multiplicities, so a resample costs one pass and no copy) and the figures recomputed. The
 * seed is fixed, so the same data gives the same interval on every run. Resamples where a figure is undefined
 * (no positive drawn, for AUC) are left out of that figure's interval.
 */
public final class Bootstrap {
  public record Interval(double low, double high) {}

  private Bootstrap() {}

  public static Map<String, Interval> intervals(Tally tally, int positive, int resamples, long seed) {
    int n = (int) tally.rows();
    int k = tally.labels().size();
    int[] actual = tally.actual();
    int[] predicted = tally.predicted();
    ScoreCurve curve = tally.curve();
    Map<String, double[]> draws = new LinkedHashMap<>();
    Figures.RATIOS.forEach(name -> draws.put(name, new double[resamples]));
    SplittableRandom random = new SplittableRandom(seed);
    int[] weight = new int[n];
    for (int b = 0; b < resamples; b++) {
      Arrays.fill(weight, 0);
      for (int i = 0; i < n; i++) {
        weight[random.nextInt(n)]++;
      }
      double[][] m = new double[k][k];
      for (int i = 0; i < n; i++) {
        m[actual[i]][predicted[i]] += weight[i];
      }
      Map<String, Double> figures = Figures.of(m, positive);
      if (curve != null) {
        double[] areas = curve.areas(weight);
        figures.put("roc_auc", areas[0]);
        figures.put("pr_auc", areas[1]);
      }
      for (String name : Figures.RATIOS) {
        draws.get(name)[b] = figures.get(name);
      }
    }
    Map<String, Interval> intervals = new LinkedHashMap<>();
    draws.forEach((name, values) -> intervals.put(name, interval(values)));
    return intervals;
  }

  /** The 2.5th and 97.5th percentiles, linearly interpolated (numpy's default); NaN draws dropped. */
  static Interval interval(double[] values) {
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return new Interval(Double.NaN, Double.NaN);
    }
    return new Interval(percentile(v, 2.5), percentile(v, 97.5));
  }

  static double percentile(double[] sorted, double p) {
    double at = p / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
  }
}
