package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.results.Describe;
import io.aiops.catalog.step.results.StepResult;

/** The Tekton results model-validate writes. */
public enum ValidateResult implements StepResult {
  @Describe("Worst outcome of all checks: PASS, WARN, FAIL or ERROR.")
  VERDICT,
  @Describe("95th percentile latency of the load test in milliseconds; empty when no load test ran.")
  P95_MS,
  @Describe("Share of load-test requests that failed (non-2xx or transport error), 0 to 1; empty when no load test ran.")
  ERROR_RATE,
  @Describe("With --promote-from: the version now served (versions/ID under the model path); empty otherwise.")
  PROMOTED_VERSION,
  @Describe("With --promote-from: the version served before, to switch back to; empty on a first promotion.")
  PREVIOUS_VERSION;
}
