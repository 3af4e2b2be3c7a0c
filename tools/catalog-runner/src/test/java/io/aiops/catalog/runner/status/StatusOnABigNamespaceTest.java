package io.aiops.catalog.runner.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.runner.status.TektonRuns.Run;
import io.aiops.catalog.step.json.Json;
import io.aiops.catalog.step.kube.testing.ApiServerCompression;
import io.aiops.catalog.step.kube.testing.StepKubeConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A namespace whose PipelineRuns make a list of several hundred KB (each run carries the resolved Pipeline spec, as
 * Tekton leaves it): the API server sends it gzip-compressed when asked, as kube-apiserver does, and the status
 * reads it all the same.
 */
@QuarkusMainTest
class StatusOnABigNamespaceTest {
  static final String NS = "big";
  static ApiServerCompression compression;
  static KubernetesMockServer api;

  @BeforeAll
  static void start() {
    compression = new ApiServerCompression(new KubernetesCrudDispatcher(List.of()));
    api = StepKubeConfig.startServer(NS, compression);
  }

  @AfterAll
  static void stop() {
    StepKubeConfig.stop(api);
  }

  @Test
  void aListOfRunsOverTheServersThresholdArrivesCompressedAndEveryModelIsShown(QuarkusMainLauncher launcher)
      throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) Json.yaml().readValue(
        Path.of("../../tekton/pipelines/model-retraining/model-retraining.yaml").toFile(), Map.class).get("spec");
    Instant now = Instant.now();
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      for (int m = 0; m < 4; m++) {
        for (int r = 0; r < 10; r++) {
          Run run = new Run(NS, "model-" + m + "-retraining-" + r, "model-retraining", "model-" + m)
              .started(now.minus(Duration.ofDays(r + 1)), Duration.ofMinutes(10)).param("training-hours", "168")
              .pipelineSpec(spec);
          if (r == 3) {
            run.ended("Failed", "Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1");
          }
          run.createIn(client);
        }
      }
    }

    LaunchResult run = launcher.launch("status", "-n", NS, "--since", "30d");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(compression.compressed()).as("lists sent gzip-compressed").isPositive();
    for (int m = 0; m < 4; m++) {
      assertThat(run.getOutput()).containsPattern("model-" + m + " +model-retraining +10 +9 +1 +0 +0 +0 +90%");
    }
  }
}
