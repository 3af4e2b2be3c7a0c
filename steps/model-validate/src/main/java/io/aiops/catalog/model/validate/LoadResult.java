package io.aiops.catalog.model.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What a load run measured. Percentiles are exact (nearest rank over every answered request's latency, sorted),
 * not estimated: at the request counts a step runs, keeping every latency costs a few MB.
 */
record LoadResult(LoadTest.Plan plan, long[] sortedNanos, Map<Integer, Long> statuses, Map<String, Long> transport,
    double seconds) {

  long answered() {
    return sortedNanos.length;
  }

  long transportErrors() {
    return transport.values().stream().mapToLong(Long::longValue).sum();
  }

  long sent() {
    return answered() + transportErrors();
  }

  long ok() {
    return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue).sum();
  }

  /** Non-2xx answers and transport errors over all requests sent. */
  double errorRate() {
    return sent() == 0 ? 1.0 : (double) (sent() - ok()) / sent();
  }

  double throughput() {
    return seconds <= 0 ? 0 : sent() / seconds;
  }

  /** Nearest-rank percentile in milliseconds: the smallest latency with at least p% of them at or below it. */
  double percentileMs(double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
  }

  String describe() {
    return String.format("%d request(s) in %.2f s: %.0f req/s%s, p50 %.2f ms, p90 %.2f ms, p95 %.2f ms, "
        + "p99 %.2f ms, error rate %.4f, status %s%s", sent(), seconds, throughput(),
        plan.rate() > 0 ? String.format(" (target %.0f)", plan.rate()) : "", percentileMs(50), percentileMs(90),
        percentileMs(95), percentileMs(99), errorRate(), statuses, transport.isEmpty() ? "" : ", transport errors "
        + transport);
  }

  ObjectNode toJson() {
    ObjectNode o = Report.JSON.createObjectNode();
    o.put("concurrency", plan.concurrency());
    o.put("requests", sent());
    o.put("seconds", round(seconds));
    o.put("throughputPerSecond", round(throughput()));
    if (plan.rate() > 0) {
      o.put("targetRatePerSecond", plan.rate());
      o.put("achievedRatePerSecond", round(throughput()));
    }
    ObjectNode latency = o.putObject("latencyMs");
    for (double p : new double[] {50, 90, 95, 99}) {
      latency.put("p" + (int) p, round(percentileMs(p)));
    }
    latency.put("max", sortedNanos.length == 0 ? Double.NaN : round(sortedNanos[sortedNanos.length - 1] / 1e6));
    latency.set("histogram", histogram(20));
    o.put("errorRate", round(errorRate()));
    ObjectNode codes = o.putObject("statusCodes");
    statuses.forEach((k, v) -> codes.put(k.toString(), v));
    ObjectNode errors = o.putObject("transportErrors");
    transport.forEach(errors::put);
    return o;
  }

  /** Equal-width buckets from 0 to the slowest answer: upper bounds (ms) and counts, for the run report. */
  ObjectNode histogram(int buckets) {
    ObjectNode h = Report.JSON.createObjectNode();
    var bounds = h.putArray("boundsMs");
    var counts = h.putArray("counts");
    if (sortedNanos.length == 0) {
      return h;
    }
    double width = Math.max(1e-3, sortedNanos[sortedNanos.length - 1] / 1e6 / buckets);
    int i = 0;
    for (int b = 1; b <= buckets; b++) {
      double upper = b == buckets ? Double.MAX_VALUE : width * b;
      int from = i;
      while (i < sortedNanos.length && sortedNanos[i] / 1e6 <= upper) {
        i++;
      }
      bounds.add(round(width * b));
      counts.add(i - from);
    }
    return h;
  }

  private static double round(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
  }
}
