package io.aiops.catalog.gpu.preflight.commands;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/**
 * The fabric8 mock API server in CRUD mode, one per test JVM. The step's CDI client finds it through the Quarkus
 * config read from system properties at launch (a Quarkus test resource would start it in the application's class
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
      System.setProperty("quarkus.kubernetes-client.api-server-url", url);
      System.setProperty("quarkus.kubernetes-client.namespace", "default");
      Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
    }
    return server;
  }
}
