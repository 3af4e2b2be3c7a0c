package io.aiops.catalog.step.kube;

import java.util.Map;

/**
 * The Kubernetes client settings every step shares. fabric8 retries a failed request 10 times with backoff by
 * default: 21-25 s before a missing kubeconfig, a closed port or an untrusted certificate is reported. Those do not
 * heal in seconds; two quick retries cover an API server's brief hiccup.
 *
 * <p>Set as fabric8's own system properties, which the Quarkus client reads when its config does not say
 * otherwise: a {@code quarkus.kubernetes-client.*} default here would be an unknown key (and a warning on every
 * run) in the steps without the Kubernetes extension. A value already set (property or env) is kept.
 */
public final class KubeClientDefaults {
  static final Map<String, String> DEFAULTS = Map.of(
      "kubernetes.request.retry.backoffLimit", "2",
      "kubernetes.request.retry.backoffInterval", "250",
      "kubernetes.connection.timeout", "10000");

  private KubeClientDefaults() {}

  public static void apply() {
    DEFAULTS.forEach((property, value) -> {
      String env = property.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
      if (System.getProperty(property) == null && System.getenv(env) == null) {
        System.setProperty(property, value);
      }
    });
  }
}
