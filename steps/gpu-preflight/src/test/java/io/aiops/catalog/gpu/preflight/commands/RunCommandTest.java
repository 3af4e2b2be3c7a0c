package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.gpu.preflight.Fixtures;
import io.aiops.catalog.gpu.preflight.checks.Inputs;
import io.aiops.catalog.gpu.preflight.checks.SmiChecksTest;
import io.aiops.catalog.gpu.preflight.coordinator.Coordinator;
import io.aiops.catalog.gpu.preflight.coordinator.TerminationMessage;
import static io.aiops.catalog.gpu.preflight.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiops.catalog.step.kube.testing.ApiRequestRecorder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Given GPU nodes on the mock API server and a kubelet stand-in, when 'run' fans out, then it gates on them. */
@QuarkusMainTest
class RunCommandTest {
  @RegisterExtension static final ApiRequestRecorder apiRequests =
      ApiRequestRecorder.record("gpu-preflight", "run").from(MockApiServer::server);
  static final AtomicInteger RUNS = new AtomicInteger();
  static final ObjectMapper JSON = new ObjectMapper();
  KubernetesClient client;
  String ns;
  String prefix;
  @TempDir Path results;
  @TempDir Path reports;

  static String healthy(String node) {
    return TerminationMessage.compact(SmiChecksTest.JUDGE.judge(node,
        new Inputs().nvidiaSmiQ(text("nvidia-smi-q-h100x8-hw-power-brake-slowdown-active.txt"))));
  }

  static String lostGpu(String node) {
    return TerminationMessage.compact(SmiChecksTest.JUDGE.judge(node,
        new Inputs().nvidiaSmiQ(text("nvidia-smi-q-gpu-lost-DERIVED.txt"))));
  }

  @BeforeEach
  void threeGpuNodes() {
    client = MockApiServer.client();
    int run = RUNS.incrementAndGet();
    ns = "preflight-" + run;
    prefix = "r" + run + "-";
    for (String n : new String[] {"gpu-a", "gpu-b", "gpu-c"}) {
      client.nodes().resource(new NodeBuilder().withNewMetadata().withName(prefix + n)
          .addToLabels("nvidia.com/gpu.present", "true").addToLabels("run", "r" + run)
          .addToLabels("kubernetes.io/hostname", prefix + n)
          .addToLabels(n.equals("gpu-c") ? Map.of(Coordinator.EVICT_LABEL, "true") : Map.of()).endMetadata()
          .withNewStatus().addToAllocatable("nvidia.com/gpu", new Quantity("8"))
          .addNewAddress().withType("InternalIP").withAddress("10.0.0." + n.charAt(4)).endAddress().endStatus()
          .build()).create();
    }
  }

