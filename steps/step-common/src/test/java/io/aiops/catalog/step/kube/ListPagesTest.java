package io.aiops.catalog.step.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.kube.testing.ApiServerCompression;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lists read the way kubectl reads them at scale, against fabric8's mock API server: compressed when big (the
 * server compressing as kube-apiserver does), page after page, and a refused or garbled answer reported as
 * fabric8's own calls report it.
 */
class ListPagesTest {
  static final ResourceDefinitionContext CONFIG_MAPS = new ResourceDefinitionContext.Builder().withGroup("")
      .withVersion("v1").withKind("ConfigMap").withPlural("configmaps").withNamespaced(true).build();

  /** The few fields a reader keeps of each item. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Item {
    public ObjectMeta metadata;
    public Map<String, String> data;
  }

  KubernetesMockServer server;
  KubernetesClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    server.destroy();
  }

  private ApiServerCompression crudServer() {
    ApiServerCompression compression = new ApiServerCompression(new KubernetesCrudDispatcher(List.of()));
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), compression, true);
    server.init();
    client = server.createClient();
    return compression;
  }

  /** Answers only what a test expects; the client retries as every step's does (KubeClientDefaults). */
  private void expectationsServer() {
    server = new KubernetesMockServer(false);
    server.init();
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(server.url("/"))
        .withRequestRetryBackoffLimit(2).withRequestRetryBackoffInterval(50).build()).build();
  }

  private void configMaps(String ns, int count, int bytesEach, Map<String, String> labels) {
    String filler = "x".repeat(bytesEach);
    for (int i = 0; i < count; i++) {
      client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
          .withName(String.format("cm-%04d", i)).withLabels(labels).endMetadata().addToData("blob", filler)
          .build()).create();
    }
  }

  /** The request for namespace ns's page after {@code continueToken} (null: the first page). */
  private io.fabric8.mockwebserver.dsl.ReturnOrWebsocketable<io.fabric8.mockwebserver.dsl.TimesOnceableOrHttpHeaderable<Void>>
      expectPage(String continueToken) {
    return server.expect().get().withPath("/api/v1/namespaces/ns/configmaps?limit=500"
        + (continueToken == null ? "" : "&continue=" + continueToken));
  }

  /** A page holding one ConfigMap, and {@code next}'s continue token (null: the last page). */
  static String pageOf(String name, String next) {
    return "{\"metadata\":{" + (next == null ? "" : "\"continue\":\"" + next + "\"") + "},\"items\":[{\"metadata\":"
        + "{\"name\":\"" + name + "\"}}]}";
  }

  private List<Item> list(String ns, String selector, List<Integer> requests) {
    List<Item> items = new ArrayList<>();
    int made = ListPages.forEach(client, CONFIG_MAPS, ns, selector, 500, Item.class, items::add);
    requests.add(made);
    return items;
  }

  @Test
  void aListOver128KiBArrivesCompressedAndEveryItemIsRead() {
    ApiServerCompression compression = crudServer();
    configMaps("big", 150, 2000, Map.of("app", "a"));
    List<Integer> requests = new ArrayList<>();

    List<Item> items = list("big", null, requests);

    assertThat(compression.compressed()).as("answers gzip-compressed by the server").isEqualTo(1);
    assertThat(items).hasSize(150);
    assertThat(items).extracting(i -> i.metadata.getName()).contains("cm-0000", "cm-0149").doesNotHaveDuplicates();
    assertThat(items.get(0).data.get("blob")).hasSize(2000);
    assertThat(requests).containsExactly(1);
  }

  @Test
  void aSmallListComesAsItIsAndTheSelectorReachesTheServer() {
    ApiServerCompression compression = crudServer();
    configMaps("small", 3, 10, Map.of("app", "a"));
    client.configMaps().inNamespace("small").resource(new ConfigMapBuilder().withNewMetadata().withName("other")
        .withLabels(Map.of("app", "b")).endMetadata().build()).create();

    List<Item> items = list("small", "app=b", new ArrayList<>());

    assertThat(compression.compressed()).isZero();
    assertThat(items).extracting(i -> i.metadata.getName()).containsExactly("other");
  }

  @Test
  void everyPageIsFollowedToTheLastContinueToken() {
    expectationsServer();
    server.expect().get().withPath("/api/v1/namespaces/ns/configmaps?limit=500")
        .andReturn(200, "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"continue\":\"tok/1=\","
            + "\"remainingItemCount\":1},\"items\":[{\"metadata\":{\"name\":\"a\"}},{\"metadata\":{\"name\":\"b\"}}]}")
        .once();
    server.expect().get().withPath("/api/v1/namespaces/ns/configmaps?limit=500&continue=tok%2F1%3D")
        .andReturn(200, "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"items\":[{\"metadata\":{\"name\":\"c\"},"
            + "\"data\":{\"k\":\"v\"}}],\"metadata\":{\"continue\":\"\"}}")
        .once();
    List<Integer> requests = new ArrayList<>();

    List<Item> items = list("ns", null, requests);

    assertThat(items).extracting(i -> i.metadata.getName()).containsExactly("a", "b", "c");
    assertThat(items.get(2).data).containsEntry("k", "v");
    assertThat(requests).containsExactly(2);
  }

  @Test
  void theNextPageIsAskedWhileThisOneIsStillBeingRead() throws InterruptedException {
    expectationsServer();
    server.expect().get().withPath("/api/v1/namespaces/ns/configmaps?limit=500")
        .andReturn(200, "{\"kind\":\"ConfigMapList\",\"metadata\":{\"continue\":\"t1\"},"
            + "\"items\":[{\"metadata\":{\"name\":\"a\"}}]}").once();
    server.expect().get().withPath("/api/v1/namespaces/ns/configmaps?limit=500&continue=t1")
        .andReturn(200, "{\"kind\":\"ConfigMapList\",\"metadata\":{},\"items\":[{\"metadata\":{\"name\":\"b\"}}]}")
        .once();
    List<String> seenWhileReadingA = new ArrayList<>();

    int made = ListPages.forEach(client, CONFIG_MAPS, "ns", null, 500, Item.class, item -> {
      if (item.metadata.getName().equals("a")) {
        // the reader is still on page one: the request for page two must already be on its way
        for (int i = 0; i < 2; i++) {
          try {
            var request = server.takeRequest(5, TimeUnit.SECONDS);
            seenWhileReadingA.add(request == null ? "nothing" : request.getPath());
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    });

    assertThat(seenWhileReadingA).containsExactly("/api/v1/namespaces/ns/configmaps?limit=500",
        "/api/v1/namespaces/ns/configmaps?limit=500&continue=t1");
    assertThat(made).isEqualTo(2);
  }

  @Test
  void itemsAreReadWithoutTheirManagedFields() {
    expectationsServer();
    server.expect().get().withPath("/api/v1/namespaces/ns/configmaps?limit=500")
        .andReturn(200, "{\"metadata\":{},\"items\":[{\"metadata\":{\"name\":\"a\",\"labels\":{\"app\":\"x\"},"
            + "\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Update\",\"fieldsType\":\"FieldsV1\","
            + "\"fieldsV1\":{\"f:data\":{\".\":{},\"f:k\":{}}}}]},\"data\":{\"k\":\"v\"}}]}").once();

    List<Item> items = list("ns", null, new ArrayList<>());

    assertThat(items).singleElement().satisfies(i -> {
      assertThat(i.metadata.getLabels()).containsEntry("app", "x");
      assertThat(i.metadata.getManagedFields()).as("skipped, not bound").isNullOrEmpty();
      assertThat(i.metadata.getAdditionalProperties()).doesNotContainKey("managedFields");
      assertThat(i.data).containsEntry("k", "v");
    });
  }

  @Test
  void aListWhoseMetadataComesAfterItsItemsIsStillFollowed() {
    expectationsServer();
    server.expect().get().withPath("/api/v1/namespaces/ns/configmaps?limit=500")
        .andReturn(200, "{\"items\":[{\"metadata\":{\"name\":\"a\"}}],\"metadata\":{\"continue\":\"t1\"}}").once();
    server.expect().get().withPath("/api/v1/namespaces/ns/configmaps?limit=500&continue=t1")
        .andReturn(200, "{\"items\":[{\"metadata\":{\"name\":\"b\"}}],\"metadata\":{}}").once();
    List<Integer> requests = new ArrayList<>();

    assertThat(list("ns", null, requests)).extracting(i -> i.metadata.getName()).containsExactly("a", "b");
    assertThat(requests).containsExactly(2);
  }

  @Test
  void aReaderThatFailsStopsTheListWithItsOwnErrorAndTheClientListsOnAfterwards() {
    expectationsServer();
    expectPage(null).andReturn(200, pageOf("a", "t1")).always();
    expectPage("t1").andReturn(200, pageOf("b", null)).always();
    IllegalStateException refused = new IllegalStateException("the reader gives up");

    assertThatThrownBy(() -> ListPages.forEach(client, CONFIG_MAPS, "ns", null, 500, Item.class, item -> {
      throw refused;
    })).isSameAs(refused);
    assertThat(list("ns", null, new ArrayList<>())).extracting(i -> i.metadata.getName()).containsExactly("a", "b");
  }

  @Test
  void anExpiredContinueTokenGoesOnFromTheTokenTheServerGivesWithIt() {
    expectationsServer();
    expectPage(null).andReturn(200, pageOf("a", "t1")).once();
    expectPage("t1").andReturn(410, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{\"continue\":\"t2\"},"
            + "\"status\":\"Failure\",\"message\":\"The provided continue parameter is too old to display a "
            + "consistent list result. You can start a new list without the continue parameter, or use the continue "
            + "token in this response to retrieve the remainder of the results.\",\"reason\":\"Expired\","
            + "\"code\":410}").once();
    expectPage("t2").andReturn(200, pageOf("b", null)).once();
    List<Integer> requests = new ArrayList<>();

    assertThat(list("ns", null, requests)).extracting(i -> i.metadata.getName()).containsExactly("a", "b");
    assertThat(requests).containsExactly(3);
  }

  @Test
  void anExpiredListWithoutATokenToGoOnIsTheServers410() {
    expectationsServer();
    expectPage(null).andReturn(200, pageOf("a", "t1")).once();
    expectPage("t1").andReturn(410, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"too old resource version\",\"reason\":\"Expired\",\"code\":410}").once();

    assertThatThrownBy(() -> list("ns", null, new ArrayList<>())).isInstanceOfSatisfying(
        KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(410));
  }

  @Test
  void aForbiddenListIsTheServersStatusWordedAsEveryStepWordsIt() {
    expectationsServer();
    server.expect().get().withPath("/api/v1/namespaces/ns/configmaps?limit=500").andReturn(403, "{\"kind\":\"Status\","
        + "\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"configmaps is forbidden: User \\\"system:"
        + "serviceaccount:ns:bot\\\" cannot list resource \\\"configmaps\\\"\",\"reason\":\"Forbidden\",\"code\":403}")
        .once();

    assertThatThrownBy(() -> list("ns", null, new ArrayList<>())).isInstanceOfSatisfying(
        KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(403);
          StepException step = KubeFailure.of(e).orElseThrow();
          assertThat(step.exitCode()).isEqualTo(StepExit.USAGE);
          assertThat(step.getMessage()).contains("forbidden (HTTP 403)", "cannot list resource");
        });
  }

  @Test
  void aGarbledOrFailingAnswerIsAnUnavailableServerNotACrash() {
    expectationsServer();
    server.expect().get().withPath("/api/v1/namespaces/ns/configmaps?limit=500")
        .andReturn(200, "<html>proxy login</html>").once();
    server.expect().get().withPath("/api/v1/namespaces/ns2/configmaps?limit=500")
        .andReturn(502, "<html>bad gateway</html>").always();

    for (String ns : List.of("ns", "ns2")) {
      int before = server.getRequestCount();
      assertThatThrownBy(() -> list(ns, null, new ArrayList<>())).isInstanceOfSatisfying(
          KubernetesClientException.class, e -> {
            StepException step = KubeFailure.of(e).orElseThrow();
            assertThat(step.exitCode()).as(step.getMessage()).isEqualTo(StepExit.UNAVAILABLE);
            assertThat(step.getMessage()).doesNotContain("proxy login", "bad gateway");
          });
      assertThat(server.getRequestCount() - before).as("requests, retries included")
          .isEqualTo(ns.equals("ns2") ? 3 : 1);
    }
  }
}
