package io.aiops.catalog.runner.admission;

import io.aiops.catalog.step.results.TerminationMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The results budget of a Task's declared results, counted as Tekton counts it ({@link TerminationMessage}). */
public final class ResultsBudget {
  private ResultsBudget() {}

  /** Bytes of the termination message holding these result values, framing and internal entries included. */
  public static int terminationMessageBytes(Map<String, String> results) {
    return TerminationMessage.bytes(results);
  }

  /** The framing alone: every declared result with an empty value. */
  public static int framingBytes(List<String> resultNames) {
    Map<String, String> empty = new LinkedHashMap<>();
    resultNames.forEach(n -> empty.put(n, ""));
    return terminationMessageBytes(empty);
  }

  static String goJson(String s) {
    return TerminationMessage.goJson(s);
  }
}
