package io.aiops.catalog.step.kube.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.util.HashMap;
import java.util.List;

/**
 * Points the steps a test launches in its own JVM at a test API server, through fabric8's own system properties
 * (the steps build their client lazily from them, as from a kubeconfig): the server's URL, the namespace a step
 * without {@code -n} takes, the mock server's self-signed certificate trusted, this machine's kubeconfig and
 * service account never read, and no client-side retries that would blur what a story sees.
 */
public final class StepKubeConfig {
  private static final List<String> SET = List.of("kubernetes.master", "kubernetes.namespace",
      "kubernetes.trust.certificates", "kubernetes.auth.tryKubeConfig", "kubernetes.auth.tryServiceAccount",
      "kubernetes.request.retry.backoffLimit");

  private StepKubeConfig() {}

  /** @param namespace the steps' default namespace; null leaves fabric8's own default */
  public static void pointAt(String masterUrl, String namespace) {
    System.setProperty("kubernetes.master", masterUrl);
    if (namespace != null) {
      System.setProperty("kubernetes.namespace", namespace);
    }
    System.setProperty("kubernetes.trust.certificates", "true");
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    System.setProperty("kubernetes.request.retry.backoffLimit", "0");
  }

  public static void clear() {
    SET.forEach(System::clearProperty);
  }

  /**
   * A CRUD mock API server for a whole test class, the steps pointed at it: for a {@code @QuarkusMainTest}, which
   * fabric8's field-injecting {@code @EnableKubernetesMockClient} does not reach. Big answers are compressed when a
   * client asks, as kube-apiserver does ({@link ApiServerCompression}).
   */
  public static KubernetesMockServer startCrudServer(String namespace) {
    return startServer(namespace, new ApiServerCompression(new KubernetesCrudDispatcher(List.of())));
  }

  /** A mock API server answering with {@code dispatcher} (e.g. an {@link ApiServerCompression} to count on). */
  public static KubernetesMockServer startServer(String namespace, Dispatcher dispatcher) {
    KubernetesMockServer api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        dispatcher, false);
    api.init();
    pointAt(api.url("/").replaceAll("/$", ""), namespace);
    return api;
  }

  public static void stop(KubernetesMockServer api) {
    clear();
    api.destroy();
  }
}
