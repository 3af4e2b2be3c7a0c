package io.aiops.catalog.model.validate;

import io.aiops.catalog.kserve.InferenceEndpoint;
import io.aiops.catalog.step.check.Finding;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.http.LoadClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Load against the model's predict endpoint, judged against the p95 and error-rate bounds; and the sweep. */
final class LatencyCheck {
  /** Distinct payloads cycled through by the load (one sample row each). */
  private static final int MAX_PAYLOADS = 64;

  private final LoadClient client;
  private final Duration timeout;
  private final StepLog log;

  LatencyCheck(LoadClient client, Duration timeout, StepLog log) {
    this.client = client;
    this.timeout = timeout;
    this.log = log;
  }

  static List<LoadClient.Request> requests(LoadClient client, InferenceEndpoint endpoint, SampleData payload) {
    List<LoadClient.Request> out = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX_PAYLOADS, payload.rows().size()); i++) {
      out.add(client.request("POST", endpoint.inferUri(), "application/json",
          endpoint.body(List.of(payload.rows().get(i)))));
    }
    return out;
  }

  LoadResult measure(List<LoadClient.Request> requests, LoadTest.Plan plan) {
    log.info("load: %s against %s", plan.describe(), requests.get(0).uri());
    LoadResult result = LoadTest.run(client, timeout, requests, plan);
    log.info("load: %s", result.describe());
    return result;
  }

  static Finding judge(String name, LoadResult r, Double maxP95Ms, double maxErrorRate) {
    String figures = r.describe();
    if (r.answered() == 0) {
      return Finding.error(name, "no request was answered: %s", figures);
    }
    List<String> broken = new ArrayList<>();
    if (maxP95Ms != null && r.percentileMs(95) > maxP95Ms) {
      broken.add(String.format("p95 %.2f ms over --max-p95-ms %s", r.percentileMs(95), maxP95Ms));
    }
    if (r.errorRate() > maxErrorRate) {
      broken.add(String.format("error rate %.4f over --max-error-rate %s", r.errorRate(), maxErrorRate));
    }
    if (!broken.isEmpty()) {
      return Finding.fail(name, "%s; %s", String.join(", ", broken), figures);
    }
    if (r.plan().rate() > 0 && r.throughput() < 0.9 * r.plan().rate()) {
      return Finding.warn(name, "achieved %.0f req/s of the %.0f targeted; %s", r.throughput(), r.plan().rate(),
          figures);
    }
    return Finding.pass(name, "%s", figures);
  }

  /**
   * Doubles the concurrency from 1 until the p95 bound (or the error-rate bound) breaks, as perf_analyzer does
   * with a latency threshold; the highest level that held is the answer.
   */
  Finding sweep(List<LoadClient.Request> requests, LoadTest.Plan plan, int maxConcurrency, double maxP95Ms,
      double maxErrorRate, ArrayNode curve) {
    Optional<LoadResult> best = Optional.empty();
    for (int c = 1; c <= maxConcurrency; c = c * 2) {
      LoadResult r = measure(requests, plan.withConcurrency(c));
      ObjectNode point = curve.addObject();
      point.setAll(r.toJson());
      boolean holds = r.answered() > 0 && r.percentileMs(95) <= maxP95Ms && r.errorRate() <= maxErrorRate;
      point.put("withinBounds", holds);
      if (!holds) {
        break;
      }
      best = Optional.of(r);
    }
    return best.map(r -> Finding.pass("sweep", "highest load within p95 <= %s ms: concurrency %d, %.0f req/s, "
        + "p95 %.2f ms", maxP95Ms, r.plan().concurrency(), r.throughput(), r.percentileMs(95)))
        .orElseGet(() -> Finding.fail("sweep", "p95 <= %s ms is not met even at concurrency 1 (p95 %s ms)", maxP95Ms,
            curve.path(0).path("latencyMs").path("p95").asText()));
  }
}
