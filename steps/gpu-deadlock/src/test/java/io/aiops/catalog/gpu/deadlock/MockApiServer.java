package io.aiops.catalog.gpu.deadlock;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * Points the step at the test's fabric8 mock API server (CRUD mode, one per test, from @EnableKubernetesMockClient):
 * the step's client (step-common's KubernetesClientProducer) reads the kubernetes.* system properties on its first
 * call, as fabric8 does.
 */
final class MockApiServer {
  static final String DEFAULT_NAMESPACE = "test";

  private MockApiServer() {}

  static void pointStepAt(KubernetesClient client) {
    System.setProperty("kubernetes.master", client.getConfiguration().getMasterUrl());
    System.setProperty("kubernetes.trust.certificates", "true");
    System.setProperty("kubernetes.namespace", DEFAULT_NAMESPACE);
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    System.setProperty("kubernetes.request.retry.backoffLimit", "0");
  }

  /** A namespace the step's service account may not list pods in: the API server answers 403, as RBAC does. */
  static void forbidPods(KubernetesMockServer server, String namespace) {
    server.expect().get().withPath("/api/v1/namespaces/" + namespace + "/pods?labelSelector="
            + "serving.kserve.io%2Finferenceservice%2Ccomponent%3Dpredictor&limit=500")
        .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\","
            + "\"code\":403,\"message\":\"pods is forbidden: User \\\"system:serviceaccount:ops:pipeline\\\" cannot "
            + "list resource \\\"pods\\\" in API group \\\"\\\" in the namespace \\\"" + namespace + "\\\"\"}")
        .always();
  }
}
