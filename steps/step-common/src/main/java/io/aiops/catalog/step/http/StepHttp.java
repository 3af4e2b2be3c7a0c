package io.aiops.catalog.step.http;

import io.aiops.catalog.step.Causes;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.kube.ServiceLocator;
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
 *
 * <p>{@link #within(Duration)} gives a view whose every call, retries and backoff included, ends by one deadline:
 * each attempt's timeout is cut to the time left. A certificate the client does not trust is never retried.
 */
public final class StepHttp {
  private static final Set<Integer> RETRY_ALWAYS = Set.of(429, 503);

  private final HttpClient client;
  private final Optional<BearerToken> token;
  private final RetryPolicy policy;
  private final Duration timeout;
  private final StepLog log;
  private final Instant deadline;
  private final Set<String> warnedHosts;
  private final long bodyLimit;

  public StepHttp(TlsTrust trust, Optional<BearerToken> token, RetryPolicy policy, Duration timeout, StepLog log) {
    this(HttpClient.newBuilder()
        .sslContext(trust.sslContext())
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build(), token, policy, timeout, log, null, java.util.concurrent.ConcurrentHashMap.newKeySet(),
        AnswerText.DEFAULT_LIMIT);
  }

  private StepHttp(HttpClient client, Optional<BearerToken> token, RetryPolicy policy, Duration timeout, StepLog log,
      Instant deadline, Set<String> warnedHosts, long bodyLimit) {
    this.client = client;
    this.token = token;
    this.policy = policy;
    this.timeout = timeout;
    this.log = log;
    this.deadline = deadline;
    this.warnedHosts = warnedHosts;
    this.bodyLimit = bodyLimit;
  }

  /** The same client, every call of which (retries and backoff included) ends within {@code budget} from now. */
  public StepHttp within(Duration budget) {
    return new StepHttp(client, token, policy, timeout, log, Instant.now().plus(budget), warnedHosts, bodyLimit);
  }

  /** The same client, refusing answers over {@code bytes} (as sent, and once decompressed). */
  StepHttp withBodyLimit(long bytes) {
    return new StepHttp(client, token, policy, timeout, log, deadline, warnedHosts, bytes);
  }

  public HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json")
        .header("Accept-Encoding", "gzip"), true);
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
    prepare(builder);
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= policy.maxRetries();
      HttpRequest request = builder.timeout(attemptTimeout(builder)).build();
      try {
        HttpResponse<String> response = client.send(request, new AnswerText(bodyLimit));
        int status = response.statusCode();
        boolean retryable = RETRY_ALWAYS.contains(status) || (idempotent && status >= 500);
        Duration wait = policy.delay(attempt, retryAfter(response));
        if (!retryable || last || !fits(wait)) {
          return response;
        }
        log.debug("%s %s -> %d, retry %d/%d in %d ms", request.method(), uri(request), status, attempt + 1,
            policy.maxRetries(), wait.toMillis());
        sleep(wait);
      } catch (IOException e) {
        boolean neverSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException
            || e.getCause() instanceof ConnectException;
        Duration wait = policy.delay(attempt);
        if (last || !(idempotent || neverSent) || untrusted(e) || tooLarge(e) || !fits(wait)) {
          throw StepException.unavailable(String.format("%s %s failed after %d attempt(s)%s: %s", request.method(),
              uri(request), attempt + 1, deadline == null ? "" : " within the deadline", describe(e)), e);
        }
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
      HttpRequest.Builder req = HttpRequest.newBuilder(health).GET();
      prepare(req);
      // never under 1 s: a wait of 0 s still means one real try
      Duration remaining = Duration.between(Instant.now(), deadline);
      Duration floor = remaining.compareTo(Duration.ofSeconds(1)) > 0 ? remaining : Duration.ofSeconds(1);
      req.timeout(floor.compareTo(timeout) < 0 ? floor : timeout);
      try {
        HttpResponse<String> response = client.send(req.build(), new AnswerText(bodyLimit));
        if (response.statusCode() / 100 == 2) {
          return;
        }
        last = "HTTP " + response.statusCode();
      } catch (IOException e) {
        if (untrusted(e)) {
          // a certificate does not become trusted by waiting: this is not "still starting"
          throw StepException.unavailable(health + " cannot be used: " + describe(e), e);
        }
        if (unknownHost(e) && clusterInternal(health.getHost()) && !ServiceLocator.runningInPod()) {
          // nor does a Service's DNS name resolve outside its cluster, however long one waits
          throw StepException.unavailable(health.getHost() + " is a name inside the cluster and does not resolve "
              + "here, outside it: run the step in a pod, or give a URL this machine can reach (a Route, or "
              + "kubectl port-forward)", e);
        }
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
      if (Duration.between(Instant.now(), deadline).toMillis() < 10) {
        break;
      }
    }
    throw StepException.unavailable(String.format("%s not ready after %ds (last: %s); check that the service "
        + "runs and the URL is right", health, within.toSeconds(), last), null);
  }

  private void prepare(HttpRequest.Builder builder) {
    authorize(builder);
    if ("http".equalsIgnoreCase(builder.copy().build().uri().getScheme())) {
      // the JDK offers an h2c upgrade on plain http; Quarkus services (TrustyAI) answer such a POST with a 500.
      // Over https, ALPN negotiates the version.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
  }

  /** Sets the token, and says once per host when it would travel unencrypted beyond this machine. */
  private void authorize(HttpRequest.Builder builder) {
    if (token.isEmpty()) {
      return;
    }
    builder.header("Authorization", token.get().headerValue());
    URI uri = builder.copy().build().uri();
    if ("http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost()) && warnedHosts.add(uri.getHost())) {
      log.warn("the bearer token is sent to %s over plain http://: anyone on the network path can read it; use "
          + "https:// (with --ca-bundle for a private CA)", uri.getHost());
    }
  }

  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  /** One attempt's timeout: the request timeout, cut to what is left of the deadline. */
  private Duration attemptTimeout(HttpRequest.Builder builder) {
    if (deadline == null) {
      return timeout;
    }
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.toMillis() <= 0) {
      HttpRequest r = builder.copy().timeout(timeout).build();
      throw StepException.unavailable(r.method() + " " + uri(r) + ": no answer before the deadline", null);
    }
    return left.compareTo(timeout) < 0 ? left : timeout;
  }

  /** Whether backing off for {@code wait} still leaves time for another attempt. */
  private boolean fits(Duration wait) {
    return deadline == null || Instant.now().plus(wait).isBefore(deadline);
  }

  /** The server's certificate is not trusted: retrying cannot help. */
  static boolean untrusted(Throwable e) {
    return Causes.any(e, javax.net.ssl.SSLHandshakeException.class, java.security.cert.CertificateException.class,
        java.security.cert.CertPathBuilderException.class);
  }

  /** A response's Retry-After (seconds or an HTTP date) as a wait; null when it has none or it cannot be read. */
  public static Duration retryAfter(HttpResponse<?> response) {
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

  /** An answer over the body limit: the same URL would send it again. */
  private static boolean tooLarge(IOException e) {
    return Causes.any(e, AnswerText.TooLarge.class);
  }

  private static boolean unknownHost(IOException e) {
    return Causes.any(e, java.nio.channels.UnresolvedAddressException.class, java.net.UnknownHostException.class);
  }

  /** A Service's DNS name (name.namespace.svc, or with the cluster domain): it resolves only in the cluster. */
  static boolean clusterInternal(String host) {
    return host != null && (host.endsWith(".svc") || host.contains(".svc.cluster.local"));
  }

  /** The JDK's HttpClient often throws without a message: name the failure the way a user knows it. */
  static String describe(IOException e) {
    if (Causes.any(e, java.nio.channels.UnresolvedAddressException.class)) { // the JDK's way, under a ConnectException
      return "unknown host";
    }
    return Causes.first(e, StepHttp::named).orElse(e.getMessage() != null ? e.getMessage()
        : e.getClass().getSimpleName());
  }

  /** One cause in the words a user knows it by; null for a link that is only a wrapper. */
  private static String named(Throwable t) {
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
    if (t instanceof java.security.cert.CertPathBuilderException
        || (t instanceof javax.net.ssl.SSLException && String.valueOf(t.getMessage()).contains("PKIX"))) {
      return "the server's certificate is not trusted (PKIX: no trusted path to it): give its CA with --ca-bundle";
    }
    if (t instanceof javax.net.ssl.SSLException) {
      return "TLS failed (" + t.getMessage() + "): give the server's CA with --ca-bundle";
    }
    return null;
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
