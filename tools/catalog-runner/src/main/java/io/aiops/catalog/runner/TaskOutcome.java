package io.aiops.catalog.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** How one pipeline task ended. */
record TaskOutcome(String task, Status status, String reason, Instant startedAt, Duration duration,
    Map<String, String> results, List<String> artifactDirs) {

  enum Status { SUCCEEDED, FAILED, SKIPPED, NOT_RUN }

  boolean succeeded() {
    return status == Status.SUCCEEDED;
  }
}
