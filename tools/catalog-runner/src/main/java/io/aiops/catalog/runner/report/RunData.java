package io.aiops.catalog.runner.report;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.io.InputFiles;
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
      JsonNode run = JSON.readTree(InputFiles.readBytes("run file", runFile));
      RunFileShape.check(runFile, run);
      Path root = dir.toRealPath();
      List<Found> outputs = new ArrayList<>();
      for (JsonNode task : run.path("tasks")) {
        for (JsonNode d : task.path("artifactDirs")) {
          Path artifactDir = dir.resolve(d.asText());
          if (!Files.isDirectory(artifactDir)) {
            continue;
          }
          inside(root, runFile, artifactDir);
          try (Stream<Path> files = Files.walk(artifactDir, 4)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).filter(Files::isRegularFile).sorted()
                .toList()) {
              inside(root, runFile, f);
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
      throw StepException.usage(runFile + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** The report reads the run directory only: run.json (or a link in it) naming a place outside it is refused. */
  private static void inside(Path root, Path runFile, Path path) throws IOException {
    Path real = path.toRealPath();
    if (!real.startsWith(root)) {
      throw StepException.usage(runFile + " leads to " + path + ", outside the run directory " + root + ": the "
          + "report reads nothing outside it; was run.json edited?");
    }
  }

  /** The first output (in task order) that has this field, e.g. "confusionMatrix" or "latency". */
  public Optional<Found> withField(String field) {
    return outputs.stream().filter(f -> f.json().has(field)).findFirst();
  }
}
