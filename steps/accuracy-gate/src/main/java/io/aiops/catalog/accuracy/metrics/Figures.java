package io.aiops.catalog.accuracy.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a confusion matrix, defined as scikit-learn defines them (sklearn.metrics, zero_division=0):
 * classes are every label seen as truth or prediction; "macro" is the unweighted mean over them, "weighted" the
 * mean weighted by true support; balanced accuracy averages recall over classes present in the truth; MCC is the
 * multi-class form (R_K), which equals the binary one for two classes. With a positive class, precision, recall and
 * F1 are that class's; without one they are the macro averages.
 */
public final class Figures {
  /** Every figure the gate computes, in report order: the names CEL expressions use. */
  public static final List<String> NAMES = List.of("accuracy", "balanced_accuracy", "precision", "recall", "f1",
      "mcc", "specificity", "roc_auc", "pr_auc", "precision_macro", "recall_macro", "f1_macro",
      "precision_weighted", "recall_weighted", "f1_weighted", "rows", "positives", "tp", "fp", "tn", "fn");
  /** The ratio figures (bootstrap intervals make sense for these, not for counts). */
  public static final List<String> RATIOS = NAMES.subList(0, 15);

  private Figures() {}

  /** Per-class precision, recall, F1 and support. */
  public record PerClass(double precision, double recall, double f1, double support) {}

  /**
   * @param m square confusion matrix (true x predicted)
   * @param positive index of the positive class, or -1 for none
   */
  public static Map<String, Double> of(double[][] m, int positive) {
    int k = m.length;
    PerClass[] per = perClass(m);
    double n = 0;
    double trace = 0;
    double sumTP = 0;
    double sumT2 = 0;
    double sumP2 = 0;
    double[] col = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        n += m[i][j];
        col[j] += m[i][j];
      }
      trace += m[i][i];
    }
    double recallSum = 0;
    int present = 0;
    for (int i = 0; i < k; i++) {
      double t = per[i].support();
      sumTP += t * col[i];
      sumT2 += t * t;
      sumP2 += col[i] * col[i];
      if (t > 0) {
        recallSum += per[i].recall();
        present++;
      }
    }
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("accuracy", n > 0 ? trace / n : Double.NaN);
    f.put("balanced_accuracy", present > 0 ? recallSum / present : Double.NaN);
    double covYtYp = trace * n - sumTP;
    double denominator = Math.sqrt((n * n - sumT2) * (n * n - sumP2));
    double mcc = denominator == 0 ? 0 : covYtYp / denominator;
    double[] macro = new double[3];
    double[] weighted = new double[3];
    for (PerClass c : per) {
      macro[0] += c.precision() / k;
      macro[1] += c.recall() / k;
      macro[2] += c.f1() / k;
      if (n > 0) {
        weighted[0] += c.precision() * c.support() / n;
        weighted[1] += c.recall() * c.support() / n;
        weighted[2] += c.f1() * c.support() / n;
      }
    }
    if (positive >= 0 && positive < k) {
      f.put("precision", per[positive].precision());
      f.put("recall", per[positive].recall());
      f.put("f1", per[positive].f1());
    } else {
      f.put("precision", macro[0]);
      f.put("recall", macro[1]);
      f.put("f1", macro[2]);
    }
    f.put("mcc", mcc);
    f.put("specificity", Double.NaN);
    f.put("roc_auc", Double.NaN);
    f.put("pr_auc", Double.NaN);
    f.put("precision_macro", macro[0]);
    f.put("recall_macro", macro[1]);
    f.put("f1_macro", macro[2]);
    f.put("precision_weighted", weighted[0]);
    f.put("recall_weighted", weighted[1]);
    f.put("f1_weighted", weighted[2]);
    f.put("rows", n);
    f.put("positives", Double.NaN);
    f.put("tp", Double.NaN);
    f.put("fp", Double.NaN);
    f.put("tn", Double.NaN);
    f.put("fn", Double.NaN);
    if (positive >= 0 && positive < k) {
      double tp = m[positive][positive];
      double fn = per[positive].support() - tp;
      double fp = col[positive] - tp;
      double tn = n - tp - fn - fp;
      f.put("specificity", tn + fp > 0 ? tn / (tn + fp) : 0);
      f.put("positives", tp + fn);
      f.put("tp", tp);
      f.put("fp", fp);
      f.put("tn", tn);
      f.put("fn", fn);
    }
    return f;
  }

  public static PerClass[] perClass(double[][] m) {
    int k = m.length;
    PerClass[] per = new PerClass[k];
    for (int i = 0; i < k; i++) {
      double tp = m[i][i];
      double support = 0;
      double predicted = 0;
      for (int j = 0; j < k; j++) {
        support += m[i][j];
        predicted += m[j][i];
      }
      double precision = predicted > 0 ? tp / predicted : 0;
      double recall = support > 0 ? tp / support : 0;
      // sklearn's F-score: 2tp / (2tp + fp + fn), 0 when there is nothing to score
      double denominator = predicted + support;
      double f1 = denominator > 0 ? 2 * tp / denominator : 0;
      per[i] = new PerClass(precision, recall, f1, support);
    }
    return per;
  }
}
