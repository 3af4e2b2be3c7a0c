package io.aiops.catalog.notebook;

import io.aiops.catalog.notebook.ChunkPlan.Chunk;
import io.aiops.catalog.notebook.QuerySet.Query;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Streams a window of several queries into one CSV ({@code timestamp,<query>,...}): requests run several at a time,
 * chunks are written in order as soon as they are complete, and no more than a few chunks are held at once, so
 * memory does not grow with the window. The CSV appears (by rename) only when every chunk is in.
 */
final class RangeCsvWriter {
  record Written(long rows, long gapRows, long[] pointsPerQuery) {}

  private final PrometheusRange prometheus;
  private final int concurrency;

  RangeCsvWriter(PrometheusRange prometheus, int concurrency) {
    this.prometheus = prometheus;
    this.concurrency = Math.max(1, concurrency);
  }

  Written write(QuerySet queries, ChunkPlan plan, Path out) {
    List<Query> qs = queries.queries();
    long[] points = new long[qs.size()];
    long rows = 0;
    long gaps = 0;
    Path tmp = temp(out);
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "query-range");
      t.setDaemon(true);
      return t;
    });
    try (BufferedWriter csv = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      csv.write("timestamp," + String.join(",", queries.names()));
      csv.newLine();
      Deque<List<Future<String[]>>> inFlight = new ArrayDeque<>();
      int next = 0;
      List<Chunk> chunks = plan.chunks();
      // keep enough chunks queued that every thread has work, and no more: a chunk holds q x 10,000 values
      int ahead = Math.max(2, (concurrency + qs.size() - 1) / qs.size() + 1);
      for (int written = 0; written < chunks.size(); written++) {
        while (next < chunks.size() && inFlight.size() < ahead) {
          Chunk chunk = chunks.get(next++);
          List<Future<String[]>> futures = new ArrayList<>();
          for (Query q : qs) {
            futures.add(pool.submit(() -> prometheus.fetch(q, chunk)));
          }
          inFlight.add(futures);
        }
        Chunk chunk = chunks.get(written);
        String[][] columns = new String[qs.size()][];
        List<Future<String[]>> futures = inFlight.poll();
        for (int i = 0; i < qs.size(); i++) {
          columns[i] = await(futures.get(i));
        }
        long stepMs = plan.step().toMillis();
        StringBuilder line = new StringBuilder(64);
        for (int k = 0; k < chunk.points(); k++) {
          line.setLength(0);
          boolean any = false;
          line.append(Instant.ofEpochMilli(chunk.start().toEpochMilli() + k * stepMs));
          for (int i = 0; i < columns.length; i++) {
            line.append(',');
            String v = columns[i][k];
            if (v != null) {
              line.append(v);
              points[i]++;
              any = true;
            }
          }
          if (any) {
            csv.append(line).append('\n');
            rows++;
          } else {
            gaps++;
          }
        }
      }
      csv.flush();
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    } finally {
      pool.shutdownNow();
    }
    try {
      AtomicFiles.moveAtomically(tmp, out);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    return new Written(rows, gaps, points);
  }

  private static String[] await(Future<String[]> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepException.unavailable("interrupted while fetching from Prometheus", e);
    }
  }

  private static Path temp(Path out) {
    try {
      Path dir = out.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      return Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // the temp file is hidden and named for the output: a leftover is harmless
    }
  }
}
