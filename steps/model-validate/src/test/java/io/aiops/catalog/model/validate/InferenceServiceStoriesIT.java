package io.aiops.catalog.model.validate;

import io.aiops.catalog.kserve.InferenceServices;
import static io.aiops.catalog.model.validate.ModelServer.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.step.kube.testing.ApiRequestRecorder;
import io.aiops.catalog.step.kube.testing.StepKubeConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stories over the API server: given these InferenceServices and pods, when model-validate runs, then it waits,
 * passes or fails as a release needs. The API server is fabric8's KubernetesMockServer in CRUD mode (Quarkus'
 * {@code @KubernetesTestServer} field injection does not reach a {@code @QuarkusMainTest}, so it is started here
 * and handed to the step by config); the endpoint is the real model server.
 */
@QuarkusMainTest
class InferenceServiceStoriesIT {
  static final String NS = "models";
  static KubernetesMockServer api;
  @RegisterExtension static final ApiRequestRecorder apiRequests =
      ApiRequestRecorder.record("model-validate", "validate");
  static KubernetesClient client;

  @BeforeAll
  static void startApiServer() {
    api = StepKubeConfig.startCrudServer("default");
    client = api.createClient();
  }

  @AfterAll
  static void stopApiServer() {
    client.close();
    StepKubeConfig.stop(api);
  }
  @TempDir Path results;
  final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void cleanUp() {
    later.shutdownNow();
    client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(NS).delete();
    client.pods().inNamespace(NS).delete();
  }

  LaunchResult validate(QuarkusMainLauncher launcher, String... more) {
    String[] base = {"--isvc", "iris", "-n", NS, "--results-dir", results.toString(), "--http-retries", "0"};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return launcher.launch(args);
  }

  @Test
  void notReadyYetThenReadyIsWatchedUntilReadyAndPasses(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer model = ModelServer.start("--name", "iris")) {
      while (api.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
        // forget the requests of earlier tests, their watches included
      }
      create(isvc("isvc-not-ready.yaml", null));
      create(pod("pod-predictor-ready.yaml"));
      // the controller's work, once the step watches the InferenceService (the mock server records the request)
      later.submit(() -> {
        for (var r = api.takeRequest(); !(r.getPath().contains("inferenceservices") && r.getPath().contains("watch=true"));
            r = api.takeRequest()) {
          // requests before the watch: not the moment yet
        }
        return client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(NS)
            .resource(isvc("isvc-ready.yaml", model.url())).update();
      });

      LaunchResult run = validate(launcher, "--ready-timeout", "60s", "--sample", fixture("iris-sample.csv"),
          "--expect", fixture("iris-expected.json"));

      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(run.getErrorOutput())
          .contains("waiting up to 60s for InferenceService models/iris")
          .contains("PredictorReady: False (MinimumReplicasUnavailable: Deployment does not have minimum availability.)")
          .contains("PredictorReady: True")
          .contains("modelStatus: InProgress").contains("modelStatus: UpToDate, model Loaded")
          .contains("PASS  isvc/conditions: Ready, PredictorReady, IngressReady are True")
          .contains("PASS  pod/iris-predictor-7d9c8b6f5-x2k4q: Ready")
          .contains("checking v2 model iris at " + model.url());
      assertThat(Files.readString(results.resolve("verdict"))).isEqualTo("PASS");
    }
  }

  @Test
  void neverReadyFailsAfterTheTimeoutSayingWhatItWaitedOn(QuarkusMainLauncher launcher) throws IOException {
    create(isvc("isvc-not-ready.yaml", null));

    LaunchResult run = validate(launcher, "--ready-timeout", "2s");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("not ready after 2s")
        .contains("FAIL  isvc/conditions: not ready: Ready False").contains("PredictorReady False")
        .contains("FAIL  pods: no predictor pod");
    assertThat(Files.readString(results.resolve("verdict"))).isEqualTo("FAIL");
  }

  @Test
  void failedModelLoadStopsTheWaitAtOnce(QuarkusMainLauncher launcher) {
    create(isvc("isvc-failed-load.yaml", null));
    long start = System.nanoTime();

    LaunchResult run = validate(launcher, "--ready-timeout", "5m");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(60);
    assertThat(run.getErrorOutput()).contains("BlockedByFailedLoad")
        .contains("FileNotFoundError: /mnt/models/model.joblib");
  }

  @Test
  void readyButPredictorPodInCrashLoopFailsWithRestartsAndOomKill(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer model = ModelServer.start("--name", "iris")) {
      create(isvc("isvc-ready.yaml", model.url()));
      create(pod("pod-predictor-crashloop.yaml"));

      LaunchResult run = validate(launcher, "--ready-timeout", "10s");

      assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
      assertThat(run.getErrorOutput()).contains("FAIL  pod/iris-predictor-7d9c8b6f5-x2k4q: not Ready: phase Running, "
          + "7 restart(s); kserve-container last OOMKilled").contains("waiting: CrashLoopBackOff");
    }
  }

  @Test
  void modelMeshServiceIsCheckedThroughItsRuntimePodsAndRestProxyOverV2(QuarkusMainLauncher launcher)
      throws Exception {
    try (ModelServer model = ModelServer.start("--name", "iris")) {
      GenericKubernetesResource isvc = isvc("isvc-modelmesh.yaml", null);
      status(isvc, "components", "predictor").put("restUrl", model.url());
      create(isvc);
      create(pod("pod-modelmesh.yaml"));

      LaunchResult run = validate(launcher, "--ready-timeout", "10s", "--sample", fixture("iris-sample.csv"));

      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(run.getErrorOutput()).contains("(ModelMesh mode)")
          .contains("Ready, PredictorReady are True").doesNotContain("IngressReady")
          .contains("pod/modelmesh-serving-mlserver-1.x-6b9f7c8d4-abcde: Ready")
          .contains("checking v2 model iris at " + model.url());
    }
  }

  @Test
  void missingInferenceServiceIsExit3(QuarkusMainLauncher launcher) throws IOException {
    LaunchResult run = validate(launcher, "--ready-timeout", "5s");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("InferenceService models/iris not found");
    assertThat(Files.readString(results.resolve("verdict"))).isEqualTo("FAIL");
  }

  void create(GenericKubernetesResource isvc) {
    client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(NS).resource(isvc).create();
  }

  void create(Pod pod) {
    client.pods().inNamespace(NS).resource(pod).create();
  }

  static GenericKubernetesResource isvc(String name, String url) {
    GenericKubernetesResource isvc = Serialization.unmarshal(read(name), GenericKubernetesResource.class);
    if (url != null) {
      status(isvc, "address").put("url", url);
    }
    return isvc;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> status(GenericKubernetesResource isvc, String... path) {
    Map<String, Object> node = (Map<String, Object>) isvc.getAdditionalProperties().get("status");
    for (String key : path) {
      node = (Map<String, Object>) node.get(key);
    }
    return node;
  }

  static Pod pod(String name) {
    return Serialization.unmarshal(read(name), Pod.class);
  }

  static String read(String name) {
    try (InputStream in = InferenceServiceStoriesIT.class.getResourceAsStream("/fixtures/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
