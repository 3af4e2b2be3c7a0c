package io.aiops.catalog.accuracy.gate;

/** What the gate decided; always written, so a pipeline never has to infer it from an exit code. */
public enum Verdict {
  /** Every threshold clause holds. */
  PASS,
  /** At least one clause fails. */
  FAIL,
  /** No threshold was given: the figures are reported, nothing was gated. */
  NO_THRESHOLDS,
  /** The other clauses hold, but some name baseline.* and no --baseline-metrics was given. */
  NO_BASELINE,
  /** A clause failed and --override passed the model anyway, with the reason recorded. */
  OVERRIDDEN
}
