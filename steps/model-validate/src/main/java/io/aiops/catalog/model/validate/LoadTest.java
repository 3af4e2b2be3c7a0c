package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.http.LoadClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Closed-loop load (C connections, each one request at a time, kept alive) or, with a target rate, an open
 * schedule: request i is due at start + i/rate and its latency counts from when it was due, not when a connection
 * got round to it, so a server that falls behind shows in the percentiles (no coordinated omission, as in wrk2).
 * No retries: every failure counts.
 *
 * <p>Plain HTTP runs on {@link SelectorLoad}: min(cores, C) event loops sharing the C connections. HTTPS (and a
 * request list naming more than one host) keeps step-common's blocking {@link LoadClient}, one thread per
 * connection: TLS over non-blocking channels (SSLEngine) is not done.
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

  /** Which request is next, and when it is due; shared by every thread of a run (only the counter is written). */
  record Schedule(AtomicLong next, long limit, long start, long deadline, double nanosPerRequest) {
    static Schedule of(Plan plan) {
      long start = System.nanoTime();
      return new Schedule(new AtomicLong(), plan.requests(), start,
          plan.duration() == null ? Long.MAX_VALUE : start + plan.duration().toNanos(),
          plan.rate() > 0 ? 1e9 / plan.rate() : 0);
    }

    /** The next request's index, or -1 when the run has sent its number of requests. */
    long claim() {
      long i = next.getAndIncrement();
      return i < limit ? i : -1;
    }

    /** Whether requests are due on a --rate schedule (else: a closed loop, each as soon as the last is answered). */
    boolean paced() {
      return nanosPerRequest > 0;
    }

    /** When request {@code i} is due: on the rate's schedule, or now in a closed loop. */
    long due(long i, long now) {
      return nanosPerRequest > 0 ? start + (long) (i * nanosPerRequest) : now;
    }
  }

  private LoadTest() {}

  /** {@code timeout} bounds each request (the step's --http-timeout; the blocking client has it already). */
  static LoadResult run(LoadClient client, Duration timeout, List<LoadClient.Request> requests, Plan plan) {
    InetSocketAddress plain = SelectorLoad.target(requests);
    Schedule schedule = Schedule.of(plan);
    List<Tally> tallies = plain != null
        ? SelectorLoad.run(plain, requests, schedule, Math.max(1, timeout.toNanos()), plan.concurrency(),
            Math.min(Runtime.getRuntime().availableProcessors(), plan.concurrency()))
        : threadPerConnection(client, requests, schedule, plan.concurrency());
    return Tally.merge(plan, tallies, (System.nanoTime() - schedule.start()) / 1e9);
  }

  private static List<Tally> threadPerConnection(LoadClient client, List<LoadClient.Request> requests,
      Schedule schedule, int concurrency) {
    List<Tally> tallies = new ArrayList<>();
    Thread[] threads = new Thread[concurrency];
    for (int w = 0; w < concurrency; w++) {
      Tally tally = new Tally();
      tallies.add(tally);
      LoadClient.Connection connection = client.connect();
      threads[w] = new Thread(() -> work(connection, requests, schedule, tally), "load-" + w);
      threads[w].start();
    }
    join(threads);
    return tallies;
  }

  private static void work(LoadClient.Connection connection, List<LoadClient.Request> requests, Schedule schedule,
      Tally tally) {
    try (connection) {
      for (long i = schedule.claim(); i >= 0; i = schedule.claim()) {
        long due = schedule.due(i, System.nanoTime());
        if (due >= schedule.deadline() || System.nanoTime() >= schedule.deadline()) {
          return;
        }
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait); // pacing to the target rate, not a wait for a state
        }
        try {
          int status = connection.exchange(requests.get((int) (i % requests.size())));
          tally.answered(status, System.nanoTime() - due);
        } catch (IOException e) {
          tally.failed(e);
        }
      }
    }
  }

  static void join(Thread[] threads) {
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
