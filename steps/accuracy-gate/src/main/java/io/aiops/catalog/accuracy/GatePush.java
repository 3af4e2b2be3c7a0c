package io.aiops.catalog.accuracy;

import io.aiops.catalog.accuracy.gate.Judgement;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.metrics.Gauges;
import io.aiops.catalog.step.metrics.PushOptions;
import io.aiops.catalog.step.metrics.Pushgateway;
import java.util.Map;
import java.util.Optional;

/**
 * The gate's outcome as gauges for the catalog's alerts (tekton/monitoring): pushed under {@code job=accuracy-gate}
 * and the run's --pushgateway-label pairs (model, branch), so the next run of the same model and branch replaces it.
 */
final class GatePush {
  static final String JOB = "accuracy-gate";

  private GatePush() {}

  static Gauges gauges(Judgement judgement, boolean blocked, Map<String, String> headline) {
    Gauges g = new Gauges()
        .gauge("accuracy_gate_failed", "1 when the gate stopped the pipeline (exit 3: FAIL, NO_BASELINE with "
            + "--on-missing-baseline=fail, or a model it would not deploy), else 0.", blocked ? 1 : 0)
        .gauge("accuracy_gate_verdict", "The verdict of the last run as a label (PASS, FAIL, NO_THRESHOLDS, "
            + "NO_BASELINE, OVERRIDDEN); the value is always 1.", Map.of("verdict", judgement.verdict().name()), 1)
        .gauge("accuracy_gate_failed_clauses", "How many threshold clauses failed.", judgement.failed().size());
    headline.forEach((figure, text) -> {
      if (text != null && !text.isBlank()) {
        try {
          g.gauge("accuracy_gate_figure", "The headline figures of the scored model (accuracy, precision, recall, "
              + "f1, mcc, roc_auc, pr_auc, rows).", Map.of("figure", figure), Double.parseDouble(text));
        } catch (NumberFormatException notANumber) {
          // "NaN"-like texts of an undefined figure are not pushed: an absent series is clearer than a NaN
        }
      }
    });
    return g;
  }

  static void push(Optional<Pushgateway> gateway, Map<String, String> labels, Judgement judgement, boolean blocked,
      Map<String, String> headline, StepLog log) {
    PushOptions.push(gateway, JOB, labels, gauges(judgement, blocked, headline), blocked, log);
  }
}
