package io.aiops.catalog.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the accuracy gate decided, read from its metrics.json in the workspace: a finally task cannot rely on the
 * gate's Tekton results (Tekton skips a finally task whose params name results a failed task never produced), but
 * the gate writes metrics.json before it exits 3.
 */
record GateReport(String verdict, Map<String, String> figures, List<String> failedClauses) {
  /** The figures a message shows, in this order, when the gate computed them. */
  static final List<String> KEY_FIGURES = List.of("accuracy", "precision", "recall", "f1", "mcc", "roc_auc", "rows");

  static Optional<GateReport> read(Path metricsJson, StepLog log) {
    if (metricsJson == null || metricsJson.toString().isBlank()) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(metricsJson)) {
      log.warn("no gate report at %s (the gate did not run or wrote elsewhere): the message has no figures",
          metricsJson);
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(metricsJson.toFile());
    } catch (IOException e) {
      log.warn("the gate report %s is not JSON (%s): the message has no figures", metricsJson,
          e.getClass().getSimpleName());
      return Optional.empty();
    }
    Map<String, String> figures = new LinkedHashMap<>();
    for (String name : KEY_FIGURES) {
      JsonNode v = root.path("figures").path(name);
      if (v.isNumber()) {
        figures.put(name, name.equals("rows") ? Long.toString(v.asLong()) : round(v.asDouble()));
      }
    }
    List<String> failed = new ArrayList<>();
    root.path("thresholds").forEach(t -> {
      if ("FAILED".equals(t.path("status").asText())) {
        failed.add(t.path("clause").asText() + " (" + t.path("values").asText() + ")");
      }
    });
    String verdict = root.path("verdict").asText("");
    return Optional.of(new GateReport(verdict.isBlank() ? "UNKNOWN" : verdict, figures, failed));
  }

  private static String round(double v) {
    return Double.isNaN(v) ? "NaN" : new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros()
        .toPlainString();
  }
}
