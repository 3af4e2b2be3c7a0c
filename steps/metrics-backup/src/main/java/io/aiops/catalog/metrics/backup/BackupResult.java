package io.aiops.catalog.metrics.backup;

import io.aiops.catalog.step.results.StepResult;

/** The Tekton results metrics-backup writes. */
public enum BackupResult implements StepResult {
  BACKUP_FILE("backup-file", "Path of the backup file written (in the backups workspace)."),
  METRIC_COUNT("metric-count", "Number of scheduled metric requests in the backup."),
  SHA256("sha256", "SHA-256 of the backup file; metrics-restore checks it.");

  private final String name;
  private final String description;

  BackupResult(String name, String description) {
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
