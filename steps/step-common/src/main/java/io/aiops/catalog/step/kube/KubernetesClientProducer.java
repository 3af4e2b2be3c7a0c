package io.aiops.catalog.step.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * The one fabric8 client of every step, built on its first call and not before: {@code --help}, and a step that
 * never calls the API, load no HTTP client at all. It runs on fabric8's JDK HTTP client, not Vert.x: the Quarkus
 * kubernetes-client extension needs quarkus-vertx, which starts Vert.x and Netty (some 450 classes, about half a
 * second) when any step starts, whatever it then does (bench/cold-start).
 *
 * <p>Configured as fabric8 configures itself, and as the steps always were: the kubeconfig ({@code KUBECONFIG}),
 * the pod's service account, then the {@code kubernetes.*} system properties and {@code KUBERNETES_*} env vars.
 */
@ApplicationScoped
public class KubernetesClientProducer {
  @Produces
  @ApplicationScoped
  KubernetesClient kubernetesClient() {
    return new KubernetesClientBuilder().withConfig(Config.autoConfigure(null))
        .withHttpClientFactory(new JdkHttpClientFactory()).build();
  }

  void close(@Disposes KubernetesClient client) {
    client.close();
  }
}
