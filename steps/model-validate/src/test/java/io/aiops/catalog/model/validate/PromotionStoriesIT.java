package io.aiops.catalog.model.validate;

import static io.aiops.catalog.model.validate.InferenceServiceStoriesIT.isvc;
import static io.aiops.catalog.model.validate.InferenceServiceStoriesIT.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.kserve.InferenceService;
import io.aiops.catalog.kserve.InferenceServices;
import io.aiops.catalog.kserve.ModelRollout;
import io.aiops.catalog.step.kube.testing.ApiRequestRecorder;
import io.aiops.catalog.step.kube.testing.StepKubeConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stories of a retraining run's last step: the gated candidate becomes the served model (copied beside the old
 * version, the current link switched, the predictor rolled), and model-validate proves that what the predictor
 * loads is what was trained, or says which part did not happen. The API server is fabric8's mock server in CRUD
 * mode; KServe's part (new pods after the predictor's annotations change) is played by the test.
 */
@QuarkusMainTest
class PromotionStoriesIT {
  static final String NS = "models";
  static KubernetesMockServer api;
  @RegisterExtension static final ApiRequestRecorder apiRequests =
      ApiRequestRecorder.record("model-validate", "promote");
  static KubernetesClient client;

  @TempDir Path volume;
  @TempDir Path results;
  final ScheduledExecutorService kserve = Executors.newSingleThreadScheduledExecutor();
  String oldSha;
  String newSha;

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

  /** The served model (version "old", linked as current) and this run's candidate, different bytes. */
  @BeforeEach
  void modelVolume() throws Exception {
    Path old = Files.createDirectories(volume.resolve("iris/versions/old"));
    Files.write(old.resolve("model.pkl"), bytes(1));
    Files.createSymbolicLink(volume.resolve("iris/current"), Path.of("versions/old"));
    Path candidate = Files.createDirectories(volume.resolve("candidates/run-2/iris"));
    Files.write(candidate.resolve("model.pkl"), bytes(2));
    Files.writeString(candidate.resolve("metrics.json"), "{\"recall\": 0.91}\n");
    oldSha = ModelFilesCheck.sha256(old.resolve("model.pkl"));
    newSha = ModelFilesCheck.sha256(candidate.resolve("model.pkl"));
  }

  @AfterEach
  void cleanUp() {
    kserve.shutdownNow();
    client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(NS).delete();
    client.pods().inNamespace(NS).withGracePeriod(0).delete();
  }

  @Test
  void gatedCandidateIsSwitchedInRolledOutAndProvenServed(QuarkusMainLauncher launcher) throws Exception {
    servingOldModelFrom("pvc://model-storage-pvc/iris/current");
    kserveRollsPodsOnPatch();

    LaunchResult run;
    try (ModelServer model = ModelServer.start("--name", "iris")) {
      run = promote(launcher, "--expected-sha256", newSha, "--url", model.url());
    }

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    String version = newSha.substring(0, 12);
    assertThat(Files.readSymbolicLink(volume.resolve("iris/current"))).isEqualTo(Path.of("versions", version));
    assertThat(volume.resolve("iris/versions/old/model.pkl")).as("the old version stays to roll back to").exists();
    assertThat(volume.resolve("iris/versions/" + version + "/metrics.json")).exists();
    assertThat(new InferenceService(isvcNow()).rolledSha256()).contains(newSha);
    assertThat(run.getErrorOutput())
        .contains("PASS  promote: current now serves versions/" + version + " (was old)")
        .contains("PASS  served-model: 1 predictor pod(s) loaded model " + version)
        .contains("PASS  model-sha256: model.pkl sha256 " + newSha + " as expected");
    assertThat(Files.readString(results.resolve("promoted-version"))).isEqualTo("versions/" + version);
    assertThat(Files.readString(results.resolve("previous-version"))).isEqualTo("versions/old");
  }

  @Test
  void candidateThatIsNotTheTrainedModelIsNeverSwitchedIn(QuarkusMainLauncher launcher) throws Exception {
    servingOldModelFrom("pvc://model-storage-pvc/iris/current");

    LaunchResult run = promote(launcher, "--expected-sha256", oldSha.replace('a', 'b').replace('0', '1'));

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("FAIL  promote: candidate candidates/run-2/iris has sha256 " + newSha);
    assertThat(Files.readSymbolicLink(volume.resolve("iris/current"))).isEqualTo(Path.of("versions/old"));
    assertThat(new InferenceService(isvcNow()).rolledSha256()).as("the predictor was not rolled").isEmpty();
  }

