package io.aiops.catalog.metrics.restore;

import java.nio.file.Path;
import java.time.Duration;

/** One metrics-restore run's inputs, built once from the options. */
record RestoreRequest(String file, Path backupDir, String namespace, String serviceUrl, String routeLabel, Mode mode,
    boolean skipExisting, int concurrency, boolean verify, Duration readyTimeout) {

  /** What the run does with the plan: carry it out, only show it, or only check the service against the backup. */
  enum Mode { RESTORE, DRY_RUN, VERIFY_ONLY }
}
