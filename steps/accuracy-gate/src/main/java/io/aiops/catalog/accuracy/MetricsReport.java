package io.aiops.catalog.accuracy;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.accuracy.gate.Judgement;
import io.aiops.catalog.accuracy.metrics.Bootstrap.Interval;
import io.aiops.catalog.accuracy.metrics.Scorecard;
import io.aiops.catalog.step.StepVersion;
import java.util.Map;

/**
 * metrics.json: everything the gate saw and decided. Its "figures" object is what a later run reads back with
 * --baseline-metrics. Undefined figures (NaN) are written as null.
 */
final class MetricsReport {
  private static final ObjectMapper JSON = Json.mapper();

  private MetricsReport() {}

  static ObjectNode build(Scorecard card, Judgement judgement, Map<String, Interval> ci, int resamples, long seed,
      String override, String dataFile) {
    ObjectNode root = JSON.createObjectNode();
    root.put("tool", "accuracy-gate " + StepVersion.version());
    root.put("data", dataFile);
    root.put("verdict", judgement.verdict().name());
    if (override != null) {
      root.put("overrideReason", override);
    }
    root.put("positiveLabel", card.positive() >= 0 ? card.labels().get(card.positive()) : null);
    root.set("figures", figures(card.figures()));
    ObjectNode matrix = root.putObject("confusionMatrix");
    card.labels().forEach(matrix.putArray("labels")::add);
    ArrayNode rows = matrix.putArray("matrix");
    for (double[] row : card.matrix()) {
      ArrayNode r = rows.addArray();
      for (double v : row) {
        r.add((long) v);
      }
    }
    ObjectNode perClass = root.putObject("perClass");
    for (int i = 0; i < card.labels().size(); i++) {
      var c = card.perClass()[i];
      perClass.putObject(card.labels().get(i)).put("precision", c.precision()).put("recall", c.recall())
          .put("f1", c.f1()).put("support", (long) c.support());
    }
    ObjectNode trivial = root.putObject("trivial");
    trivial.set("majority", figures(card.majority()));
    trivial.set("stratified", figures(card.stratified()));
    if (!ci.isEmpty()) {
      ObjectNode intervals = root.putObject("ci");
      intervals.put("resamples", resamples).put("seed", seed).put("level", 0.95);
      ci.forEach((name, interval) -> {
        ObjectNode figure = intervals.putObject(name);
        figure.set("low", number(interval.low()));
        figure.set("high", number(interval.high()));
      });
    }
    ObjectNode slices = root.putObject("slices");
    card.slices().forEach((name, figures) -> slices.set(name, figures(figures)));
    ArrayNode clauses = root.putArray("thresholds");
    for (Judgement.Outcome o : judgement.outcomes()) {
      clauses.addObject().put("clause", o.clause()).put("status", o.status().name()).put("values", o.values());
    }
    return root;
  }

  private static ObjectNode figures(Map<String, Double> figures) {
    ObjectNode node = JSON.createObjectNode();
    figures.forEach((name, v) -> node.set(name, number(v)));
    return node;
  }

  private static com.fasterxml.jackson.databind.JsonNode number(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? JSON.nullNode() : JSON.getNodeFactory().numberNode(v);
  }
}
