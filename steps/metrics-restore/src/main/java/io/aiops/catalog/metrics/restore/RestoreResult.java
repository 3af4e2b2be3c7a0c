package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.step.results.StepResult;

/** The Tekton results metrics-restore writes. */
public enum RestoreResult implements StepResult {
  RESTORED("restored", "Number of metric requests scheduled from the backup (with dry-run: that would be)."),
  SKIPPED("skipped", "Number of metric requests skipped because the service already lists them."),
  FAILED("failed", "Number of metric requests that could not be restored (listed in the log; exit code 3).");

  private final String name;
  private final String description;

  RestoreResult(String name, String description) {
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
