package io.aiops.catalog.accuracy;

import io.aiops.catalog.step.results.StepResult;

/** The Tekton results accuracy-gate writes (figures rounded to 6 significant digits; all of them fit in 4 KB). */
public enum GateResult implements StepResult {
  VERDICT("verdict", "PASS, FAIL, NO_THRESHOLDS, NO_BASELINE or OVERRIDDEN."),
  ACCURACY("accuracy", "Share of rows predicted right."),
  BALANCED_ACCURACY("balanced-accuracy", "Mean recall over the classes."),
  PRECISION("precision", "Precision of the positive class (macro average without one)."),
  RECALL("recall", "Recall of the positive class (macro average without one)."),
  F1("f1", "F1 of the positive class (macro average without one)."),
  MCC("mcc", "Matthews correlation coefficient."),
  ROC_AUC("roc-auc", "Area under the ROC curve; empty without scores."),
  PR_AUC("pr-auc", "Average precision (area under the precision-recall curve); empty without scores."),
  ROWS("rows", "Number of rows scored."),
  FAILED_CLAUSES("failed-clauses", "The threshold clauses that failed, with the values they saw; empty if none."),
  OVERRIDE_REASON("override-reason", "The --override reason when a failing model was passed; empty otherwise."),
  METRICS_FILE("metrics-file", "Path of metrics.json (all figures, per class, per slice, intervals, trivial models).");

  /** Room for the failed clauses, so that all results stay under Tekton's 4096 bytes. */
  static final int FAILED_CLAUSES_LIMIT = 2048;

  private final String name;
  private final String description;

  GateResult(String name, String description) {
    this.name = name;
    this.description = description;
  }

  @Override
  public String resultName() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }
}