  @Test
  void inferenceServiceLoadingAnotherPathFailsWhateverTheFilesSay(QuarkusMainLauncher launcher) throws Exception {
    // the old layout: storageUri names the model directory itself, so the switched link is never loaded
    Files.createDirectories(volume.resolve("iris"));
    Files.write(volume.resolve("iris/model.pkl"), bytes(1));
    servingOldModelFrom("pvc://model-storage-pvc/iris");
    kserveRollsPodsOnPatch();

    LaunchResult run = promote(launcher, "--expected-sha256", newSha);

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput())
        .contains("FAIL  storage-uri: InferenceService iris loads pvc://.../iris, but the promoted model is at "
            + "iris/current: set its storageUri to pvc://CLAIM/iris/current")
        .contains("FAIL  model-sha256: model.pkl sha256 is " + oldSha + ", expected " + newSha);
  }

  @Test
  void predictorThatNeverRollsFailsNamingThePodStillOnTheOldModel(QuarkusMainLauncher launcher) throws Exception {
    servingOldModelFrom("pvc://model-storage-pvc/iris/current");

    LaunchResult run = promote(launcher, "--expected-sha256", newSha, "--ready-timeout", "3s");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("FAIL  served-model: the predictor pods did not all load the trained model")
        .contains("iris-predictor-old Ready with model " + oldSha.substring(0, 12));
  }

  @Test
  void realDirectoryWhereTheLinkGoesIsRefusedBeforeAnyChange(QuarkusMainLauncher launcher) throws Exception {
    Files.delete(volume.resolve("iris/current"));
    Files.createDirectories(volume.resolve("iris/current"));
    servingOldModelFrom("pvc://model-storage-pvc/iris/current");

    LaunchResult run = promote(launcher);

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("is a real directory, not the link promotion switches")
        .doesNotContain("Exception");
    assertThat(volume.resolve("iris/versions/" + newSha.substring(0, 12))).doesNotExist();
    assertThat(new InferenceService(isvcNow()).rolledSha256()).isEmpty();
  }

  LaunchResult promote(QuarkusMainLauncher launcher, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--isvc", "iris", "-n", NS, "--results-dir",
        results.toString(), "--http-retries", "0", "--model-dir", volume.toString(), "--model-path", "iris",
        "--model-file", "model.pkl", "--promote-from", "candidates/run-2/iris", "--model-name", "iris"));
    args.addAll(List.of(more));
    if (!args.contains("--url")) {
      // the endpoint is not these stories' subject: a refused port is an ERROR beside the FAILs asserted
      args.addAll(List.of("--url", "http://127.0.0.1:9"));
    }
    if (!args.contains("--ready-timeout")) {
      args.addAll(List.of("--ready-timeout", "30s"));
    }
    return launcher.launch(args.toArray(String[]::new));
  }

  void servingOldModelFrom(String storageUri) {
    GenericKubernetesResource isvc = isvc("isvc-ready.yaml", null);
    @SuppressWarnings("unchecked")
    Map<String, Object> model = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) isvc
        .getAdditionalProperties().get("spec")).get("predictor")).get("model");
    model.put("storageUri", storageUri);
    client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(NS).resource(isvc).create();
    client.pods().inNamespace(NS).resource(predictorPod("iris-predictor-old", oldSha)).create();
  }

  /** KServe's part: a changed predictor annotation brings a new pod with it, and the old pod goes. */
  void kserveRollsPodsOnPatch() {
    kserve.scheduleWithFixedDelay(() -> {
      new InferenceService(isvcNow()).rolledSha256().filter(sha -> client.pods().inNamespace(NS)
          .withName("iris-predictor-new").get() == null).ifPresent(sha -> {
            client.pods().inNamespace(NS).resource(predictorPod("iris-predictor-new", sha)).create();
            client.pods().inNamespace(NS).withName("iris-predictor-old").withGracePeriod(0).delete();
          });
    }, 100, 100, TimeUnit.MILLISECONDS);
  }

  Pod predictorPod(String name, String sha) {
    return new PodBuilder(pod("pod-predictor-ready.yaml")).editMetadata().withName(name)
        .addToAnnotations(ModelRollout.SHA256_ANNOTATION, sha).endMetadata().build();
  }

  GenericKubernetesResource isvcNow() {
    return client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(NS).withName("iris").get();
  }

  static byte[] bytes(int seed) {
    byte[] b = new byte[4096];
    new Random(seed).nextBytes(b);
    return b;
  }
}
