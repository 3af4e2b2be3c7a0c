package io.aiops.catalog.runner.report;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiops.catalog.step.StepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One run, read back from its artifacts directory alone (run.json and the step outputs found under the task
 * artifact dirs), so a cluster run's artifacts report the same way as a local one.
 */
public record RunData(Path dir, JsonNode run, List<Found> outputs) {
  static final ObjectMapper JSON = Json.mapper();

  /** A step output the report knows how to draw, and the task whose artifacts held it. */
  public record Found(String task, Path file, JsonNode json) {}

  public static RunData read(Path dir) {
    Path runFile = dir.resolve("run.json");
    if (!Files.isRegularFile(runFile)) {
      throw StepException.usage(dir + " has no run.json: give the --out directory of a `catalog run`");
    }
    try {
      JsonNode run = JSON.readTree(runFile.toFile());
      List<Found> outputs = new ArrayList<>();
      for (JsonNode task : run.path("tasks")) {
        for (JsonNode d : task.path("artifactDirs")) {
          Path artifactDir = dir.resolve(d.asText());
          if (!Files.isDirectory(artifactDir)) {
            continue;
          }
          try (Stream<Path> files = Files.walk(artifactDir, 4)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
              try {
                outputs.add(new Found(task.path("name").asText(), f, JSON.readTree(f.toFile())));
              } catch (IOException notJson) {
                // a step's own file that is not JSON after all: not for the report
              }
            }
          }
        }
      }
      return new RunData(dir, run, outputs);
    } catch (IOException e) {
      throw StepException.usage("cannot read " + runFile + ": " + e.getMessage());
    }
  }

  /** The first output (in task order) that has this field, e.g. "confusionMatrix" or "latency". */
  public Optional<Found> withField(String field) {
    return outputs.stream().filter(f -> f.json().has(field)).findFirst();
  }
}
