package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.step.kube.testing.ApiServerCompression;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/**
 * A mock API server that pages lists ({@link PagingCrudDispatcher}) and compresses big answers when asked, as
 * kube-apiserver does ({@link ApiServerCompression}), with a client pointed at it.
 */
final class PagedApiServer implements AutoCloseable {
  final PagingCrudDispatcher api = new PagingCrudDispatcher();
  final ApiServerCompression compression = new ApiServerCompression(api);
  final KubernetesMockServer server;
  final KubernetesClient client;

  /** @param https TLS, as every real API server */
  PagedApiServer(boolean https) {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), compression, https);
    server.init();
    client = server.createClient();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
