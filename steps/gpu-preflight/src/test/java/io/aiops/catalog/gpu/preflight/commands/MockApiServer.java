package io.aiops.catalog.gpu.preflight.commands;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/**
 * The fabric8 mock API server in CRUD mode, one per test JVM. The step's CDI client finds it through fabric8's
 * kubernetes.* system properties, read at its first call (a Quarkus test resource would start it in the application's class
 * loader, out of the test's reach); tests use {@link #client()}.
 */
final class MockApiServer {
  private static KubernetesMockServer server;

  private MockApiServer() {}

  static synchronized KubernetesClient client() {
    return server().createClient();
  }

  static synchronized KubernetesMockServer server() {
    if (server == null) {
      server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
          new KubernetesCrudDispatcher(), false);
      server.init();
      String url = server.createClient().getMasterUrl().toString();
      // fabric8's own configuration keys: step-common's producer builds the client from them on its first call
      System.setProperty("kubernetes.master", url);
      System.setProperty("kubernetes.namespace", "default");
      System.setProperty("kubernetes.trust.certificates", "true");
      System.setProperty("kubernetes.auth.tryKubeConfig", "false");
      System.setProperty("kubernetes.auth.tryServiceAccount", "false");
      System.setProperty("kubernetes.request.retry.backoffLimit", "0");
      Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
    }
    return server;
  }
}