  @Test
  void oneLostGpuOfThreeNodesIsNoGoInBatchesOfTwoLabelledAndCleanedUp(QuarkusMainLauncher launcher)
      throws IOException {
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, node -> node.endsWith("gpu-b")
        ? new FakeKubelet.Outcome(lostGpu(node), 3) : new FakeKubelet.Outcome(healthy(node), 0), 150)) {
      LaunchResult run = launcher.launch("run", "--selector=run=" + ns.replace("preflight-", "r"), "--batch=2",
          "-n", ns, "--checks=inventory,remapped,ping", "--toleration=nvidia.com/gpu:NoSchedule", "--label-nodes",
          "--results-dir", results.toString(), "--report-dir", reports.toString());

      assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
      assertThat(results.resolve("verdict")).hasContent("NO-GO");
      assertThat(results.resolve("failed-nodes")).hasContent(prefix + "gpu-b");
      assertThat(results.resolve("nodes-checked")).hasContent("3");
      assertThat(run.getOutput()).contains(prefix + "gpu-b: INVENTORY Failed (EVICT)")
          .contains(prefix + "gpu-a: Ok").contains("Verdict: NO-GO (2 of 3 nodes ready)");

      assertThat(kubelet.created).hasSize(3);
      assertThat(kubelet.maxUnfinished.get()).isEqualTo(2);
      Job one = kubelet.created.values().stream().filter(j -> j.getSpec().getTemplate().getSpec().getNodeSelector()
          .get("kubernetes.io/hostname").equals(prefix + "gpu-a")).findFirst().orElseThrow();
      var pod = one.getSpec().getTemplate().getSpec();
      assertThat(pod.getContainers().get(0).getResources().getLimits()).containsEntry("nvidia.com/gpu",
          new Quantity("8"));
      assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
        assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
        assertThat(t.getEffect()).isEqualTo("NoSchedule");
      });
      assertThat(pod.getContainers().get(0).getArgs()).contains("check", "--node=" + prefix + "gpu-a",
          "--checks=inventory,remapped,ping", "--peers=10.0.0.b,10.0.0.c");
      assertThat(one.getSpec().getBackoffLimit()).isZero();
      assertThat(one.getSpec().getTtlSecondsAfterFinished()).isPositive();

      Map<String, String> b = client.nodes().withName(prefix + "gpu-b").get().getMetadata().getLabels();
      assertThat(b).containsEntry(Coordinator.VERDICT_LABEL, "FAIL").containsEntry(Coordinator.EVICT_LABEL, "true");
      assertThat(client.nodes().withName(prefix + "gpu-a").get().getMetadata().getLabels())
          .containsEntry(Coordinator.VERDICT_LABEL, "WARN").doesNotContainKey(Coordinator.EVICT_LABEL);
      assertThat(client.nodes().withName(prefix + "gpu-c").get().getMetadata().getLabels())
          .as("an evict label from an earlier run goes once the node is healthy")
          .containsEntry(Coordinator.VERDICT_LABEL, "WARN").doesNotContainKey(Coordinator.EVICT_LABEL);
      assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();

      JsonNode summary = JSON.readTree(Files.readString(Path.of(Files.readString(results.resolve("summary-file")))));
      assertThat(summary.get("verdict").asText()).isEqualTo("NO-GO");
      assertThat(summary.get("nodes")).hasSize(3);
      assertThat(Files.readString(reports.resolve("metrics.prom")))
          .contains("gpu_preflight_node_evict{node=\"" + prefix + "gpu-b\"} 1");
    }
  }

  @Test
  void allHealthyIsGo(QuarkusMainLauncher launcher) {
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> new FakeKubelet.Outcome(healthy(n), 0), 10)) {
      LaunchResult run = launcher.launch("run", "--hosts=" + prefix + "gpu-a," + prefix + "gpu-c", "-n", ns,
          "--results-dir", results.toString());
      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(results.resolve("verdict")).hasContent("GO");
      assertThat(results.resolve("failed-nodes")).hasContent("");
      assertThat(kubelet.created).hasSize(2);
      assertThat(kubelet.maxUnfinished.get()).isEqualTo(2);
    }
  }

  @Test
  void aJobThatEndsWithoutAReportIsAnErrorNoGoAndExit4(QuarkusMainLauncher launcher) {
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> n.endsWith("gpu-c")
        ? new FakeKubelet.Outcome("Error: Unable to access jarfile /home/jboss/quarkus-run.jar\n", 1)
        : new FakeKubelet.Outcome(healthy(n), 0), 10)) {
      LaunchResult run = launcher.launch("run", "--selector=run=" + ns.replace("preflight-", "r"), "-n", ns,
          "--results-dir", results.toString());
      // the node could not be checked and none failed: a dependency unavailable, as in every step
      assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(4);
      assertThat(results.resolve("verdict")).hasContent("NO-GO");
      assertThat(results.resolve("failed-nodes")).hasContent(prefix + "gpu-c");
      assertThat(run.getOutput()).contains("the check ended without a report (exit 1): Error: Unable to access jarfile");
    }
  }

  @Test
  void anUnknownHostIsAUsageErrorBeforeAnyJob(QuarkusMainLauncher launcher) {
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> new FakeKubelet.Outcome(healthy(n), 0), 10)) {
      LaunchResult run = launcher.launch("run", "--hosts=" + prefix + "gpu-a,nope", "-n", ns);
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.getErrorOutput()).contains("no node named nope");
      assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();
      assertThat(kubelet.created).isEmpty();
    }
  }
}
