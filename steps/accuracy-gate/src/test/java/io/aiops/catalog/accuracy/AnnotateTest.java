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
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Given a gated InferenceService in a mock API server (CRUD), when the gate runs with --annotate, it holds the figures. */
@QuarkusMainTest
@EnableKubernetesMockClient(crud = true)
class AnnotateTest {
  static final ResourceDefinitionContext ISVC = new ResourceDefinitionContext.Builder()
      .withGroup("serving.kserve.io").withVersion("v1beta1").withPlural("inferenceservices")
      .withKind("InferenceService").withNamespaced(true).build();

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  KubernetesMockServer server;
  @RegisterExtension final ApiRequestRecorder apiRequests =
      ApiRequestRecorder.record("accuracy-gate", "annotate");
  KubernetesClient client;
  @TempDir Path results;
  String ns;

  @BeforeEach
  void gatedInferenceService() {
    ns = "models-" + NAMESPACES.incrementAndGet();
    StepKubeConfig.pointAt(client.getConfiguration().getMasterUrl(), ns);
    client.genericKubernetesResources(ISVC).inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
        .withApiVersion("serving.kserve.io/v1beta1").withKind("InferenceService")
        .withNewMetadata().withName("fraud").withNamespace(ns)
        .withLabels(Map.of("accuracy-gate.aiops.io/gated", "true")).endMetadata().build()).create();
  }

  @Test
  void aFailingModelsFiguresAndVerdictAreWrittenOnItsInferenceService(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("--data", fixture("always-negative.csv"), "--label-column", "Class",
        "--prediction-column", "prediction", "--threshold", "recall >= 0.8", "--annotate", "isvc/fraud",
        "-n", ns, "--results-dir", results.toString());

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    GenericKubernetesResource isvc = client.genericKubernetesResources(ISVC).inNamespace(ns)
        .withName("fraud").get();
    assertThat(isvc.getMetadata().getAnnotations())
        .containsEntry("accuracy-gate.aiops.io/verdict", "FAIL")
        .containsEntry("accuracy-gate.aiops.io/recall", "0.0")
        .containsEntry("accuracy-gate.aiops.io/accuracy", "0.996")
        .containsEntry("accuracy-gate.aiops.io/rows", "3000")
        .containsKey("accuracy-gate.aiops.io/evaluated-at");
  }

  @Test
  void aMissingTargetIsAUsageErrorBeforeAnythingIsScored(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("--data", fixture("always-negative.csv"), "--label-column", "Class",
        "--prediction-column", "prediction", "--annotate", "inferenceservice/frod", "-n", ns,
        "--results-dir", results.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("InferenceService " + ns + "/frod not found");
    assertThat(results.resolve("verdict")).doesNotExist();
  }
}
