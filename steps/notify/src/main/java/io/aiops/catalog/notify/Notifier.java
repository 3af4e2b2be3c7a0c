package io.aiops.catalog.notify;

import io.aiops.catalog.step.http.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Sends to every destination at once, so a slow Slack does not eat the GitHub status's share of the deadline. */
final class Notifier {
  /** Backoff between attempts: 0.5 s doubling to 8 s, jittered; the deadline, not a count, ends the retries. */
  static final RetryPolicy BACKOFF = new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(500), Duration.ofSeconds(8));

  private final Delivery delivery;

  Notifier(Delivery delivery) {
    this.delivery = delivery;
  }

  List<Delivery.Outcome> send(List<Destination> destinations, Duration within) {
    if (destinations.isEmpty()) {
      return List.of();
    }
    Instant deadline = Instant.now().plus(within);
    ExecutorService pool = Executors.newFixedThreadPool(destinations.size());
    try {
      List<Future<Delivery.Outcome>> sent = new ArrayList<>();
      destinations.forEach(d -> sent.add(pool.submit(() -> delivery.deliver(d, deadline))));
      List<Delivery.Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        try {
          outcomes.add(sent.get(i).get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          outcomes.add(new Delivery.Outcome(destinations.get(i).channel(), false, 0, "interrupted"));
        } catch (java.util.concurrent.ExecutionException e) {
          outcomes.add(new Delivery.Outcome(destinations.get(i).channel(), false, 0,
              e.getCause().getClass().getSimpleName()));
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
