package io.aiops.catalog.metrics.backup;

import io.aiops.catalog.step.results.Describe;
import io.aiops.catalog.step.results.StepResult;

/** The Tekton results metrics-backup writes. */
public enum BackupResult implements StepResult {
  @Describe("Path of the backup file written (in the backups workspace).")
  BACKUP_FILE,
  @Describe("Number of scheduled metric requests in the backup.")
  METRIC_COUNT,
  @Describe("SHA-256 of the backup file; metrics-restore checks it.")
  SHA256,
  @Describe("The backup trustyai-metrics-latest.json points at: this run's, or the last non-empty one when the "
      + "service listed no metrics.")
  LATEST;
}
