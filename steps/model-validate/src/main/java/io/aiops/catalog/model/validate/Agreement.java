package io.aiops.catalog.model.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** When two predictions are the same: numbers within a tolerance, labels equal, arrays element by element. */
final class Agreement {
  private Agreement() {}

  static boolean same(JsonNode a, JsonNode b, double tolerance) {
    if (a.isNumber() && b.isNumber()) {
      return Math.abs(a.asDouble() - b.asDouble()) <= tolerance;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), b.get(i), tolerance)) {
          return false;
        }
      }
      return true;
    }
    if (a.isNumber() || b.isNumber()) {
      // "1" from a CSV label column against 1 from the model
      return a.asText().equals(b.asText()) || parses(a, b, tolerance);
    }
    return a.equals(b);
  }

  /** Share of rows whose predictions agree. */
  static double share(List<JsonNode> a, List<JsonNode> b, double tolerance) {
    int n = Math.min(a.size(), b.size());
    if (n == 0) {
      return 0;
    }
    int same = 0;
    for (int i = 0; i < n; i++) {
      same += same(a.get(i), b.get(i), tolerance) ? 1 : 0;
    }
    return (double) same / Math.max(a.size(), b.size());
  }

  private static boolean parses(JsonNode a, JsonNode b, double tolerance) {
    try {
      return Math.abs(Double.parseDouble(a.asText()) - Double.parseDouble(b.asText())) <= tolerance;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
