package io.aiops.catalog.gpu.preflight.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
          new NodeNameAwareDispatcher(), false);
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

  /**
   * The CRUD dispatcher, plus what every API server does and the mock does not: a pod list with
   * {@code fieldSelector=spec.nodeName=X} holds the pods bound to node X (the mock matches no pod on that field and
   * would answer an empty list). Like the API server's index on that field, it costs the pods of that node only,
   * not a scan of the store: pods are indexed by node when they are created with one (as a scheduler-bound pod, or
   * one with spec.nodeName, is), and read back one by one, so a pod deleted since is left out.
   */
  static final class NodeNameAwareDispatcher extends KubernetesCrudDispatcher {
    private static final Pattern NODE_NAME = Pattern.compile("[?&]fieldSelector=spec\\.nodeName(?:%3D|=)([^&]*)");
    private static final Pattern POD_LIST = Pattern.compile("/api/v1/(namespaces/[^/]+/)?pods(\\?.*)?");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Set<String>> podsByNode = new ConcurrentHashMap<>();

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
      MockResponse created = super.handleCreate(request);
      if (created.code() / 100 == 2 && POD_LIST.matcher(request.getPath()).matches()) {
        try {
          JsonNode pod = JSON.readTree(created.getBody().getBytes());
          String node = pod.path("spec").path("nodeName").asText("");
          if (!node.isEmpty()) {
            podsByNode.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet()).add("/api/v1/namespaces/"
                + pod.path("metadata").path("namespace").asText() + "/pods/" + pod.path("metadata").path("name")
                .asText());
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
      return created;
    }

    @Override
    public MockResponse handleGet(String path) {
      Matcher m = NODE_NAME.matcher(path);
      if (!POD_LIST.matcher(path).matches() || path.contains("watch=true") || !m.find()) {
        return super.handleGet(path);
      }
      String node = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8).split(",")[0];
      String namespace = path.startsWith("/api/v1/namespaces/") ? path.split("/")[4] : null;
      ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "PodList");
      list.putObject("metadata").put("resourceVersion", Long.toString(requestResourceVersion()));
      ArrayNode items = list.putArray("items");
      for (String pod : podsByNode.getOrDefault(node, Set.of())) {
        if (namespace != null && !pod.startsWith("/api/v1/namespaces/" + namespace + "/")) {
          continue;
        }
        MockResponse one = super.handleGet(pod);
        if (one.code() == 200) {
          try {
            items.add(JSON.readTree(one.getBody().getBytes()));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }
      }
      return new MockResponse().setResponseCode(200).setBody(list.toString());
    }
  }
}
