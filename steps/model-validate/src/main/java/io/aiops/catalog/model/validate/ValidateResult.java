package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.results.StepResult;

/** The Tekton results model-validate writes. */
public enum ValidateResult implements StepResult {
  VERDICT("verdict", "Worst outcome of all checks: PASS, WARN, FAIL or ERROR."),
  P95_MS("p95-ms", "95th percentile latency of the load test in milliseconds; empty when no load test ran."),
  ERROR_RATE("error-rate", "Share of load-test requests that failed (non-2xx or transport error), 0 to 1; empty when no load test ran.");

  private final String name;
  private final String description;

  ValidateResult(String name, String description) {
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
