package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.check.Status;
import io.aiops.catalog.step.check.Finding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The rollout question: does the candidate predict what production predicts, and is it as fast? The same sample
 * goes to both; agreement is the share of rows whose predictions match (within the tolerance).
 */
final class ShadowCompare {
  private ShadowCompare() {}

  static Finding agreement(List<JsonNode> candidate, EndpointCheck.Outcome production, double tolerance,
      double minAgreement, ObjectNode figures) {
    if (production.predictions().isEmpty()) {
      String why = production.checks().stream().filter(c -> c.status() != Status.PASS).map(Finding::message)
          .findFirst().orElse("no predictions");
      return Finding.error("compare", "production endpoint gave no predictions to compare with: %s", why);
    }
    double share = Agreement.share(candidate, production.predictions(), tolerance);
    figures.put("agreement", share);
    String text = String.format("candidate agrees with production on %.1f%% of %d row(s)", share * 100,
        candidate.size());
    return share >= minAgreement ? Finding.pass("compare", "%s (--min-agreement %s)", text, minAgreement)
        : Finding.fail("compare", "%s, under --min-agreement %s", text, minAgreement);
  }

  static Finding latency(LoadResult candidate, LoadResult production, ObjectNode figures) {
    double diff = candidate.percentileMs(95) - production.percentileMs(95);
    figures.put("p95DifferenceMs", Math.round(diff * 1000) / 1000.0);
    figures.set("productionLoad", production.toJson());
    return Finding.pass("compare/latency", "p95 candidate %.2f ms, production %.2f ms (%+.2f ms)",
        candidate.percentileMs(95), production.percentileMs(95), diff);
  }
}
