package io.aiops.catalog.accuracy.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every figure of one scoring run: the model's, the trivial models' (a majority-class and a stratified dummy on
 * the same truth), and per slice.
 */
public record Scorecard(
    java.util.List<String> labels,
    int positive,
    double[][] matrix,
    Map<String, Double> figures,
    Figures.PerClass[] perClass,
    Map<String, Double> majority,
    Map<String, Double> stratified,
    Map<String, Map<String, Double>> slices) {

  public static Scorecard of(Tally tally, int positive) {
    int k = tally.labels().size();
    double[][] m = tally.overall().matrix(k);
    Map<String, Double> figures = withAreas(Figures.of(m, positive), tally.curve());
    Map<String, Map<String, Double>> slices = new LinkedHashMap<>();
    tally.slices().forEach((name, c) -> slices.put(name, Figures.of(c.matrix(k), positive)));
    return new Scorecard(tally.labels().names(), positive, m, figures, Figures.perClass(m),
        dummy(majority(m), positive), dummy(stratified(m), positive), slices);
  }

  /** A dummy's scores carry no information: ROC-AUC 0.5, average precision the prevalence. */
  private static Map<String, Double> dummy(double[][] m, int positive) {
    Map<String, Double> f = Figures.of(m, positive);
    if (positive >= 0) {
      f.put("roc_auc", 0.5);
      f.put("pr_auc", f.get("rows") > 0 ? f.get("positives") / f.get("rows") : Double.NaN);
    }
    return f;
  }

  static Map<String, Double> withAreas(Map<String, Double> figures, ScoreCurve curve) {
    if (curve != null) {
      double[] areas = curve.areas();
      figures.put("roc_auc", areas[0]);
      figures.put("pr_auc", areas[1]);
    }
    return figures;
  }

  /** sklearn DummyClassifier(strategy="most_frequent"): every row predicted as the most frequent true class. */
  static double[][] majority(double[][] m) {
    int k = m.length;
    double[] support = support(m);
    int most = 0;
    for (int i = 1; i < k; i++) {
      if (support[i] > support[most]) {
        most = i;
      }
    }
    double[][] d = new double[k][k];
    for (int i = 0; i < k; i++) {
      d[i][most] = support[i];
    }
    return d;
  }

  /**
   * sklearn DummyClassifier(strategy="stratified") in expectation: predictions drawn from the class prior, so cell
   * (i, j) holds support_i * prior_j. Deterministic, unlike one random draw.
   */
  static double[][] stratified(double[][] m) {
    int k = m.length;
    double[] support = support(m);
    double n = java.util.Arrays.stream(support).sum();
    double[][] d = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        d[i][j] = n > 0 ? support[i] * support[j] / n : 0;
      }
    }
    return d;
  }

  private static double[] support(double[][] m) {
    double[] s = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      for (double v : m[i]) {
        s[i] += v;
      }
    }
    return s;
  }

  /** For each figure, the better of the two dummies: the bar a model must clear to be worth more than a guess. */
  public Map<String, Double> trivialBest() {
    Map<String, Double> best = new LinkedHashMap<>();
    majority.forEach((name, v) -> {
      double s = stratified.get(name);
      best.put(name, Double.isNaN(v) ? s : Double.isNaN(s) ? v : Math.max(v, s));
    });
    return best;
  }
}
