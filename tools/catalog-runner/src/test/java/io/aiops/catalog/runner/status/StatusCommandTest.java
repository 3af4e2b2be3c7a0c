package io.aiops.catalog.runner.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.runner.status.TektonRuns.Run;
import io.aiops.catalog.step.json.Json;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stories on the fabric8 mock API server (CRUD mode): given PipelineRuns, TaskRuns and CronJobs as Tekton and the
 * CronJob controller leave them, when {@code catalog status} runs, then it shows what trained when and how it went.
 */
@QuarkusMainTest
@EnableKubernetesMockClient(crud = true)
class StatusCommandTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final String SHA_A = "3f2a9c1b0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

  KubernetesMockServer server;
  KubernetesClient client;
  String ns;

  @BeforeEach
  void pointAtMockServer() {
    System.setProperty("kubernetes.master", client.getConfiguration().getMasterUrl());
    System.setProperty("kubernetes.trust.certificates", "true");
    System.setProperty("kubernetes.namespace", "default-ns");
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    System.setProperty("kubernetes.request.retry.backoffLimit", "0");
    ns = "status-" + NAMESPACES.incrementAndGet();
  }

  @Test
  void aSucceededRetrainingIsListedWithItsDataWindowAndModel(QuarkusMainLauncher launcher) {
    Instant start = Instant.now().minus(Duration.ofDays(2));
    new Run(ns, "anomaly-detector-retraining-x7k2p", "model-retraining", "anomaly-detector")
        .started(start, Duration.ofMinutes(14).plusSeconds(3)).param("data-source", "prometheus")
        .param("training-hours", "168").result("model-sha256", SHA_A).result("data-source", "prometheus")
        .task("train", "notebook-train").result("model-sha256", SHA_A).done()
        .task("validate", "model-validate").result("verdict", "PASS").done()
        .createIn(client);

    LaunchResult run = launcher.launch("status", "-n", ns);

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getOutput()).contains("namespace " + ns)
        .containsPattern("anomaly-detector +model-retraining +anomaly-detector-retraining-x7k2p +Succeeded +"
            + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ +14m03s +prometheus 168h +- +3f2a9c1b0d4e +3f2a9c1b0d4e")
        .containsPattern("anomaly-detector +model-retraining +1 +1 +0 +0 +0 +0 +100% +14m03s");
  }
}
