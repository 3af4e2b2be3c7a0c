package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.gpu.deadlock.Findings.Deadlock;
import io.aiops.catalog.step.results.Describe;
import io.aiops.catalog.step.results.StepResult;
import java.util.List;

/** The Tekton results gpu-deadlock writes. */
public enum DeadlockResult implements StepResult {
  @Describe("Number of InferenceServices found in a GPU rollout deadlock.")
  DEADLOCK_COUNT,
  @Describe("Number of deadlocks fixed (0 in check mode and in dry runs).")
  FIXED_COUNT,
  @Describe("The deadlocked InferenceServices as namespace/name, space-separated (shortened to fit).")
  DEADLOCKS;

  /** The value of {@code deadlocks}: namespace/name keys, cut short well inside Tekton's 4 KB for all results. */
  static String list(List<Deadlock> deadlocks) {
    StringBuilder b = new StringBuilder();
    for (Deadlock d : deadlocks) {
      if (b.length() + d.key().length() + 4 > 3000) {
        return b.append(" ...").toString();
      }
      b.append(b.length() == 0 ? "" : " ").append(d.key());
    }
    return b.toString();
  }
}
