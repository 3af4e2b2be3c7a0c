package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiops.catalog.step.io.InputFiles;
import io.aiops.catalog.step.StepException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-model expectations (NVLinks per GPU, PCIe floor) from one JSON file, chosen by the first entry whose
 * {@code match} is contained in the product name. The built-in file is {@code gpu-profiles.json}. A profile never
 * says how many GPUs a node has: one H100 node may hold 1, 2 or 8, so that count comes from the node (its GPU
 * capacity, passed by 'run') or from --expected-gpus, and a profile that names one is refused.
 */
public final class GpuProfiles {
  public record Profile(String match, Integer nvlinks, Double pcieMinGbps) {}

  private final List<Profile> profiles;

  private GpuProfiles(List<Profile> profiles) {
    this.profiles = profiles;
  }

  public static GpuProfiles builtIn() {
    try (InputStream in = GpuProfiles.class.getResourceAsStream("/gpu-profiles.json")) {
      return parse(Json.mapper().readTree(in), "built-in gpu-profiles.json");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in gpu-profiles.json", e);
    }
  }

  public static GpuProfiles load(Path file) {
    try {
      return parse(Json.mapper().readTree(InputFiles.readString("GPU profile file", file)), file.toString());
    } catch (IOException e) {
      throw StepException.usage("GPU profile file " + file + " is not valid JSON: " + e.getMessage().lines()
          .findFirst().orElse(""));
    }
  }

  private static GpuProfiles parse(JsonNode root, String source) {
    JsonNode list = root.path("profiles");
    if (!list.isArray()) {
      throw StepException.usage(source + ": expected {\"profiles\": [{\"match\": \"H100 80GB HBM3\", "
          + "\"nvlinks\": 18, \"pcieMinGbps\": 4}, ...]}");
    }
    List<Profile> profiles = new ArrayList<>();
    for (JsonNode p : list) {
      if (!p.path("match").isTextual() || p.path("match").asText().isBlank()) {
        throw StepException.usage(source + ": every profile needs a non-empty \"match\"");
      }
      if (p.has("gpus")) {
        throw StepException.usage(source + ": profile \"" + p.get("match").asText() + "\" names \"gpus\", which is "
            + "not read: a GPU model does not say how many GPUs a node holds; remove it and pass --expected-gpus "
            + "(the Task's expected-gpus), or let run take each node's GPU capacity");
      }
      profiles.add(new Profile(p.get("match").asText(), intOrNull(p, "nvlinks"),
          p.hasNonNull("pcieMinGbps") ? p.get("pcieMinGbps").asDouble() : null));
    }
    return new GpuProfiles(List.copyOf(profiles));
  }

  public Optional<Profile> forProduct(String productName) {
    return profiles.stream().filter(p -> productName.contains(p.match())).findFirst();
  }

  private static Integer intOrNull(JsonNode p, String field) {
    return p.hasNonNull(field) ? p.get(field).asInt() : null;
  }
}
