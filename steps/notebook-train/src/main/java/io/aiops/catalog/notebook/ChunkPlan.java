package io.aiops.catalog.notebook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a query_range window into requests Prometheus accepts: it refuses more than 11,000 points per series
 * ("exceeded maximum resolution"). Chunks are aligned to the step and neither overlap nor leave a gap: chunk i
 * evaluates at start + (i*size + k)*step.
 */
record ChunkPlan(Instant start, Instant end, Duration step, List<Chunk> chunks) {
  /** Prometheus's hard limit (web/api/v1: "exceeded maximum resolution of 11,000 points per timeseries"). */
  static final int PROMETHEUS_MAX_POINTS = 11_000;
  static final int DEFAULT_POINTS_PER_CHUNK = 10_000;

  record Chunk(int index, Instant start, Instant end, int points) {}

  /** The window ends at {@code end} rounded down to the step, so reruns and direct queries see the same instants. */
  static ChunkPlan of(Instant end, Duration window, Duration step, int pointsPerChunk) {
    if (step.isZero() || step.isNegative()) {
      throw new IllegalArgumentException("step must be positive");
    }
    if (pointsPerChunk < 1 || pointsPerChunk > PROMETHEUS_MAX_POINTS) {
      throw new IllegalArgumentException("points per chunk must be in 1.." + PROMETHEUS_MAX_POINTS);
    }
    long stepMs = step.toMillis();
    Instant alignedEnd = Instant.ofEpochMilli(Math.floorDiv(end.toEpochMilli(), stepMs) * stepMs);
    Instant start = alignedEnd.minus(window);
    long total = window.toMillis() / stepMs + 1;
    List<Chunk> chunks = new ArrayList<>();
    for (long first = 0; first < total; first += pointsPerChunk) {
      int points = (int) Math.min(pointsPerChunk, total - first);
      Instant s = start.plusMillis(first * stepMs);
      chunks.add(new Chunk(chunks.size(), s, s.plusMillis((points - 1) * stepMs), points));
    }
    return new ChunkPlan(start, alignedEnd, step, List.copyOf(chunks));
  }

  long totalPoints() {
    return chunks.stream().mapToLong(Chunk::points).sum();
  }
}
