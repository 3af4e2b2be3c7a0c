package io.aiops.catalog.accuracy;

import static io.aiops.catalog.accuracy.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.step.kube.testing.ApiRequestRecorder;
import io.aiops.catalog.step.kube.testing.StepKubeConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * pr-model-gate's deploy, as a typed step: given the pull request's InferenceService manifest and a mock API server
 * (CRUD), a passing model is created or updated under the run's name, in the run's namespace, loading the model that
 * was gated, labelled and annotated for the admission policy; a failing one is not deployed.
 */
@QuarkusMainTest
@EnableKubernetesMockClient(crud = true)
class DeployTest {
  static final ResourceDefinitionContext ISVC = new ResourceDefinitionContext.Builder()
      .withGroup("serving.kserve.io").withVersion("v1beta1").withPlural("inferenceservices")
      .withKind("InferenceService").withNamespaced(true).build();
  /** As a model repository holds it: its own name and namespace, an old storageUri, a stale gate annotation. */
  static final String MANIFEST = """
      apiVersion: serving.kserve.io/v1beta1
      kind: InferenceService
      metadata:
        name: fraud-detector
        namespace: production
        annotations:
          serving.kserve.io/deploymentMode: RawDeployment
          accuracy-gate.aiops.io/verdict: PASS
          accuracy-gate.aiops.io/specificity: "1.0"
      spec:
        predictor:
          model:
            modelFormat:
              name: sklearn
            storageUri: pvc://model-storage/fraud-detector
      """;

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  KubernetesMockServer server;
  @RegisterExtension final ApiRequestRecorder apiRequests = ApiRequestRecorder.record("accuracy-gate", "deploy");
  KubernetesClient client;
  @TempDir Path results;
  @TempDir Path repo;
  String ns;

  @BeforeEach
  void cluster() throws Exception {
    StepKubeConfig.pointAt(client.getConfiguration().getMasterUrl(), "ci");
    ns = "fraud-demo-dev-" + NAMESPACES.incrementAndGet();
    Files.createDirectories(repo.resolve("deploy"));
    Files.writeString(repo.resolve("deploy/inferenceservice.yaml"), MANIFEST);
  }

  @Test
  void aPassingModelIsCreatedUnderThePullRequestsNameLoadingTheGatedModelWithTheGatesFigures(
      QuarkusMainLauncher launcher) {
    LaunchResult run = deploy(launcher, "recall >= 0.8");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    GenericKubernetesResource isvc = isvc("fraud-detector-pr-12");
    assertThat(isvc).as("created in the run's namespace, not the manifest's").isNotNull();
    assertThat(client.genericKubernetesResources(ISVC).inNamespace("production").list().getItems()).isEmpty();
    assertThat(isvc.getMetadata().getLabels()).containsEntry("accuracy-gate.aiops.io/gated", "true");
    assertThat(isvc.getMetadata().getAnnotations())
        .containsEntry("serving.kserve.io/deploymentMode", "RawDeployment")
        .containsEntry("accuracy-gate.aiops.io/verdict", "PASS")
        .containsEntry("accuracy-gate.aiops.io/recall", "0.875")
        .containsEntry("accuracy-gate.aiops.io/balanced-accuracy", "0.914157")
        .containsEntry("accuracy-gate.aiops.io/override-reason", "")
        .containsKey("accuracy-gate.aiops.io/evaluated-at")
        .as("a gate annotation the manifest brought is not kept")
        .doesNotContainKey("accuracy-gate.aiops.io/specificity");
    assertThat(storageUri(isvc)).isEqualTo("pvc://model-storage/fraud-detector-pr-12");
    assertThat(run.getOutput() + run.getErrorOutput()).contains("created InferenceService " + ns
        + "/fraud-detector-pr-12");
  }

