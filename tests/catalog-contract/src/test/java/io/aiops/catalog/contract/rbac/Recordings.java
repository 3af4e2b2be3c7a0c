package io.aiops.catalog.contract.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The API requests the steps' mock-server stories recorded (steps/STEP/target/api-requests/*.jsonl, written by
 * step-common's ApiRequestRecorder), by step and mode. A step whose module has no Kubernetes client makes none.
 */
public final class Recordings {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** step -> mode -> accesses. */
  final Map<String, Map<String, List<ApiAccess>>> byStep = new TreeMap<>();
  /** Steps with a Kubernetes client whose recordings are absent: their tests did not run. */
  final List<String> missing = new ArrayList<>();

  public static Recordings of(Path root) {
    Recordings r = new Recordings();
    try (Stream<Path> steps = Files.list(root.resolve("steps"))) {
      for (Path module : steps.sorted().toList()) {
        Path pom = module.resolve("pom.xml");
        // step-common carries the client for every step, but is no step: the steps that use it say so in their POM
        if (module.getFileName().toString().equals("step-common")
            || !Files.isRegularFile(pom) || !Files.readString(pom).contains("kubernetes-client</artifactId>")) {
          continue;
        }
        String step = module.getFileName().toString();
        Path dir = module.resolve("target/api-requests");
        List<Path> files = Files.isDirectory(dir)
            ? Files.list(dir).filter(f -> f.toString().endsWith(".jsonl")).sorted().toList() : List.of();
        if (files.isEmpty()) {
          r.missing.add(step);
        }
        Map<String, List<ApiAccess>> modes = r.byStep.computeIfAbsent(step, s -> new TreeMap<>());
        for (Path f : files) {
          for (String line : Files.readAllLines(f)) {
            if (line.isBlank()) {
              continue;
            }
            JsonNode n = JSON.readTree(line);
            List<ApiAccess> list = modes.computeIfAbsent(n.path("mode").asText(), m -> new ArrayList<>());
            ApiAccess.of(n.path("method").asText(), n.path("path").asText(), n.path("query").asText(),
                n.path("test").asText()).ifPresent(list::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return r;
  }
}
