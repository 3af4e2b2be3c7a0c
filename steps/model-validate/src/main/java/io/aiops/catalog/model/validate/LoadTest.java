package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.http.LoadClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Closed-loop load (C workers, each one request at a time on its own keep-alive connection) or, with a target
 * rate, an open schedule: request i is due at start + i/rate and its latency counts from when it was due, not
 * when a worker got round to it, so a server that falls behind shows in the percentiles (no coordinated
 * omission, as in wrk2). No retries: every failure counts.
 */
final class LoadTest {
  /** How much load: a number of requests, or a duration; at a concurrency; optionally at a target rate. */
  record Plan(long requests, Duration duration, int concurrency, double rate) {
    Plan withConcurrency(int c) {
      return new Plan(requests, duration, c, rate);
    }

    String describe() {
      return (duration != null ? duration.toMillis() / 1000.0 + " s" : requests + " requests") + " at concurrency "
          + concurrency + (rate > 0 ? ", target " + rate + " req/s" : "");
    }
  }

  private LoadTest() {}

  static LoadResult run(LoadClient client, List<LoadClient.Request> requests, Plan plan) {
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    long deadline = plan.duration() == null ? Long.MAX_VALUE : start + plan.duration().toNanos();
    double nanosPerRequest = plan.rate() > 0 ? 1e9 / plan.rate() : 0;
    Worker[] workers = new Worker[plan.concurrency()];
    Thread[] threads = new Thread[workers.length];
    for (int w = 0; w < workers.length; w++) {
      Worker worker = workers[w] = new Worker(client.connect());
      threads[w] = new Thread(() -> worker.run(requests, next, plan.requests(), start, deadline, nanosPerRequest),
          "load-" + w);
      threads[w].start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int total = Arrays.stream(workers).mapToInt(w -> w.count).sum();
    long[] all = new long[total];
    int at = 0;
    Map<Integer, Long> statuses = new TreeMap<>();
    Map<String, Long> transport = new TreeMap<>();
    for (Worker w : workers) {
      System.arraycopy(w.latencies, 0, all, at, w.count);
      at += w.count;
      for (int code = 0; code < w.statuses.length; code++) {
        if (w.statuses[code] > 0) {
          statuses.merge(code, w.statuses[code], Long::sum);
        }
      }
      w.transport.forEach((k, v) -> transport.merge(k, v, Long::sum));
    }
    Arrays.sort(all);
    return new LoadResult(plan, all, statuses, transport, seconds);
  }

  /** One worker's connection and tallies; merged after the run, so the hot loop shares only the counter. */
  private static final class Worker {
    private final LoadClient.Connection connection;
    long[] latencies = new long[1024];
    int count;
    final long[] statuses = new long[1000]; // by status code: no boxing per request
    final Map<String, Long> transport = new TreeMap<>();

    Worker(LoadClient.Connection connection) {
      this.connection = connection;
    }

    void run(List<LoadClient.Request> requests, AtomicLong next, long limit, long start, long deadline,
        double nanosPerRequest) {
      try (connection) {
        for (long i = next.getAndIncrement(); i < limit; i = next.getAndIncrement()) {
          long due = nanosPerRequest > 0 ? start + (long) (i * nanosPerRequest) : System.nanoTime();
          if (due >= deadline || System.nanoTime() >= deadline) {
            return;
          }
          for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait); // pacing to the target rate, not a wait for a state
          }
          try {
            int status = connection.exchange(requests.get((int) (i % requests.size())));
            record(System.nanoTime() - due);
            statuses[status]++;
          } catch (IOException e) {
            transport.merge(kind(e), 1L, Long::sum);
          }
        }
      }
    }

    private void record(long nanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }

    private static String kind(IOException e) {
      if (e instanceof ConnectException) {
        return "connection refused";
      }
      if (e instanceof SocketTimeoutException) {
        return "timeout";
      }
      String m = String.valueOf(e.getMessage()).toLowerCase();
      return m.contains("reset") ? "connection reset" : m.contains("closed") ? "closed by server"
          : e.getClass().getSimpleName();
    }
  }
}
