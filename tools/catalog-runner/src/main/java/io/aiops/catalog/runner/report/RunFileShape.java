package io.aiops.catalog.runner.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.step.StepException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The fields of run.json the report relies on, with their types: a wrong one is exit 2 naming it, not a crash. */
final class RunFileShape {
  private RunFileShape() {}

  static void check(Path file, JsonNode run) {
    if (run == null || !run.isObject()) {
      throw bad(file, "the top level", run, "an object");
    }
    instant(file, "startedAt", run.get("startedAt"));
    instant(file, "finishedAt", run.get("finishedAt"));
    JsonNode tasks = run.get("tasks");
    if (tasks == null || !tasks.isArray()) {
      throw bad(file, "tasks", tasks, "an array");
    }
    int i = 0;
    for (JsonNode t : tasks) {
      String at = "tasks[" + i++ + "]";
      if (!t.isObject()) {
        throw bad(file, at, t, "an object");
      }
      text(file, at + ".name", t.get("name"));
      text(file, at + ".status", t.get("status"));
      if (t.has("durationMs") && !t.get("durationMs").isNumber()) {
        throw bad(file, at + ".durationMs", t.get("durationMs"), "a number");
      }
      if (t.has("startedAt")) {
        instant(file, at + ".startedAt", t.get("startedAt"));
      }
      JsonNode dirs = t.get("artifactDirs");
      if (dirs != null) {
        if (!dirs.isArray()) {
          throw bad(file, at + ".artifactDirs", dirs, "an array of paths");
        }
        for (JsonNode d : dirs) {
          text(file, at + ".artifactDirs[]", d);
        }
      }
    }
  }

  private static void instant(Path file, String field, JsonNode node) {
    text(file, field, node);
    try {
      Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw bad(file, field, node, "an ISO-8601 instant");
    }
  }

  private static void text(Path file, String field, JsonNode node) {
    if (node == null || !node.isTextual()) {
      throw bad(file, field, node, "a string");
    }
  }

  private static StepException bad(Path file, String field, JsonNode node, String expected) {
    String shown = node == null ? "missing" : node.toString();
    shown = shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
    return StepException.usage(file + ": field \"" + field + "\" is " + shown + ", not " + expected
        + ": give the run.json a `catalog run` wrote");
  }
}
