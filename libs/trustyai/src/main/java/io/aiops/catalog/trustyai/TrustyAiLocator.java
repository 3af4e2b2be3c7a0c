package io.aiops.catalog.trustyai;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.kube.ServiceLocator;
import io.aiops.catalog.step.kube.ServiceLocator.Lookup;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/** Where the TrustyAI service is: --service-url, else found in the namespace the way the field looks for it. */
public final class TrustyAiLocator {
  /** The field's order: the operator's label, then the name, then the older app label. */
  public static final List<Lookup> DEFAULT_LOOKUPS = List.of(
      Lookup.byLabel("trustyai-service-name=trustyai-service"),
      Lookup.byName("trustyai-service"),
      Lookup.byLabel("app=trustyai-service"));

  private TrustyAiLocator() {}

  public static URI locate(String serviceUrl, String namespace, String routeLabel,
      Supplier<KubernetesClient> client, StepLog log) {
    if (serviceUrl != null && !serviceUrl.isBlank()) {
      return parseUrl(serviceUrl);
    }
    if (namespace == null || namespace.isBlank()) {
      namespace = ServiceLocator.podNamespace().orElseThrow(() -> StepException.usage(
          "give --service-url, or --namespace to find the TrustyAI service in"));
    }
    List<Lookup> lookups = routeLabel != null && !routeLabel.isBlank()
        ? List.of(Lookup.byLabel(validLabel(routeLabel))) : DEFAULT_LOOKUPS;
    var found = new ServiceLocator(client.get(), ServiceLocator.runningInPod()).find(namespace, lookups);
    if (found.isEmpty()) {
      throw StepException.unavailable("no TrustyAI service found in namespace " + namespace + " (looked for "
          + lookups + " among Routes and Services): check the namespace, or give --service-url", null);
    }
    log.info("found TrustyAI at %s via %s", found.get().url(), found.get().how());
    return found.get().url();
  }

  private static URI parseUrl(String value) {
    try {
      URI uri = URI.create(value.trim());
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("needs http(s)://host");
      }
      if (uri.getUserInfo() != null) {
        throw StepException.usage("--service-url must not hold credentials: give the token with --token-file");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw StepException.usage("--service-url '" + value + "' is not a URL like "
          + "https://trustyai-service.my-ns.svc:443 (" + e.getMessage() + ")");
    }
  }

  private static String validLabel(String label) {
    if (!label.matches("[A-Za-z0-9./_-]+=[A-Za-z0-9._-]*")) {
      throw StepException.usage("--route-label '" + label + "' is not key=value, e.g. app=trustyai-service");
    }
    return label;
  }
}
