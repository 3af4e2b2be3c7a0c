package io.aiops.catalog.metrics.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.aiops.catalog.step.kube.ServiceLocator;
import io.aiops.catalog.step.kube.testing.ApiRequestRecorder;
import io.aiops.catalog.step.kube.testing.StepKubeConfig;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given no --service-url, when metrics-restore runs, then it finds the TrustyAI service in the namespace on the mock
 * API server, says which, and says at once that a Service's cluster name does not resolve here. The lookups
 * themselves, and what is said when nothing is found, are libs/trustyai's TrustyAiLocatorTest.
 */
@QuarkusMainTest
@EnableKubernetesMockClient(crud = true)
class ServiceDiscoveryTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  KubernetesMockServer server;
  @RegisterExtension final ApiRequestRecorder apiRequests = ApiRequestRecorder.record("metrics-restore", "discover");
  KubernetesClient client;
  @TempDir Path backups;
  @TempDir Path results;
  String ns;

  @BeforeEach
  void pointStepAtServer() {
    StepKubeConfig.pointAt(client.getConfiguration().getMasterUrl(), null);
    ns = "models-" + NAMESPACES.incrementAndGet();
  }

  LaunchResult restore(QuarkusMainLauncher launcher) {
    Backups.write(backups, Backups.captured());
    return launcher.launch("-n", ns, "--backup-dir", backups.toString(), "--results-dir", results.toString(),
        "--http-retries", "0");
  }

  @Test
  void theServiceFoundByNameIsTheOneTheRestoreTalksTo(QuarkusMainLauncher launcher) {
    assumeFalse(ServiceLocator.runningInPod(), "a step run from a laptop, outside a pod");
    client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("trustyai-service")
        .endMetadata().withNewSpec().addNewPort().withName("https").withPort(443).endPort().endSpec().build())
        .create();

    LaunchResult run = restore(launcher);

    assertThat(run.getOutput() + run.getErrorOutput())
        .contains("found TrustyAI at https://trustyai-service." + ns + ".svc:443 via Service trustyai-service");
    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(4);
    assertThat(run.getErrorOutput()).as("said at once, not after --ready-timeout: a Service's name resolves only "
        + "inside the cluster").contains("trustyai-service." + ns + ".svc is a name inside the cluster and does not "
        + "resolve here").contains("run the step in a pod, or give a URL this machine can reach");
  }
}
