package io.aiops.catalog.step.http;

import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepLog;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of every step that calls an HTTP service (a picocli mixin). */
public class HttpOptions {
  /** OpenShift's service CA, mounted in every pod: trusted as well when present. */
  public static final Path SERVICE_CA = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/service-ca.crt");

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "File holding the bearer token (default: env BEARER_TOKEN, else the pod's service-account "
          + "token). Never logged.")
  Path tokenFile;

  @Option(names = "--ca-bundle", paramLabel = "FILE",
      description = "PEM CA bundle trusted on top of the system CAs (OpenShift's service CA is added "
          + "automatically in a pod).")
  Path caBundle;

  @Option(names = "--insecure-skip-tls-verify",
      description = "Do not verify TLS certificates. Unsafe: for a lab cluster only; logs a warning.")
  boolean insecureSkipTlsVerify;

  @Option(names = "--http-timeout", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Timeout of one HTTP request (connect and response). Default: ${DEFAULT-VALUE}.")
  Duration timeout = Duration.ofSeconds(30);

  @Option(names = "--http-retries", paramLabel = "N", defaultValue = "4",
      description = "Retries on connection errors, 429 and 5xx, with exponential backoff. Default: ${DEFAULT-VALUE}.")
  int retries = 4;

  public Duration timeout() {
    return timeout;
  }

  public StepHttp client(StepLog log) {
    return client(BearerToken.resolve(blankToNull(this.tokenFile), System.getenv("BEARER_TOKEN")), log);
  }

  /**
   * The same TLS, timeout and retries without any token: for a second service a step talks to (a Pushgateway),
   * which must never receive the bearer token meant for the first, nor the pod's service-account token.
   */
  public StepHttp anonymousClient(StepLog log) {
    return client(java.util.Optional.empty(), log);
  }

  private StepHttp client(java.util.Optional<BearerToken> token, StepLog log) {
    Path ca = blankToNull(caBundle);
    TlsTrust trust = insecureSkipTlsVerify ? TlsTrust.insecure(log) : TlsTrust.verified(ca, SERVICE_CA);
    RetryPolicy policy = new RetryPolicy(Math.max(0, retries), RetryPolicy.DEFAULT.baseDelay(),
        RetryPolicy.DEFAULT.maxDelay());
    return new StepHttp(trust, token, policy, timeout, log);
  }

  /** Tekton passes an unset param as an empty string: {@code --ca-bundle=} means none. */
  static Path blankToNull(Path path) {
    return path == null || path.toString().isBlank() ? null : path;
  }
}
