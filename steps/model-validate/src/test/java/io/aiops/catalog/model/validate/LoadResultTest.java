package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.check.Status;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadResultTest {
  static LoadResult of(long[] nanos, Map<Integer, Long> statuses, Map<String, Long> transport) {
    return new LoadResult(new LoadTest.Plan(nanos.length, null, 1, 0), nanos, statuses, transport, 2.0);
  }

  @Test
  void percentilesAreNearestRankOverEveryLatency() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[i] = (i + 1) * 1_000_000L; // 1..100 ms
    }
    LoadResult r = of(nanos, Map.of(200, 100L), Map.of());

    assertThat(r.percentileMs(50)).isEqualTo(50.0);
    assertThat(r.percentileMs(95)).isEqualTo(95.0);
    assertThat(r.percentileMs(99)).isEqualTo(99.0);
    assertThat(r.percentileMs(99.9)).isEqualTo(100.0);
    assertThat(r.throughput()).isEqualTo(50.0);
  }

  @Test
  void histogramCountsEveryAnswerInEqualWidthBuckets() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[i] = (i + 1) * 1_000_000L; // 1..100 ms
    }
    var h = of(nanos, Map.of(200, 100L), Map.of()).histogram(20);

    assertThat(h.get("boundsMs").get(0).asDouble()).isEqualTo(5.0);
    assertThat(h.get("boundsMs").get(19).asDouble()).isEqualTo(100.0);
    int total = 0;
    for (var c : h.get("counts")) {
      assertThat(c.asInt()).isEqualTo(5);
      total += c.asInt();
    }
    assertThat(total).isEqualTo(100);
  }

  @Test
  void smallSamplesRoundTheRankUpNotDown() {
    LoadResult r = of(new long[] {1_000_000, 2_000_000, 3_000_000}, Map.of(200, 3L), Map.of());
    assertThat(r.percentileMs(50)).isEqualTo(2.0);
    assertThat(r.percentileMs(95)).isEqualTo(3.0);
  }

  @Test
  void errorRateCountsNon2xxAndTransportErrorsOverAllSent() {
    LoadResult r = of(new long[] {1, 2, 3, 4, 5, 6, 7, 8}, Map.of(200, 6L, 503, 2L), Map.of("connection refused", 2L));

    assertThat(r.sent()).isEqualTo(10);
    assertThat(r.errorRate()).isEqualTo(0.4);
    assertThat(r.toJson().at("/transportErrors/connection refused").asLong()).isEqualTo(2);
    assertThat(r.toJson().at("/statusCodes/503").asLong()).isEqualTo(2);
  }

  @Test
  void nothingAnsweredIsAnErrorNotAPass() {
    LoadResult r = of(new long[0], Map.of(), Map.of("connection refused", 5L));
    assertThat(LatencyCheck.judge("latency", r, 100.0, 0.01).status()).isEqualTo(Status.ERROR);
  }
}
