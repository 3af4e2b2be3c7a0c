package io.aiops.catalog.trustyai;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The scheduled metrics TrustyAI serves, each with the path it is scheduled under. */
public enum MetricType {
  SPD(Group.FAIRNESS, "/metrics/group/fairness/spd"),
  DIR(Group.FAIRNESS, "/metrics/group/fairness/dir"),
  MEANSHIFT(Group.DRIFT, "/metrics/drift/meanshift"),
  KSTEST(Group.DRIFT, "/metrics/drift/kstest"),
  APPROXKSTEST(Group.DRIFT, "/metrics/drift/approxkstest"),
  FOURIERMMD(Group.DRIFT, "/metrics/drift/fouriermmd"),
  IDENTITY(Group.OTHER, "/metrics/identity");

  public enum Group { FAIRNESS, DRIFT, OTHER }

  private final Group group;
  private final String basePath;

  MetricType(Group group, String basePath) {
    this.group = group;
    this.basePath = basePath;
  }

  public Group group() {
    return group;
  }

  /** Where a request of this type is scheduled: {@code POST <base>/request}. */
  public String requestPath() {
    return basePath + "/request";
  }

  /** By the listing's metricName (route by it, never by @type: SPD and DIR share one @type). */
  public static Optional<MetricType> fromMetricName(String metricName) {
    if (metricName == null) {
      return Optional.empty();
    }
    String upper = metricName.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.name().equals(upper)).findFirst();
  }
}
