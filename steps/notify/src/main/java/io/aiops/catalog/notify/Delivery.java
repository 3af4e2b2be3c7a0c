package io.aiops.catalog.notify;

import io.aiops.catalog.step.Causes;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.http.RetryPolicy;
import io.aiops.catalog.step.http.StepHttp;
import io.aiops.catalog.step.http.TlsTrust;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Sends one message until it is accepted, retrying with backoff what may pass later (no answer, 408, 429 with its
 * Retry-After, 5xx) and giving up on what will not (other 4xx, e.g. Slack's invalid_payload), all within one
 * deadline. A failure is reported, never thrown: a notification must not fail the pipeline it reports on.
 */
final class Delivery {
  private final TlsTrust trust;
  private final Duration attemptTimeout;
  private final RetryPolicy backoff;
  private final StepLog log;

  Delivery(TlsTrust trust, Duration attemptTimeout, RetryPolicy backoff, StepLog log) {
    this.trust = trust;
    this.attemptTimeout = attemptTimeout;
    this.backoff = backoff;
    this.log = log;
  }

  record Outcome(String channel, boolean delivered, int attempts, String detail) {
    String result() {
      return channel + "=" + (delivered ? "sent" : "failed");
    }
  }

  Outcome deliver(Destination to, Instant deadline) {
    String last = "not tried: the deadline had passed";
    for (int attempt = 1; ; attempt++) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.toMillis() <= 0) {
        return failed(to, attempt - 1, last + "; gave up at the deadline");
      }
      Duration timeout = left.compareTo(attemptTimeout) < 0 ? left : attemptTimeout;
      Duration retryAfter = null;
      try {
        HttpResponse<String> response = send(to, timeout);
        int code = response.statusCode();
        String body = Redact.body(response.body(), to);
        if (code / 100 == 2) {
          log.info("%s: delivered to %s (HTTP %d, attempt %d)", to.channel(), to.host(), code, attempt);
          return new Outcome(to.channel(), true, attempt, "HTTP " + code);
        }
        last = "HTTP " + code + (body.isEmpty() ? "" : " " + body);
        if (!(code == 408 || code == 429 || code >= 500)) {
          return failed(to, attempt, last + hint(to, code, body));
        }
        retryAfter = StepHttp.retryAfter(response);
      } catch (StepException e) {
        // its message holds the request URI, which is the secret: describe the cause instead
        last = describe(e.getCause());
      }
      Duration wait = backoff.delay(attempt - 1, retryAfter);
      Duration remaining = Duration.between(Instant.now(), deadline);
      if (retryAfter != null && retryAfter.compareTo(remaining) > 0) {
        return failed(to, attempt, last + "; the receiver asked to retry after " + retryAfter.toSeconds()
            + " s, past the deadline");
      }
      log.warn("%s: %s (attempt %d), retrying in %d ms", to.channel(), last, attempt,
          Math.min(wait.toMillis(), Math.max(0, remaining.toMillis())));
      sleep(wait.compareTo(remaining) < 0 ? wait : remaining);
    }
  }

  private HttpResponse<String> send(Destination to, Duration timeout) {
    StepHttp http = new StepHttp(trust, to.token(), RetryPolicy.NONE, timeout, log);
    HttpRequest.Builder request = HttpRequest.newBuilder(to.uri())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(to.payload().toString()));
    to.headers().forEach(request::header);
    return http.send(request, false);
  }

  private Outcome failed(Destination to, int attempts, String why) {
    log.warn("%s: not delivered to %s after %d attempt(s): %s. The pipeline's outcome is unchanged.", to.channel(),
        to.host(), attempts, why);
    return new Outcome(to.channel(), false, attempts, why);
  }

  private static String hint(Destination to, int code, String body) {
    if (to.isSlack() && body.equals("invalid_payload")) {
      return " (Slack refused the message's JSON: report it as a bug of notify)";
    }
    if (code == 401 || code == 403) {
      return " (the credential in the Secret is refused or lacks permission)";
    }
    if (code == 404 || code == 410) {
      return " (the webhook was removed or the URL in the Secret is wrong: update the Secret)";
    }
    return "";
  }


  static String describe(Throwable e) {
    return Causes.first(e, t -> t instanceof HttpTimeoutException ? "no answer within the timeout"
        : t instanceof ConnectException ? "connection refused"
        : t instanceof java.net.UnknownHostException ? "unknown host"
        : t instanceof javax.net.ssl.SSLException ? "TLS failed: give the receiver's CA with --ca-bundle"
        : null).orElse(e instanceof IOException ? "I/O error (" + e.getClass().getSimpleName() + ")" : "failed");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(0, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
