package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.step.metrics.Gauges;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A restore's counts as gauges for the catalog's alerts (tekton/monitoring): pushed under {@code job=metrics-restore},
 * the service's namespace and the run's --pushgateway-label pairs, so the next restore there replaces them.
 */
final class RestorePush {
  static final String JOB = "metrics-restore";

  private RestorePush() {}

  static Map<String, String> grouping(String namespace, Map<String, String> labels) {
    Map<String, String> grouping = new LinkedHashMap<>();
    if (namespace != null && !namespace.isBlank()) {
      grouping.put("namespace", namespace);
    }
    grouping.putAll(labels);
    return grouping;
  }

  static Gauges gauges(long restored, long skipped, long failed) {
    String help = "Backed-up metric requests by what the last restore (or --verify-only) made of them: restored, "
        + "skipped (already there) or failed.";
    return new Gauges()
        .gauge("metrics_restore_requests", help, Map.of("result", "restored"), restored)
        .gauge("metrics_restore_requests", help, Map.of("result", "skipped"), skipped)
        .gauge("metrics_restore_requests", help, Map.of("result", "failed"), failed)
        .gauge("metrics_restore_unrestored", "Backed-up metric requests the service does not hold after the last "
            + "restore: scheduled fairness/drift metrics that are no longer computed.", failed);
  }
}
