package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.step.results.Describe;
import io.aiops.catalog.step.results.StepResult;

/** The Tekton results metrics-restore writes. */
public enum RestoreResult implements StepResult {
  @Describe("Number of metric requests scheduled from the backup (with dry-run: that would be).")
  RESTORED,
  @Describe("Number of metric requests skipped because the service already lists them.")
  SKIPPED,
  @Describe("Number of metric requests that could not be restored (listed in the log; exit code 3).")
  FAILED;
}
