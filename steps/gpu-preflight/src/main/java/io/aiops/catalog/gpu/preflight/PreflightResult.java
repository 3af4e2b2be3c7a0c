package io.aiops.catalog.gpu.preflight;

import io.aiops.catalog.step.results.Describe;
import io.aiops.catalog.step.results.StepResult;

/** The Tekton results gpu-preflight writes. */
public enum PreflightResult implements StepResult {
  @Describe("GO when every node passed (WARN included), NO-GO otherwise; PASS/WARN/FAIL/ERROR for one node.")
  VERDICT,
  @Describe("Comma-separated nodes that failed or could not be checked; empty when none.")
  FAILED_NODES,
  @Describe("Comma-separated nodes not checked because other pods held their GPUs (SKIP: neither GO nor NO-GO); "
      + "empty when none.")
  BUSY_NODES,
  @Describe("How many nodes were checked (busy nodes are not).")
  NODES_CHECKED,
  @Describe("Path of the JSON summary of every node's findings (in the reports workspace).")
  SUMMARY_FILE;
}
