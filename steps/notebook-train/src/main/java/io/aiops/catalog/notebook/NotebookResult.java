package io.aiops.catalog.notebook;

import io.aiops.catalog.step.results.StepResult;

/** The Tekton results the notebook-train subcommands write. */
public enum NotebookResult implements StepResult {
  PREPARED_NOTEBOOK("prepared-notebook", "Path of the notebook with the injected parameters."),
  DATA_SOURCE("data-source", "Data source actually used: prometheus, hybrid or synthetic (synthetic also when "
      + "--fallback=synthetic replaced an unreachable or empty Prometheus)."),
  FALLBACK_REASON("fallback-reason", "Why the data is synthetic although Prometheus was asked for; empty when not."),
  ROWS("rows", "Rows of real data fetched into the training CSV (0 for synthetic data)."),
  OUTCOME("outcome", "How the notebook run ended: succeeded, cell-error, kernel-died, kernel-start-timeout, "
      + "execution-timeout, iopub-timeout or nbconvert-failed."),
  MODEL_PATH("model-path", "Path of the trained model file."),
  MODEL_SHA256("model-sha256", "SHA-256 of the model file; model-validate checks it with --expected-sha256."),
  MODEL_BYTES("model-bytes", "Size of the model file in bytes."),
  METRICS_FILE("metrics-file", "Path of the metrics.json the notebook wrote, kept beside the report; empty when none."),
  REPORT("report", "Path of the HTML copy of the executed notebook (kept on failure too).");

  private final String name;
  private final String description;

  NotebookResult(String name, String description) {
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
