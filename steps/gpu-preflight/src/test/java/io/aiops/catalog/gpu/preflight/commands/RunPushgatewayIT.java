package io.aiops.catalog.gpu.preflight.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.step.testing.RealPushgateway;
import io.aiops.catalog.step.kube.testing.ApiRequestRecorder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given two GPU nodes, one of them busy, and a real Prometheus Pushgateway (Debian prometheus-pushgateway), when
 * 'run' gates on them, then the checked node's series are on the gateway and the busy node's are not.
 */
@QuarkusMainTest
class RunPushgatewayIT {
  @RegisterExtension static final ApiRequestRecorder apiRequests =
      ApiRequestRecorder.record("gpu-preflight", "run").from(MockApiServer::server);
  @RegisterExtension static final RealPushgateway gateway = RealPushgateway.perTestClass();


  @Test
  void theCheckedNodeIsPushedAfterTheResultsAndTheBusyOneIsNot(QuarkusMainLauncher launcher, @TempDir Path results)
      throws Exception {
    KubernetesClient client = MockApiServer.client();
    String ns = "preflight-push";
    for (String n : List.of("push-a", "push-b")) {
      client.nodes().resource(new NodeBuilder().withNewMetadata().withName(n).addToLabels("kubernetes.io/hostname", n)
          .endMetadata().withNewStatus().addToAllocatable("nvidia.com/gpu", new Quantity("8"))
          .addToCapacity("nvidia.com/gpu", new Quantity("8")).endStatus().build()).create();
    }
    client.pods().inNamespace("train").resource(new PodBuilder().withNewMetadata().withName("trainer-0")
        .withNamespace("train").endMetadata().withNewSpec().withNodeName("push-b").addNewContainer().withName("main")
        .withImage("trainer:1").withNewResources().addToLimits(Map.of("nvidia.com/gpu", new Quantity("8")))
        .endResources().endContainer().endSpec().withNewStatus().withPhase("Running").endStatus().build()).create();
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> new FakeKubelet.Outcome(RunCommandTest.healthy(n), 0),
        10)) {
      LaunchResult run = launcher.launch("run", "--hosts=push-a,push-b", "-n", ns,
          "--pushgateway-url=" + gateway.url(), "--pushgateway-required", "--results-dir", results.toString());

      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(results.resolve("busy-nodes")).hasContent("push-b");
      assertThat(gateway.scrape()).contains("gpu_preflight_node_verdict{instance=\"\",job=\"gpu-preflight\","
          + "node=\"push-a\"} 1").doesNotContain("node=\"push-b\"");
    }
  }
}
