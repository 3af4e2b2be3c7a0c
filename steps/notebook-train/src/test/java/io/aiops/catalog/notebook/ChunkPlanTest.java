package io.aiops.catalog.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.notebook.ChunkPlan.Chunk;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChunkPlanTest {
  @Test
  void thirtyDaysAtOneMinuteIsCutUnderPrometheusLimitWithoutGapOrOverlap() {
    Instant end = Instant.parse("2026-10-01T00:00:30.500Z");
    ChunkPlan plan = ChunkPlan.of(end, Duration.ofDays(30), Duration.ofMinutes(1), 10_000);

    assertThat(plan.end()).as("aligned down to the step").isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    assertThat(plan.totalPoints()).isEqualTo(30 * 1440 + 1);
    assertThat(plan.chunks()).hasSize(5).allSatisfy(c -> assertThat(c.points()).isLessThanOrEqualTo(11_000));
    assertThat(plan.chunks().get(0).start()).isEqualTo(plan.start());
    assertThat(plan.chunks().get(4).end()).isEqualTo(plan.end());
    for (int i = 1; i < plan.chunks().size(); i++) {
      Chunk prev = plan.chunks().get(i - 1);
      Chunk next = plan.chunks().get(i);
      assertThat(next.start()).isEqualTo(prev.end().plus(Duration.ofMinutes(1)));
      assertThat(Duration.between(prev.start(), prev.end()).toMinutes()).isEqualTo(prev.points() - 1);
    }
  }

  @Test
  void aWindowThatFitsIsOneRequest() {
    ChunkPlan plan = ChunkPlan.of(Instant.parse("2026-10-01T00:00:00Z"), Duration.ofHours(24), Duration.ofMinutes(5),
        10_000);
    assertThat(plan.chunks()).singleElement().satisfies(c -> assertThat(c.points()).isEqualTo(24 * 12 + 1));
  }
}
