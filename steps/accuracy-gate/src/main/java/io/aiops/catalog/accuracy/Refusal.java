package io.aiops.catalog.accuracy;

import io.aiops.catalog.accuracy.gate.Judgement;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether the gate stops the pipeline (exit 3) and the line it says why. One answer for the exit code and for the
 * {@code accuracy_gate_failed} gauge, so a dashboard never disagrees with the PipelineRun.
 */
final class Refusal {
  private Refusal() {}

  /** Empty when the pipeline goes on: PASS and OVERRIDDEN always, NO_THRESHOLDS and NO_BASELINE unless deploying. */
  static Optional<String> of(Judgement judgement, GateRequest.MissingBaseline onMissingBaseline, boolean deploying) {
    return switch (judgement.verdict()) {
      case PASS, OVERRIDDEN -> Optional.empty();
      case FAIL -> Optional.of("below threshold: " + judgement.failed().stream()
          .map(f -> f.clause() + " (" + f.values() + ")").collect(Collectors.joining("; ")));
      case NO_BASELINE -> onMissingBaseline == GateRequest.MissingBaseline.fail
          ? Optional.of("NO_BASELINE: thresholds name baseline.* but no --baseline-metrics was given (pass one, or "
              + "--on-missing-baseline=pass for the first model)")
          : deploying ? Optional.of("NO_BASELINE is not deployed: the admission policy admits PASS or OVERRIDDEN "
              + "only; give --baseline-metrics, or thresholds that do not name baseline.*")
          : Optional.empty();
      case NO_THRESHOLDS -> deploying ? Optional.of("NO_THRESHOLDS is not deployed: give --threshold or --bars to "
          + "gate the model before --deploy-manifest deploys it") : Optional.empty();
    };
  }
}
