package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.step.results.StepResult;

/** The Tekton results gpu-deadlock writes. */
public enum DeadlockResult implements StepResult {
  DEADLOCK_COUNT("deadlock-count", "Number of InferenceServices found in a GPU rollout deadlock."),
  FIXED_COUNT("fixed-count", "Number of deadlocks fixed (0 in check mode and in dry runs)."),
  DEADLOCKS("deadlocks", "The deadlocked InferenceServices as namespace/name, space-separated (shortened to fit).");

  private final String name;
  private final String description;

  DeadlockResult(String name, String description) {
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
