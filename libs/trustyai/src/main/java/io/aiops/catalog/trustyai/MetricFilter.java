package io.aiops.catalog.trustyai;

import io.aiops.catalog.step.StepException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code --type}: all, fairness, drift, or one metric name (SPD, DIR, MEANSHIFT, ...), any case. */
public record MetricFilter(String spelling, Set<MetricType> types) {
  public static final String HELP = "all, fairness, drift, or one of SPD, DIR, MEANSHIFT, KSTEST, APPROXKSTEST, "
      + "FOURIERMMD, IDENTITY (any case)";

  public static MetricFilter parse(String value) {
    String v = value == null ? "all" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "all" -> new MetricFilter(v, EnumSet.allOf(MetricType.class));
      case "fairness" -> new MetricFilter(v, ofGroup(MetricType.Group.FAIRNESS));
      case "drift" -> new MetricFilter(v, ofGroup(MetricType.Group.DRIFT));
      default -> MetricType.fromMetricName(v).map(t -> new MetricFilter(v, EnumSet.of(t)))
          .orElseThrow(() -> StepException.usage("unknown --type '" + value + "': use " + HELP));
    };
  }

  /** "all" keeps every request, also of a metric this tool does not know yet: a backup must lose nothing. */
  public boolean accepts(String metricName) {
    return "all".equals(spelling) || MetricType.fromMetricName(metricName).map(types::contains).orElse(false);
  }

  private static Set<MetricType> ofGroup(MetricType.Group group) {
    return Arrays.stream(MetricType.values()).filter(t -> t.group() == group)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(MetricType.class)));
  }
}
