package io.aiops.catalog.notebook;

import io.aiops.catalog.step.results.Describe;
import io.aiops.catalog.step.results.StepResult;

/** The Tekton results the notebook-train subcommands write. */
public enum NotebookResult implements StepResult {
  @Describe("Path of the notebook with the injected parameters.")
  PREPARED_NOTEBOOK,
  @Describe("Data source actually used: prometheus, hybrid or synthetic (synthetic also when "
      + "--fallback=synthetic replaced an unreachable or empty Prometheus).")
  DATA_SOURCE,
  @Describe("Why the data is synthetic although Prometheus was asked for; empty when not.")
  FALLBACK_REASON,
  @Describe("Rows of real data fetched into the training CSV (0 for synthetic data).")
  ROWS,
  @Describe("How the notebook run ended: succeeded, cell-error, oom-killed, kernel-died, kernel-start-timeout, "
      + "execution-timeout, iopub-timeout or nbconvert-failed.")
  OUTCOME,
  @Describe("Path of the trained model file.")
  MODEL_PATH,
  @Describe("SHA-256 of the model file; model-validate checks it with --expected-sha256.")
  MODEL_SHA256,
  @Describe("Size of the model file in bytes.")
  MODEL_BYTES,
  @Describe("Path of the metrics.json the notebook wrote, kept beside the report; empty when none.")
  METRICS_FILE,
  @Describe("Path of train.py, the notebook's Train cells after its parameters as a script; empty when none "
      + "was written.")
  TRAIN_SCRIPT_PATH,
  @Describe("Path of wrapper.py, the notebook's Wrapper cells (the model's serving wrapper) as a script; empty when "
      + "none was written.")
  WRAPPER_PATH,
  @Describe("Path of the HTML copy of the executed notebook (kept on failure too).")
  REPORT;
}
