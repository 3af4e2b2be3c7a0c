package io.aiops.catalog.runner;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** {@code run.json}: what ran, with which params and presets, and how each task ended; the report reads it. */
final class RunRecord {
  static final String FILE = "run.json";
  static final ObjectMapper JSON = Json.pretty();

  private RunRecord() {}

  static void write(Path out, String pipeline, String runName, String engine, Instant started,
      Map<String, String> params, List<String> presets, Collection<TaskOutcome> outcomes, TaskOutcome firstFailure) {
    ObjectNode run = JSON.createObjectNode();
    run.put("pipeline", pipeline);
    run.put("runName", runName);
    run.put("engine", engine);
    run.put("startedAt", started.toString());
    run.put("finishedAt", Instant.now().toString());
    run.put("status", firstFailure == null ? "Succeeded" : "Failed");
    if (firstFailure != null) {
      run.put("failedTask", firstFailure.task());
      run.put("failure", firstFailure.reason());
    }
    ObjectNode p = run.putObject("params");
    params.forEach((k, v) -> p.put(k, k.matches("(?i).*(token|password|secret).*") ? "<redacted>" : v));
    ArrayNode ps = run.putArray("presets");
    presets.forEach(ps::add);
    ArrayNode tasks = run.putArray("tasks");
    for (TaskOutcome o : outcomes) {
      ObjectNode t = tasks.addObject();
      t.put("name", o.task());
      t.put("status", o.status().name());
      if (o.reason() != null) {
        t.put("reason", o.reason());
      }
      if (o.startedAt() != null) {
        t.put("startedAt", o.startedAt().toString());
      }
      t.put("durationMs", o.duration().toMillis());
      ObjectNode r = t.putObject("results");
      o.results().forEach(r::put);
      ArrayNode dirs = t.putArray("artifactDirs");
      o.artifactDirs().forEach(dirs::add);
    }
    try {
      AtomicFiles.write(out.resolve(FILE), JSON.writeValueAsBytes(run));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
