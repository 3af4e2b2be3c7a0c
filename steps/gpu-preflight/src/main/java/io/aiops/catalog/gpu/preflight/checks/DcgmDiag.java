package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.step.json.Json;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dcgmi diag -r N -j} judged per GPU and per test. DCGM 3.x writes {@code "DCGM GPU Diagnostic"} with
 * {@code gpu_id} strings; 4.x writes {@code "DCGM Diagnostic"} with {@code entity_group}/{@code entity_id} and may
 * carry a {@code runtime_error} instead of results.
 */
public final class DcgmDiag {
  public static final String NAME = "dcgm";
  private static final ObjectMapper JSON = Json.mapper();

  private DcgmDiag() {}

  public static List<Finding> judge(String json) {
    JsonNode root;
    try {
      root = json == null || json.isBlank() ? null : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return List.of(Finding.error(NAME, "dcgmi diag output is not JSON (truncated?): "
          + e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      return List.of(Finding.error(NAME, "dcgmi diag gave no JSON"));
    }
    JsonNode diag = root.has("DCGM Diagnostic") ? root.get("DCGM Diagnostic") : root.get("DCGM GPU Diagnostic");
    if (diag == null) {
      return List.of(Finding.error(NAME, "no \"DCGM Diagnostic\" (4.x) or \"DCGM GPU Diagnostic\" (3.x) in the "
          + "dcgmi output"));
    }
    if (diag.hasNonNull("runtime_error")) {
      return List.of(Finding.error(NAME, "DCGM runtime error: " + diag.get("runtime_error").asText()));
    }
    List<Finding> out = new ArrayList<>();
    for (JsonNode category : diag.path("test_categories")) {
      for (JsonNode test : category.path("tests")) {
        String name = test.path("name").asText("?");
        for (JsonNode result : test.path("results")) {
          out.add(finding(name, result));
        }
      }
    }
    return out.isEmpty() ? List.of(Finding.error(NAME, "dcgmi diag listed no test results")) : out;
  }

  private static Finding finding(String test, JsonNode result) {
    String gpu = result.has("gpu_id") ? result.get("gpu_id").asText()
        : result.has("entity_id") && "GPU".equalsIgnoreCase(result.path("entity_group").asText("GPU"))
            ? result.get("entity_id").asText() : null;
    String raw = result.path("status").asText("");
    Status status = switch (raw.toLowerCase(Locale.ROOT)) {
      case "pass" -> Status.PASS;
      case "warn", "warning" -> Status.WARN;
      case "fail" -> Status.FAIL;
      case "skip", "skipped", "not run", "notrun" -> Status.SKIP;
      default -> Status.ERROR;
    };
    List<String> messages = new ArrayList<>();
    result.path("warnings").forEach(w -> messages.add(w.path("warning").asText()));
    String reason = test + ": " + raw + (messages.isEmpty() ? "" : ": " + String.join("; ", messages));
    if (status == Status.ERROR) {
      reason = test + ": unknown DCGM status \"" + raw + "\"";
    }
    return Finding.of(NAME, gpu, status, reason);
  }
}
