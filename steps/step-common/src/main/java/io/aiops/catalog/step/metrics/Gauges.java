package io.aiops.catalog.step.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Gauges in the Prometheus text exposition format 0.0.4, each with its HELP and TYPE once. */
public final class Gauges {
  private final Map<String, StringBuilder> families = new LinkedHashMap<>();

  public Gauges gauge(String name, String help, Map<String, String> labels, double value) {
    StringBuilder family = families.computeIfAbsent(name, n -> new StringBuilder("# HELP ").append(n).append(' ')
        .append(help.replace("\\", "\\\\").replace("\n", "\\n")).append("\n# TYPE ").append(n).append(" gauge\n"));
    family.append(name);
    if (!labels.isEmpty()) {
      family.append('{');
      String sep = "";
      for (Map.Entry<String, String> l : labels.entrySet()) {
        family.append(sep).append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
        sep = ",";
      }
      family.append('}');
    }
    family.append(' ').append(format(value)).append('\n');
    return this;
  }

  public Gauges gauge(String name, String help, double value) {
    return gauge(name, help, Map.of(), value);
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    families.values().forEach(out::append);
    return out.toString();
  }

  public static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
