package io.aiops.catalog.metrics.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.trustyai.MetricType;
import io.aiops.catalog.trustyai.ServiceDefaults;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * When two scheduled requests are the same metric. The whole request counts (distinct metrics on one model must
 * not collapse); only what the service fills in itself is ignored, on both sides alike, so that a backup written
 * by hand or by the old script matches the listing the service makes of it (API.md, "Bodies").
 */
final class RequestContent {
  /** Computed or derived by the service from the rest: the reference fitting, the class name. */
  static final Set<String> DERIVED = Set.of("@type", "fitting", "sketchFitting");
  /** Filled in when left out (batchSize from the service's configured default, fitColumns from the data). */
  static final Set<String> FILLED = Set.of("batchSize", "fitColumns");
  /** Fairness values: plain ({@code 1}) or typed ({@code {"type":"INT32","value":1}}); listings type them. */
  static final Set<String> TYPED = Set.of("privilegedAttribute", "unprivilegedAttribute", "favorableOutcome");

  private RequestContent() {}

  /** True when the service would list both as the same metric. */
  static boolean sameMetric(ObjectNode a, ObjectNode b) {
    return key(a).equals(key(b)) && compatible(a, b);
  }

  /**
   * Canonical text of everything that must be equal exactly: field order, number spelling (1 vs 1.0), absent vs
   * null, metricName case and typed-vs-plain values do not count; a field left out counts as the value the
   * service fills in for it ({@link ServiceDefaults}).
   */
  static String key(ObjectNode request) {
    var type = MetricType.fromMetricName(request.path("metricName").asText(null));
    ObjectNode filled = type.map(t -> ServiceDefaults.fill(t, request)).orElse(request);
    Map<String, String> fields = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = filled.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (DERIVED.contains(name) || FILLED.contains(name) || value.isNull()) {
        continue;
      }
      if ("metricName".equals(name)) {
        fields.put(name, '"' + value.asText().toUpperCase(Locale.ROOT) + '"');
      } else if (TYPED.contains(name) && isTyped(value)) {
        fields.put(name, canonical(value.get("value")));
      } else {
        fields.put(name, canonical(value));
      }
    }
    return fields.toString();
  }

  /** The filled-in fields agree where both sides have them, and typed values have the same type. */
  static boolean compatible(ObjectNode a, ObjectNode b) {
    for (String field : FILLED) {
      JsonNode x = a.get(field);
      JsonNode y = b.get(field);
      if (present(x) && present(y) && !canonical(x).equals(canonical(y))) {
        return false;
      }
    }
    for (String field : TYPED) {
      JsonNode x = a.get(field);
      JsonNode y = b.get(field);
      if (x != null && y != null && isTyped(x) && isTyped(y)
          && !x.get("type").asText().equalsIgnoreCase(y.get("type").asText())) {
        return false;
      }
    }
    return true;
  }

  /** Like {@link #compatible} but absent only matches absent: preferred when both kinds of match exist. */
  static boolean identicalFilledFields(ObjectNode a, ObjectNode b) {
    for (String field : FILLED) {
      JsonNode x = a.get(field);
      JsonNode y = b.get(field);
      if (present(x) != present(y) || (present(x) && !canonical(x).equals(canonical(y)))) {
        return false;
      }
    }
    return compatible(a, b);
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  private static boolean isTyped(JsonNode value) {
    return value.isObject() && value.size() == 2 && value.has("type") && value.has("value");
  }

  /** Sorted keys, numbers by value (1 == 1.0), nulls in objects dropped. */
  static String canonical(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isNumber()) {
      return node.decimalValue().stripTrailingZeros().toPlainString();
    }
    if (node.isObject()) {
      Map<String, String> sorted = new TreeMap<>();
      node.fields().forEachRemaining(f -> {
        if (!f.getValue().isNull()) {
          sorted.put(f.getKey(), canonical(f.getValue()));
        }
      });
      return sorted.toString();
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("[");
      node.forEach(element -> out.append(canonical(element)).append(','));
      return out.append(']').toString();
    }
    return node.toString();
  }
}
