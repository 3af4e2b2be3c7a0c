package io.aiops.catalog.step.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void timesAreWrittenAsIsoTextInEveryFlavour() throws Exception {
    Map<String, Object> value = Map.of("at", Instant.parse("2026-12-02T10:00:00Z"), "took", Duration.ofSeconds(90));

    assertThat(Json.mapper().writeValueAsString(value))
        .contains("\"at\":\"2026-12-02T10:00:00Z\"").contains("\"took\":\"PT1M30S\"").doesNotContain("\n");
    assertThat(Json.pretty().writeValueAsString(value)).contains("\"2026-12-02T10:00:00Z\"").contains("\n");
    assertThat(Json.yaml().writeValueAsString(value)).contains("at: \"2026-12-02T10:00:00Z\"");
  }

  @Test
  void readsWhatItWrites() throws Exception {
    Instant at = Instant.parse("2026-12-02T10:00:00Z");
    String json = Json.mapper().writeValueAsString(at);
    assertThat(Json.mapper().readValue(json, Instant.class)).isEqualTo(at);
  }
}
