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
          .addToCapacity("nvidia.com/gpu", new Quantity("8"))
          .addNewAddress().withType("InternalIP").withAddress("10.0.0." + n.charAt(4)).endAddress().endStatus()
          .build()).create();
    }
  }

  @Test
  void oneLostGpuOfThreeNodesIsNoGoInBatchesOfTwoLabelledAndCleanedUp(QuarkusMainLauncher launcher)
      throws IOException {
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, node -> node.endsWith("gpu-b")
        ? new FakeKubelet.Outcome(lostGpu(node), 3) : new FakeKubelet.Outcome(healthy(node), 0), 150).holdUntil(2)) {
      LaunchResult run = launcher.launch("run", "--selector=run=" + ns.replace("preflight-", "r"), "--batch=2",
          "--ping-peers=1", "-n", ns, "--checks=inventory,remapped,ping", "--toleration=nvidia.com/gpu:NoSchedule",
          "--label-nodes", "--results-dir", results.toString(), "--report-dir", reports.toString());

      assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
      assertThat(results.resolve("verdict")).hasContent("NO-GO");
      assertThat(results.resolve("failed-nodes")).hasContent(prefix + "gpu-b");
      assertThat(results.resolve("nodes-checked")).hasContent("3");
      assertThat(run.getOutput()).contains(prefix + "gpu-b: INVENTORY Failed (EVICT)")
          .contains(prefix + "gpu-a: Ok").contains("Verdict: NO-GO (2 of 3 checked nodes ready)");

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
          "--checks=inventory,remapped,ping", "--peers=10.0.0.b", "--expected-gpus=8"); // --ping-peers=1
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
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> new FakeKubelet.Outcome(healthy(n), 0), 10)
        .holdUntil(2)) {
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

  /** A pod of someone else's on a node, holding GPUs (0: none), in the given phase. */
  void podOn(String node, String namespace, String name, int gpus, String phase) {
    var pod = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(name)
        .withNamespace(namespace).endMetadata().withNewSpec().withNodeName(prefix + node).addNewContainer()
        .withName("main").withImage("trainer:1").withNewResources()
        .addToLimits(gpus > 0 ? Map.of("nvidia.com/gpu", new Quantity(Integer.toString(gpus))) : Map.of())
        .endResources().endContainer().endSpec().withNewStatus().withPhase(phase).endStatus().build();
    client.pods().inNamespace(namespace).resource(pod).create();
  }

  @Test
  void aNodeWhoseGpusATrainingHoldsIsBusyNotFailedAndTheOthersGateGo(QuarkusMainLauncher launcher)
      throws IOException {
    String train = "train-" + ns;
    podOn("gpu-b", train, "trainer-0", 8, "Running");
    podOn("gpu-a", train, "finished-0", 8, "Succeeded"); // done: holds nothing any more
    podOn("gpu-c", train, "exporter-0", 0, "Running"); // on the node, but no GPU
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> new FakeKubelet.Outcome(healthy(n), 0), 10)) {
      LaunchResult run = launcher.launch("run", "--selector=run=" + ns.replace("preflight-", "r"), "-n", ns,
          "--label-nodes", "--results-dir", results.toString(), "--report-dir", reports.toString());

      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(results.resolve("verdict")).hasContent("GO");
      assertThat(results.resolve("busy-nodes")).hasContent(prefix + "gpu-b");
      assertThat(results.resolve("failed-nodes")).hasContent("");
      assertThat(results.resolve("nodes-checked")).hasContent("2");
      assertThat(run.getOutput()).contains(prefix + "gpu-b: Not checked (busy: 8 of 8 GPUs held by pod " + train
          + "/trainer-0; the check needs 8)").contains("Verdict: GO (2 of 2 checked nodes ready; 1 busy, not "
          + "checked: " + prefix + "gpu-b)");
      assertThat(kubelet.created.values()).as("no Job waits for the busy node's GPUs").hasSize(2)
          .noneMatch(j -> j.getSpec().getTemplate().getSpec().getNodeSelector().containsValue(prefix + "gpu-b"));
      assertThat(client.nodes().withName(prefix + "gpu-b").get().getMetadata().getLabels())
          .as("not checked: its labels stay as they were").doesNotContainKey(Coordinator.VERDICT_LABEL);
      JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
      assertThat(summary.get("busyNodes").asText()).isEqualTo(prefix + "gpu-b");
      assertThat(summary.get("nodesChecked").asInt()).isEqualTo(2);
      assertThat(Files.readString(reports.resolve("metrics.prom"))).doesNotContain(prefix + "gpu-b");
    }
  }

  @Test
  void whenEveryNodeIsBusyNoNodeIsCheckedAndTheGateSaysSoWithExit4(QuarkusMainLauncher launcher) {
    String train = "train-" + ns;
    podOn("gpu-a", train, "a-0", 8, "Running");
    podOn("gpu-b", train, "b-0", 8, "Pending"); // bound to the node, starting: its GPUs are taken
    podOn("gpu-c", train, "c-0", 4, "Running");
    podOn("gpu-c", train, "c-1", 1, "Running");
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> new FakeKubelet.Outcome(healthy(n), 0), 10)) {
      LaunchResult run = launcher.launch("run", "--selector=run=" + ns.replace("preflight-", "r"), "-n", ns,
          "--results-dir", results.toString());

      // nothing was examined: a dependency (the GPUs) unavailable, try again later
      assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(4);
      assertThat(results.resolve("verdict")).hasContent("NO-GO");
      assertThat(results.resolve("nodes-checked")).hasContent("0");
      assertThat(results.resolve("failed-nodes")).hasContent("");
      assertThat(results.resolve("busy-nodes")).hasContent(prefix + "gpu-a," + prefix + "gpu-b," + prefix + "gpu-c");
      assertThat(run.getErrorOutput()).contains("NO-GO: no node could be checked: other pods hold the GPUs of all 3");
      assertThat(run.getOutput()).contains("5 of 8 GPUs held by pods " + train + "/c-0, " + train + "/c-1")
          .contains("Verdict: NO-GO (no node could be checked; 3 busy");
      assertThat(kubelet.created).isEmpty();
    }
  }

  @Test
  void aTrainingThatTakesTheGpusAfterTheCheckStartedMakesTheNodeBusyAndItsJobGoes(QuarkusMainLauncher launcher) {
    String train = "train-" + ns;
    // the node looked free; then, as its check Job is created, a training takes its GPUs and the check pod waits
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> {
      if (!n.endsWith("gpu-b")) {
        return new FakeKubelet.Outcome(healthy(n), 0);
      }
      podOn("gpu-b", train, "late-0", 8, "Running");
      return FakeKubelet.Outcome.unschedulable();
    }, 10)) {
      LaunchResult run = launcher.launch("run", "--hosts=" + prefix + "gpu-a," + prefix + "gpu-b", "-n", ns,
          "--results-dir", results.toString(), "--node-timeout=10m");

      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(results.resolve("verdict")).hasContent("GO");
      assertThat(results.resolve("busy-nodes")).hasContent(prefix + "gpu-b");
      assertThat(run.getOutput()).contains(prefix + "gpu-b: Not checked (busy: 8 of 8 GPUs held by pod " + train
          + "/late-0; the check needs 8 (taken after the check was started; the scheduler: 0/3 nodes are "
          + "available: 1 Insufficient nvidia.com/gpu");
      assertThat(kubelet.created).hasSize(2);
      assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();
    }
  }

  @Test
  void aCheckPodWithoutGpusWhenNoPodHoldsThemIsAnErrorNotBusy(QuarkusMainLauncher launcher) {
    // the device plugin took a GPU out as unhealthy after the node was read: allocatable 7, the Job asked for 8
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> {
      client.nodes().withName(n).editStatus(node -> {
        node.getStatus().getAllocatable().put("nvidia.com/gpu", new Quantity("7"));
        return node;
      });
      return FakeKubelet.Outcome.unschedulable();
    }, 10)) {
      LaunchResult run = launcher.launch("run", "--hosts=" + prefix + "gpu-c", "-n", ns,
          "--results-dir", results.toString(), "--node-timeout=10m");

      assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(4);
      assertThat(results.resolve("verdict")).hasContent("NO-GO");
      assertThat(results.resolve("failed-nodes")).hasContent(prefix + "gpu-c");
      assertThat(results.resolve("busy-nodes")).hasContent("");
      assertThat(run.getOutput()).contains("no other pod holds them: 7 allocatable of 8");
      assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();
    }
  }

  @Test
  void theExpectedCountIsTheNodesCapacityOrTheOneGiven(QuarkusMainLauncher launcher) {
    // the device plugin took an unhealthy GPU out of allocatable: the Job holds 7, the check must still expect 8
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(prefix + "gpu-d")
        .addToLabels("kubernetes.io/hostname", prefix + "gpu-d").endMetadata().withNewStatus()
        .addToAllocatable("nvidia.com/gpu", new Quantity("7")).addToCapacity("nvidia.com/gpu", new Quantity("8"))
        .endStatus().build()).create();
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> new FakeKubelet.Outcome(healthy(n), 0), 10)) {
      LaunchResult run = launcher.launch("run", "--hosts=" + prefix + "gpu-d", "-n", ns);
      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      var container = kubelet.created.values().iterator().next().getSpec().getTemplate().getSpec().getContainers()
          .get(0);
      assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("7"));
      assertThat(container.getArgs()).contains("--expected-gpus=8");
    }
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> new FakeKubelet.Outcome(healthy(n), 0), 10)) {
      LaunchResult run = launcher.launch("run", "--hosts=" + prefix + "gpu-d", "-n", ns, "--expected-gpus=2");
      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(kubelet.created.values().iterator().next().getSpec().getTemplate().getSpec().getContainers().get(0)
          .getArgs()).contains("--expected-gpus=2").doesNotContain("--expected-gpus=8");
    }
    LaunchResult twice = launcher.launch("run", "--hosts=" + prefix + "gpu-d", "-n", ns,
        "--check-arg=--expected-gpus=8");
    assertThat(twice.exitCode()).as("run's own option, never a check argument").isEqualTo(2);
    assertThat(twice.getErrorOutput()).contains("'--expected-gpus=8'");
  }

  @Test
  void aPushgatewayThatIsDownIsAWarnAfterTheVerdictUnlessRequired(QuarkusMainLauncher launcher) throws IOException {
    int closed = io.aiops.catalog.step.testing.LocalProcesses.freePort();
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> new FakeKubelet.Outcome(healthy(n), 0), 10)) {
      LaunchResult run = launcher.launch("run", "--hosts=" + prefix + "gpu-a", "-n", ns, "--http-retries=0",
          "--pushgateway-url=http://127.0.0.1:" + closed, "--results-dir", results.toString());
      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(results.resolve("verdict")).hasContent("GO");
      assertThat(run.getErrorOutput().lines().filter(l -> l.contains("metrics not pushed")))
          .singleElement().asString().startsWith("WARN").contains("127.0.0.1:" + closed)
          .contains("--pushgateway-required");
    }
    Path required = Files.createDirectories(results.resolve("required"));
    try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> new FakeKubelet.Outcome(healthy(n), 0), 10)) {
      LaunchResult run = launcher.launch("run", "--hosts=" + prefix + "gpu-a", "-n", ns, "--http-retries=0",
          "--pushgateway-url=http://127.0.0.1:" + closed, "--pushgateway-required", "--results-dir",
          required.toString(), "--report-dir", reports.toString());
      assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(4);
      assertThat(required.resolve("verdict")).as("written before the push").hasContent("GO");
      assertThat(reports.resolve("summary.json")).exists();
      assertThat(run.getErrorOutput()).contains("metrics not pushed and --pushgateway-required");
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
