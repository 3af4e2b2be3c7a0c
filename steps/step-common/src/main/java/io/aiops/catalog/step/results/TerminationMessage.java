package io.aiops.catalog.step.results;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Tekton's count of a step's termination message: pkg/entrypoint/entrypointer.go writes every result file present
 * at the end of the step (the Task's results so far, not only this step's) with its own StartedAt and ExitCode
 * entries, as Go's json.Marshal of []result.RunResult{key, value, type} (pkg/result/result.go), and
 * pkg/termination/write.go refuses more than 4096 bytes. Used by the steps at run time and by the catalog's
 * admission check of the declared results.
 */
public final class TerminationMessage {
  public static final int LIMIT_BYTES = 4096;
  /** entrypointer.go timeFormat "2006-01-02T15:04:05.000Z07:00", in UTC. */
  static final String STARTED_AT = "2006-01-02T15:04:05.000Z";
  static final int TASK_RESULT_TYPE = 1; // result.TaskRunResultType
  static final int INTERNAL_TYPE = 3; // result.InternalTektonResultType

  private TerminationMessage() {}

  /** Bytes of the termination message holding these result values, framing and internal entries included. */
  public static int bytes(Map<String, String> results) {
    StringBuilder json = new StringBuilder("[");
    results.forEach((k, v) -> entry(json, k, v, TASK_RESULT_TYPE));
    entry(json, "StartedAt", STARTED_AT, INTERNAL_TYPE);
    entry(json, "ExitCode", "255", INTERNAL_TYPE);
    json.append(']');
    return json.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  private static void entry(StringBuilder json, String key, String value, int type) {
    if (json.length() > 1) {
      json.append(',');
    }
    json.append("{\"key\":").append(goJson(key)).append(",\"value\":").append(goJson(value))
        .append(",\"type\":").append(type).append('}');
  }

  /** A string as Go's encoding/json writes it (HTML-safe: <, > and & escaped; control characters escaped). */
  public static String goJson(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
