package io.aiops.catalog.step.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits a random time in [d/2, d], d = min(max, base * 2^n), so that
 * many clients retrying together spread out.
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(10));
  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

  public Duration delay(int retry) {
    long cap = maxDelay.toMillis();
    long exp = baseDelay.toMillis() << Math.min(retry, 20);
    long d = Math.min(cap, exp);
    if (d <= 1) {
      return Duration.ofMillis(d);
    }
    return Duration.ofMillis(d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1));
  }

  /** A server's Retry-After is honoured, but never beyond maxDelay (a step must finish). */
  public Duration delay(int retry, Duration retryAfter) {
    if (retryAfter == null) {
      return delay(retry);
    }
    return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
  }
}
