package io.aiops.catalog.step.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.step.kube.ServiceLocator.Found;
import io.aiops.catalog.step.kube.ServiceLocator.Lookup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceListBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A service is found the way the field finds it, against fabric8's mock API server: from outside the cluster its
 * Route, from a pod its Service's cluster name; lookups in the order given; among several matches the first by name.
 */
@EnableKubernetesMockClient(crud = true)
class ServiceLocatorTest {
  static final ResourceDefinitionContext ROUTES = new ResourceDefinitionContext.Builder()
      .withGroup("route.openshift.io").withVersion("v1").withKind("Route").withPlural("routes").withNamespaced(true)
      .build();
  static final String NS = "models";
  static final List<Lookup> BY_LABEL_THEN_NAME = List.of(Lookup.byLabel("app=trustyai"), Lookup.byName("trustyai"));

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void fromOutsideTheClusterARouteWinsAndItsTlsMeansHttps() {
    service("trustyai", Map.of("app", "trustyai"), port("https", 443));
    route("trustyai-route", Map.of("app", "trustyai"), "trustyai.apps.example.com", true);

    Optional<Found> found = locator(false).find(NS, BY_LABEL_THEN_NAME);

    assertThat(found).contains(new Found(URI.create("https://trustyai.apps.example.com"),
        "Route trustyai-route (label app=trustyai)"));
  }

  @Test
  void aRouteWithoutTlsIsPlainHttp() {
    route("trustyai", Map.of(), "trustyai.apps.example.com", false);

    assertThat(locator(false).find(NS, BY_LABEL_THEN_NAME)).map(Found::url)
        .contains(URI.create("http://trustyai.apps.example.com"));
  }

  @Test
  void inAPodTheServiceIsUsedEvenWhereARouteExists() {
    service("trustyai", Map.of("app", "trustyai"), port("http", 8080), port("https", 443));
    route("trustyai", Map.of("app", "trustyai"), "trustyai.apps.example.com", true);

    Optional<Found> found = locator(true).find(NS, BY_LABEL_THEN_NAME);

    assertThat(found).as("the TLS port, not the first one").contains(new Found(
        URI.create("https://trustyai.models.svc:443"), "Service trustyai (label app=trustyai)"));
  }

  @Test
  void lookupsAreTriedInTheOrderGivenAndTiesGoToTheFirstName() {
    service("trustyai", Map.of(), port("http", 8080));
    service("zz-labelled", Map.of("app", "trustyai"), port("http", 8080));
    service("aa-labelled", Map.of("app", "trustyai"), port("http", 8080));

    assertThat(locator(true).find(NS, BY_LABEL_THEN_NAME)).map(Found::how)
        .contains("Service aa-labelled (label app=trustyai)");
    assertThat(locator(true).find(NS, List.of(Lookup.byName("trustyai"), Lookup.byLabel("app=trustyai"))))
        .map(Found::how).contains("Service trustyai (name trustyai)");
  }

  @Test
  void aServiceWithoutATlsPortIsPlainHttpOnItsFirstPortAndWithoutPortsOnNone() {
    service("first-port", Map.of(), port("metrics", 9090), port("web", 8080));
    service("no-ports", Map.of());

    assertThat(locator(true).find(NS, List.of(Lookup.byName("first-port")))).map(Found::url)
        .contains(URI.create("http://first-port.models.svc:9090"));
    assertThat(locator(true).find(NS, List.of(Lookup.byName("no-ports")))).map(Found::url)
        .contains(URI.create("http://no-ports.models.svc"));
  }

  @Test
  void nothingMatchingIsEmptyAndOtherNamespacesDoNotCount() {
    client.services().inNamespace("elsewhere").resource(new ServiceBuilder().withNewMetadata().withName("trustyai")
        .withLabels(Map.of("app", "trustyai")).endMetadata().build()).create();

    assertThat(locator(false).find(NS, BY_LABEL_THEN_NAME)).isEmpty();
  }

  @Test
  void onPlainKubernetesTheMissingRouteApiMeansLookAtServices() {
    KubernetesMockServer kubernetes = new KubernetesMockServer(false);
    kubernetes.init();
    try (KubernetesClient plain = kubernetes.createClient()) {
      kubernetes.expect().get()
          .withPath("/apis/route.openshift.io/v1/namespaces/models/routes?labelSelector=app%3Dtrustyai")
          .andReturn(404, new StatusBuilder().withCode(404).withReason("NotFound").build()).always();
      kubernetes.expect().get().withPath("/api/v1/namespaces/models/services?labelSelector=app%3Dtrustyai")
          .andReturn(200, new ServiceListBuilder().addNewItem().withNewMetadata().withName("trustyai")
              .withNamespace(NS).endMetadata().endItem().build()).always();

      assertThat(new ServiceLocator(plain, false).find(NS, List.of(Lookup.byLabel("app=trustyai"))))
          .map(Found::url).contains(URI.create("http://trustyai.models.svc"));
    } finally {
      kubernetes.destroy();
    }
  }

  private ServiceLocator locator(boolean inCluster) {
    return new ServiceLocator(client, inCluster);
  }

  private void service(String name, Map<String, String> labels, ServicePort... ports) {
    client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName(name)
        .withLabels(labels).endMetadata().withNewSpec().withPorts(ports).endSpec().build()).create();
  }

  private static ServicePort port(String name, int number) {
    return new ServicePortBuilder().withName(name).withPort(number).build();
  }

  private void route(String name, Map<String, String> labels, String host, boolean tls) {
    GenericKubernetesResource route = new GenericKubernetesResourceBuilder().withApiVersion("route.openshift.io/v1")
        .withKind("Route").withNewMetadata().withName(name).withNamespace(NS).withLabels(labels).endMetadata()
        .build();
    route.setAdditionalProperty("spec", tls ? Map.of("host", host, "tls", Map.of("termination", "edge"))
        : Map.of("host", host));
    client.genericKubernetesResources(ROUTES).inNamespace(NS).resource(route).create();
  }
}
