package io.aiops.catalog.accuracy;

import static io.aiops.catalog.accuracy.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.step.kube.testing.ApiRequestRecorder;
import io.aiops.catalog.step.kube.testing.StepKubeConfig;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bars read from the very ConfigMap the admission policy reads in the dev namespace (mock API server, CRUD):
 * the gate applies them with its own thresholds and names the bar a model broke.
 */
@QuarkusMainTest
@EnableKubernetesMockClient(crud = true)
class BarsConfigMapTest {
  KubernetesMockServer server;
  @RegisterExtension final ApiRequestRecorder apiRequests = ApiRequestRecorder.record("accuracy-gate", "bars");
  KubernetesClient client;
  @TempDir Path results;

  @BeforeEach
  void barsInTheDevNamespace() {
    StepKubeConfig.pointAt(client.getConfiguration().getMasterUrl(), "ci");
    client.configMaps().inNamespace("fraud-demo-dev").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("accuracy-gate-params").endMetadata()
        .withData(Map.of("min-recall", "0.8", "min-precision", "0.5", "min-balanced-accuracy", "0.85")).build())
        .create();
  }

  @Test
  void aModelBelowOneBarFailsNamingTheBar(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("--data", fixture("fraud-imbalanced.csv"), "--label-column", "Class",
        "--positive-label", "1", "--prediction-column", "prediction", "--threshold", "f1 > trivial.f1",
        "--bars-configmap", "accuracy-gate-params", "-n", "fraud-demo-dev", "--results-dir", results.toString());

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(results.resolve("failed-clauses")).hasContent("min-precision: precision >= 0.5 (precision = 0.07)");
  }

  @Test
  void aMissingConfigMapIsAUsageErrorBeforeAnythingIsScored(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("--data", fixture("fraud-imbalanced.csv"), "--label-column", "Class",
        "--prediction-column", "prediction", "--bars-configmap", "accuracy-gate-params", "-n", "fraud-demo-prod",
        "--results-dir", results.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("ConfigMap fraud-demo-prod/accuracy-gate-params not found");
    assertThat(results.resolve("verdict")).doesNotExist();
  }
}
