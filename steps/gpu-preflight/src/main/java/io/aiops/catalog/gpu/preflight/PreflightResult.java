package io.aiops.catalog.gpu.preflight;

import io.aiops.catalog.step.results.StepResult;

/** The Tekton results gpu-preflight writes. */
public enum PreflightResult implements StepResult {
  VERDICT("verdict", "GO when every node passed (WARN included), NO-GO otherwise; PASS/WARN/FAIL/ERROR for one node."),
  FAILED_NODES("failed-nodes", "Comma-separated nodes that failed or could not be checked; empty when none."),
  NODES_CHECKED("nodes-checked", "How many nodes were checked."),
  SUMMARY_FILE("summary-file", "Path of the JSON summary of every node's findings (in the reports workspace).");

  private final String name;
  private final String description;

  PreflightResult(String name, String description) {
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
