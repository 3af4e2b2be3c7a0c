package io.aiops.catalog.trustyai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The defaults are the real service's: each posted request, filled, holds what the service listed for it. */
class ServiceDefaultsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path REAL = Path.of("../../tests/fixtures/trustyai/real-service");

  @Test
  void aRequestFilledWithTheDefaultsHoldsWhatTheRealServiceListedForIt() throws Exception {
    JsonNode listing = JSON.readTree(REAL.resolve("list_without_defaults.json").toFile()).path("requests");
    int checked = 0;
    for (JsonNode posted : JSON.readTree(REAL.resolve("posted_without_defaults.json").toFile())) {
      ObjectNode body = (ObjectNode) posted.get("body");
      ObjectNode listed = find(listing, body.path("requestName").asText());
      MetricType type = MetricType.fromMetricName(listed.path("metricName").asText()).orElseThrow();
      ObjectNode filled = ServiceDefaults.fill(type, body);

      for (String field : new String[] {"thresholdDelta", "epsilon", "gamma", "parameters", "lowerThreshold",
          "upperThreshold"}) {
        if (listed.hasNonNull(field)) {
          assertThat(filled.get(field)).as("%s %s", type, field).isNotNull();
          assertThat(numbersAsDoubles(filled.get(field))).as("%s %s", type, field)
              .isEqualTo(numbersAsDoubles(listed.get(field)));
        }
      }
      checked++;
    }
    assertThat(checked).isEqualTo(6);
  }

  @Test
  void nestedParametersAreFilledFieldByFieldAndGivenValuesWin() throws Exception {
    ObjectNode partial = (ObjectNode) JSON.readTree("{\"gamma\":1.5,\"parameters\":{\"nWindow\":20}}");
    ObjectNode filled = ServiceDefaults.fill(MetricType.FOURIERMMD, partial);

    assertThat(filled.path("gamma").asDouble()).isEqualTo(1.5);
    assertThat(filled.at("/parameters/nWindow").asInt()).isEqualTo(20);
    assertThat(filled.at("/parameters/nMode").asInt()).isEqualTo(512);
    assertThat(partial.path("parameters").has("nMode")).as("the input is left alone").isFalse();
    assertThat(ServiceDefaults.fill(MetricType.SPD, partial)).isEqualTo(partial);
  }

  private static ObjectNode find(JsonNode listing, String requestName) {
    for (JsonNode entry : listing) {
      if (entry.path("request").path("requestName").asText().equals(requestName)) {
        return (ObjectNode) entry.get("request");
      }
    }
    throw new AssertionError("not listed: " + requestName);
  }

  /** 10 and 10.0, 1e-7 and 1.0E-7 alike. */
  private static String numbersAsDoubles(JsonNode node) {
    if (node.isNumber()) {
      return Double.toString(node.asDouble());
    }
    if (node.isObject()) {
      var sorted = new java.util.TreeMap<String, String>();
      node.fields().forEachRemaining(f -> sorted.put(f.getKey(), numbersAsDoubles(f.getValue())));
      return sorted.toString();
    }
    return node.toString();
  }
}
