package io.aiops.catalog.step.kube;

import io.aiops.catalog.step.Causes;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns a failed Kubernetes API call into the one line a user can act on: the cause (unknown host, connection
 * refused, untrusted certificate, no permission) and how to fix it, with the exit code it deserves. fabric8's own
 * message ("Operation: [list] for kind: [Pod] ... failed.") names only the operation.
 */
public final class KubeFailure {
  private KubeFailure() {}

  /** The Kubernetes failure in this chain of causes (the CDI producer may wrap it), as a step failure. */
  public static Optional<StepException> of(Throwable thrown) {
    return Causes.first(thrown, t -> t instanceof KubernetesClientException kube ? describe(kube) : null);
  }

  static StepException describe(KubernetesClientException e) {
    String operation = operation(e);
    if (contains(e, "Failed to parse the kubeconfig") || contains(e, "Could not load kube config")) {
      return new StepException(StepExit.USAGE, "the kubeconfig is malformed (" + firstLine(rootMessage(e))
          + "): check the file KUBECONFIG or --kubeconfig names, e.g. with 'kubectl config view'", e);
    }
    // the TLS layer wraps the cause ("Failed to create SSL connection"): look for PKIX anywhere in the chain first
    if (Causes.find(e, t -> t instanceof CertPathBuilderException || t instanceof CertificateException
        || String.valueOf(t.getMessage()).contains("PKIX")
        || String.valueOf(t.getMessage()).contains("unable to find valid certification path")).isPresent()) {
      return unavailable(e, "the API server's certificate is not trusted (PKIX: no trusted path to it)" + operation,
          "put its CA in the kubeconfig (certificate-authority-data); never skip verification");
    }
    // the JDK HTTP client reports an unresolvable host as a ConnectException caused by UnresolvedAddressException
    Optional<Throwable> unknownHost = Causes.find(e, UnknownHostException.class,
        java.nio.channels.UnresolvedAddressException.class);
    if (unknownHost.isPresent()) {
      String host = unknownHost.get().getMessage();
      return unavailable(e, "unknown host" + (host == null ? "" : " " + host) + operation,
          "is a kubeconfig set (KUBECONFIG or --kubeconfig, or run in a pod) and its server: right?");
    }
    Optional<StepException> network = Causes.first(e, t -> t instanceof ConnectException
        ? unavailable(e, "connection refused" + operation, "is the API server running, and the kubeconfig's "
            + "server: address and port right?")
        : t instanceof SSLException ? unavailable(e, "TLS failed (" + firstLine(t.getMessage()) + ")" + operation,
            "check the kubeconfig's server: URL and CA")
        : t instanceof SocketTimeoutException
            ? unavailable(e, "no answer in time" + operation, "is the API server reachable from here?")
        : null);
    if (network.isPresent()) {
      return network.get();
    }
    int code = e.getCode();
    String status = e.getStatus() != null && e.getStatus().getMessage() != null
        ? firstLine(e.getStatus().getMessage()) : firstLine(e.getMessage());
    if (code == 401) {
      return new StepException(StepExit.UNAVAILABLE, "Kubernetes API: unauthorized (HTTP 401)" + operation
          + ": the token is missing or expired; log in again or check the service account", e);
    }
    if (code == 403) {
      return new StepException(StepExit.USAGE, "Kubernetes API: forbidden (HTTP 403): " + status
          + "; grant the Role the Task's README lists", e);
    }
    if (code <= 0 || code >= 500) { // fabric8 says -1 (or 0) when no HTTP answer came at all
      return unavailable(e, (code <= 0 ? "" : "HTTP " + code + ": ") + status, "retry when the API server is healthy");
    }
    return new StepException(StepExit.USAGE, "Kubernetes API: HTTP " + code + ": " + status, e);
  }

  private static StepException unavailable(KubernetesClientException e, String cause, String hint) {
    return new StepException(StepExit.UNAVAILABLE, "cannot reach the Kubernetes API server: " + cause + "; " + hint, e);
  }

  /** fabric8 names the operation in its message; keep that part, it tells which call failed. */
  private static String operation(KubernetesClientException e) {
    String m = e.getMessage();
    if (m == null || !m.startsWith("Operation: [")) {
      return "";
    }
    int end = m.indexOf("failed.");
    return " (" + (end > 0 ? m.substring(0, end).trim() : firstLine(m)).replaceAll("\\s+", " ") + ")";
  }

  private static boolean contains(Throwable e, String text) {
    return Causes.find(e, t -> t.getMessage() != null && t.getMessage().contains(text)).isPresent();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = Causes.root(e);
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