  @Test
  void aNewPushUpdatesThePullRequestsInferenceServiceKeepingKServesFinalizer(QuarkusMainLauncher launcher) {
    client.genericKubernetesResources(ISVC).inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
        .withApiVersion("serving.kserve.io/v1beta1").withKind("InferenceService")
        .withNewMetadata().withName("fraud-detector-pr-12").withNamespace(ns)
        .withFinalizers("inferenceservice.finalizers")
        .withAnnotations(Map.of("accuracy-gate.aiops.io/verdict", "PASS", "accuracy-gate.aiops.io/recall", "0.9"))
        .endMetadata().build()).create();

    LaunchResult run = deploy(launcher, "recall >= 0.8");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    GenericKubernetesResource isvc = isvc("fraud-detector-pr-12");
    assertThat(isvc.getMetadata().getAnnotations()).containsEntry("accuracy-gate.aiops.io/recall", "0.875");
    assertThat(isvc.getMetadata().getFinalizers()).containsExactly("inferenceservice.finalizers");
    assertThat(storageUri(isvc)).isEqualTo("pvc://model-storage/fraud-detector-pr-12");
  }

  @Test
  void aFailingModelIsNotDeployed(QuarkusMainLauncher launcher) {
    LaunchResult run = deploy(launcher, "precision >= 0.5");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("precision >= 0.5 (precision = 0.07)");
    assertThat(isvc("fraud-detector-pr-12")).isNull();
    assertThat(results.resolve("verdict")).hasContent("FAIL");
  }

  @Test
  void anOverriddenModelIsDeployedWithItsReasonForThePolicy(QuarkusMainLauncher launcher) {
    LaunchResult run = deploy(launcher, "precision >= 0.5", "--override", "label schema changed in PR 12");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(isvc("fraud-detector-pr-12").getMetadata().getAnnotations())
        .containsEntry("accuracy-gate.aiops.io/verdict", "OVERRIDDEN")
        .containsEntry("accuracy-gate.aiops.io/override-reason", "label schema changed in PR 12");
  }

  @Test
  void aManifestThatIsNoInferenceServiceIsAUsageErrorBeforeAnythingIsScored(QuarkusMainLauncher launcher)
      throws Exception {
    Files.writeString(repo.resolve("deploy/inferenceservice.yaml"), """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: pwned
        """);
    LaunchResult run = deploy(launcher, "recall >= 0.8");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("is a rbac.authorization.k8s.io/v1 ClusterRoleBinding, not a "
        + "serving.kserve.io InferenceService");
    assertThat(results.resolve("verdict")).doesNotExist();
  }

  @Test
  void aManifestWithoutAPredictorToPointAtTheModelIsAUsageError(QuarkusMainLauncher launcher) throws Exception {
    Files.writeString(repo.resolve("deploy/inferenceservice.yaml"), """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: fraud-detector
        spec: {}
        """);
    LaunchResult run = deploy(launcher, "recall >= 0.8");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("has no spec.predictor.model");
  }

  private LaunchResult deploy(QuarkusMainLauncher launcher, String threshold, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--data", fixture("fraud-imbalanced.csv"),
        "--label-column", "Class", "--positive-label", "1", "--prediction-column", "prediction",
        "--threshold", threshold, "--manifest-dir", repo.toString(),
        "--deploy-manifest", "deploy/inferenceservice.yaml",
        "--deploy-name", "fraud-detector-pr-12", "--storage-uri", "pvc://model-storage/fraud-detector-pr-12",
        "-n", ns, "--results-dir", results.toString()));
    args.addAll(List.of(more));
    return launcher.launch(args.toArray(String[]::new));
  }

  private GenericKubernetesResource isvc(String name) {
    return client.genericKubernetesResources(ISVC).inNamespace(ns).withName(name).get();
  }

  @SuppressWarnings("unchecked")
  private static Object storageUri(GenericKubernetesResource isvc) {
    Map<String, Object> spec = (Map<String, Object>) isvc.getAdditionalProperties().get("spec");
    return ((Map<String, Object>) ((Map<String, Object>) spec.get("predictor")).get("model")).get("storageUri");
  }
}
