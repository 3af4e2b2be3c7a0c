package io.aiops.catalog.step.http;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

/**
 * The one HTTP client of the steps: timeouts always set, TLS verified, bearer token attached (never logged),
 * and retries with backoff where they are safe.
 *
 * <p>Idempotent requests (GET) are retried on any I/O error, 429 and 5xx. A request that is not idempotent (a POST
 * that schedules something) is retried only where the server cannot have acted on it: the connection was never
 * made, or the answer was 429 or 503. A timeout after sending is reported, not retried: retrying it could do the
 * thing twice.
 */
public final class StepHttp {
  private static final Set<Integer> RETRY_ALWAYS = Set.of(429, 503);

  private final HttpClient client;
  private final Optional<BearerToken> token;
  private final RetryPolicy policy;
  private final Duration timeout;
  private final StepLog log;

  public StepHttp(TlsTrust trust, Optional<BearerToken> token, RetryPolicy policy, Duration timeout, StepLog log) {
    this.client = HttpClient.newBuilder()
        .sslContext(trust.sslContext())
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.token = token;
    this.policy = policy;
    this.timeout = timeout;
    this.log = log;
  }

  public HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"), true);
  }

  public HttpResponse<String> postJson(URI uri, String json, boolean idempotent) {
    return send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), idempotent);
  }

  /**
   * Sends with retries and returns the last response, whatever its status; throws exit 4 when the service could
   * not be reached at all.
   */
  public HttpResponse<String> send(HttpRequest.Builder builder, boolean idempotent) {
    builder.timeout(timeout);
    token.ifPresent(t -> builder.header("Authorization", t.headerValue()));
    if ("http".equalsIgnoreCase(builder.copy().build().uri().getScheme())) {
      // the JDK offers an h2c upgrade on plain http; Quarkus services (TrustyAI) answer such a POST with a 500.
      // Over https, ALPN negotiates the version.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    HttpRequest request = builder.build();
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= policy.maxRetries();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        boolean retryable = RETRY_ALWAYS.contains(status) || (idempotent && status >= 500);
        if (!retryable || last) {
          return response;
        }
        Duration wait = policy.delay(attempt, retryAfter(response));
        log.debug("%s %s -> %d, retry %d/%d in %d ms", request.method(), uri(request), status, attempt + 1,
            policy.maxRetries(), wait.toMillis());
        sleep(wait);
      } catch (IOException e) {
        boolean neverSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException
            || e.getCause() instanceof ConnectException;
        if (last || !(idempotent || neverSent)) {
          throw StepException.unavailable(String.format("%s %s failed after %d attempt(s): %s", request.method(),
              uri(request), attempt + 1, describe(e)), e);
        }
        Duration wait = policy.delay(attempt);
        log.debug("%s %s: %s, retry %d/%d in %d ms", request.method(), uri(request), describe(e), attempt + 1,
            policy.maxRetries(), wait.toMillis());
        sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw StepException.unavailable(request.method() + " " + uri(request) + " interrupted", e);
      }
    }
  }

  /**
   * Polls a health endpoint until it answers 2xx, backing off up to 2 s between tries. HTTP has nothing to watch,
   * so this is the one wait that polls.
   */
  public void awaitReady(URI health, Duration within) {
    Instant deadline = Instant.now().plus(within);
    String last = "no answer";
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder req = HttpRequest.newBuilder(health).GET().timeout(timeout);
      token.ifPresent(t -> req.header("Authorization", t.headerValue()));
      try {
        HttpResponse<String> response = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          return;
        }
        last = "HTTP " + response.statusCode();
      } catch (IOException e) {
        last = describe(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (!Instant.now().isBefore(deadline)) {
        break;
      }
      log.info("waiting for %s to be ready (%s)", health, last);
      Duration wait = new RetryPolicy(0, Duration.ofMillis(200), Duration.ofSeconds(2)).delay(attempt);
      Duration left = Duration.between(Instant.now(), deadline);
      sleep(wait.compareTo(left) < 0 ? wait : left);
    }
    throw StepException.unavailable(String.format("%s not ready after %ds (last: %s); check that the service "
        + "runs and the URL is right", health, within.toSeconds(), last), null);
  }

  static Duration retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return null;
    }
    String v = header.get().trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(Instant.now(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException unparsable) {
        return null;
      }
    }
  }

  private static String uri(HttpRequest request) {
    URI u = request.uri();
    // the query may carry filters but never credentials; user-info would, so it is dropped
    return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getRawPath();
  }

  /** The JDK's HttpClient often throws without a message: name the failure the way a user knows it. */
  static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return "connect timed out";
      }
      if (t instanceof java.net.http.HttpTimeoutException) {
        return "no answer within the timeout";
      }
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return "TLS failed (" + t.getMessage() + "): give the server's CA with --ca-bundle";
      }
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(0, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepException.unavailable("interrupted while backing off", e);
    }
  }
}
