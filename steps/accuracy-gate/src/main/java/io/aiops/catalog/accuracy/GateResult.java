package io.aiops.catalog.accuracy;

import io.aiops.catalog.step.results.Describe;
import io.aiops.catalog.step.results.StepResult;

/** The Tekton results accuracy-gate writes (figures rounded to 6 significant digits; all of them fit in 4 KB). */
public enum GateResult implements StepResult {
  @Describe("PASS, FAIL, NO_THRESHOLDS, NO_BASELINE or OVERRIDDEN.")
  VERDICT,
  @Describe("Share of rows predicted right.")
  ACCURACY,
  @Describe("Mean recall over the classes.")
  BALANCED_ACCURACY,
  @Describe("Precision of the positive class (macro average without one).")
  PRECISION,
  @Describe("Recall of the positive class (macro average without one).")
  RECALL,
  @Describe("F1 of the positive class (macro average without one).")
  F1,
  @Describe("Matthews correlation coefficient.")
  MCC,
  @Describe("Area under the ROC curve; empty without scores.")
  ROC_AUC,
  @Describe("Average precision (area under the precision-recall curve); empty without scores.")
  PR_AUC,
  @Describe("Number of rows scored.")
  ROWS,
  @Describe("The threshold clauses that failed, with the values they saw; empty if none.")
  FAILED_CLAUSES,
  @Describe("The --override reason when a failing model was passed; empty otherwise.")
  OVERRIDE_REASON,
  @Describe("Path of metrics.json (all figures, per class, per slice, intervals, trivial models).")
  METRICS_FILE;

  /**
   * The headline figures: written as results and as the {@code accuracy-gate.aiops.io/<result name>} annotations
   * the admission policy reads, so the only figures a bar ({@code min-<result name>}) may name.
   */
  public static final java.util.List<GateResult> FIGURES = java.util.List.of(ACCURACY, BALANCED_ACCURACY, PRECISION,
      RECALL, F1, MCC, ROC_AUC, PR_AUC, ROWS);

  /** Room for the failed clauses, so that all results stay under Tekton's 4096 bytes. */
  static final int FAILED_CLAUSES_LIMIT = 2048;
}
