package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.step.json.Json;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code iperf3 -c ... -J}. iperf3 exits 0 in some versions when it could not connect, with only an {@code error}
 * key in the JSON: the error key decides, never the exit code.
 */
public final class Iperf3Result {
  public static final String NAME = "iperf3";
  private static final ObjectMapper JSON = Json.mapper();

  private Iperf3Result() {}

  /** @param target what was measured, e.g. "node-b:5201 via eth1", named in the finding */
  public static Finding judge(String json, String target, double minGbps) {
    JsonNode root;
    try {
      root = json == null || json.isBlank() ? null : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return new Finding(NAME, target, Status.ERROR, "iperf3 output is not JSON: " + e.getOriginalMessage(), null,
          false);
    }
    if (root == null || !root.isObject()) {
      return new Finding(NAME, target, Status.ERROR, "iperf3 gave no JSON", null, false);
    }
    if (root.hasNonNull("error")) {
      // connection refused, no route, timeout: the path is broken, the node is not ready for a multi-node job
      return new Finding(NAME, target, Status.FAIL, "iperf3: " + root.get("error").asText(), null, false);
    }
    JsonNode received = root.at("/end/sum_received/bits_per_second");
    if (!received.isNumber()) {
      return new Finding(NAME, target, Status.ERROR, "no end.sum_received.bits_per_second in iperf3 output", null,
          false);
    }
    double gbps = received.asDouble() / 1e9;
    return gbps < minGbps
        ? Finding.measured(NAME, target, Status.FAIL, String.format("%.2f Gbit/s, under %.2f Gbit/s", gbps, minGbps),
            gbps)
        : Finding.measured(NAME, target, Status.PASS, String.format("%.2f Gbit/s", gbps), gbps);
  }
}
