package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.kserve.InferenceServices;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiops.catalog.step.kube.testing.ApiRequestRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check mode. Given predictor Deployments, ReplicaSets and pods on the mock API server, when gpu-deadlock checks,
 * then it reports exactly the GPU rollout deadlocks, and every other Pending pod with its reason, and changes nothing.
 */
@QuarkusMainTest
@EnableKubernetesMockClient(crud = true)
class GpuDeadlockCheckTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final ObjectMapper JSON = new ObjectMapper();

  KubernetesMockServer server;
  @RegisterExtension final ApiRequestRecorder apiRequests =
      ApiRequestRecorder.record("gpu-deadlock", "check");
  KubernetesClient client;
  String ns;
  @TempDir Path results;

  @BeforeEach
  void freshNamespace() {
    MockApiServer.pointStepAt(client);
    ns = "check-" + NAMESPACES.incrementAndGet();
  }

  @Test
  void seedsDeadlockIsReportedInTheSeedsShapeWithItsLikelyCause(QuarkusMainLauncher launcher) throws IOException {
    KServeRollout llm = KServeRollout.stuck(ns, "llm").createIn(client);

    LaunchResult run = launcher.launch("--namespace", ns, "--results-dir", results.toString());

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getOutput()).contains("DEADLOCK: llm\n  Running: " + llm.oldPod + "\n  Pending: " + llm.newPod)
        .contains("Namespace: " + ns).contains("Insufficient nvidia.com/gpu")
        .contains("Likely cause: payload logging added to the InferenceService (TrustyAI): container agent added")
        .contains("To fix: gpu-deadlock --namespace " + ns + " --fix");
    assertThat(results.resolve("deadlock-count")).hasContent("1");
    assertThat(results.resolve("deadlocks")).hasContent(ns + "/llm");
    assertThat(results.resolve("fixed-count")).hasContent("0");
    assertThat(client.pods().inNamespace(ns).withName(llm.oldPod).get()).isNotNull();
    assertThat(ClusterControllers.strategyType(client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(ns)
        .withName("llm").get())).isNull();
  }

  @Test
  void jsonOutputCarriesTheEvidence(QuarkusMainLauncher launcher) throws IOException {
    KServeRollout llm = KServeRollout.stuck(ns, "llm").gpu("nvidia.com/mig-3g.40gb").createIn(client);
    client.pods().inNamespace(ns).withName(llm.newPod).editStatus(p -> {
      p.setStatus(PodStates.unschedulable(600, "0/2 nodes are available: 2 Insufficient nvidia.com/mig-3g.40gb."));
      return p;
    });

    LaunchResult run = launcher.launch("-n", ns, "--output", "json");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    JsonNode deadlock = JSON.readTree(run.getOutput()).get("deadlocks").get(0);
    assertThat(deadlock.get("inferenceService").asText()).isEqualTo("llm");
    assertThat(deadlock.get("running").asText()).isEqualTo(llm.oldPod);
    assertThat(deadlock.get("pending").asText()).isEqualTo(llm.newPod);
    assertThat(deadlock.get("gpuResource").asText()).isEqualTo("nvidia.com/mig-3g.40gb");
    assertThat(deadlock.get("oldReplicaSet").asText()).isEqualTo(llm.oldReplicaSet());
    assertThat(deadlock.get("newReplicaSet").asText()).isEqualTo(llm.newReplicaSet());
  }

  @Test
  void imagePullingNewPodIsAPendingNotADeadlock(QuarkusMainLauncher launcher) {
    KServeRollout.stuck(ns, "llm").newPod(PodStates.pullingImage()).createIn(client);

    LaunchResult run = launcher.launch("-n", ns);

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getOutput()).doesNotContain("DEADLOCK")
        .contains("PENDING, not a GPU deadlock: llm-predictor-fb6f8f687-5478c (" + ns + ", llm): scheduled, "
            + "container waiting: ImagePullBackOff: Back-off pulling image")
        .contains("No GPU deadlock in namespace " + ns);
  }

  @Test
  void cpuStarvedPodIsNotCalledAGpuDeadlock(QuarkusMainLauncher launcher) {
    KServeRollout.stuck(ns, "llm").newPod(PodStates.cpuUnschedulable(900)).createIn(client);

    LaunchResult run = launcher.launch("-n", ns);

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getOutput()).doesNotContain("DEADLOCK")
        .contains("unschedulable for something other than its GPU (nvidia.com/gpu): 0/3 nodes are available: "
            + "3 Insufficient cpu");
  }

  @Test
  void containerCreatingAndAFreshGpuWaitAreAHealthyRolloutStarting(QuarkusMainLauncher launcher) {
    KServeRollout.stuck(ns, "llm").newPod(PodStates.containerCreating()).createIn(client);
    KServeRollout.stuck(ns, "granite").newPod(PodStates.gpuUnschedulable(30)).createIn(client);

    LaunchResult run = launcher.launch("-n", ns, "--min-pending", "2m");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getOutput()).doesNotContain("DEADLOCK")
        .contains("(" + ns + ", llm): scheduled, container waiting: ContainerCreating")
        .containsPattern("\\(" + ns + ", granite\\): waits for nvidia.com/gpu held by "
            + "granite-predictor-765c89b8b9-8lstm for \\d+s, under --min-pending 2m");
  }

  @Test
  void progressDeadlineExceededCountsBeforeMinPending(QuarkusMainLauncher launcher) {
    KServeRollout.stuck(ns, "llm").newPod(PodStates.gpuUnschedulable(30)).progressDeadlineExceeded().createIn(client);

    LaunchResult run = launcher.launch("-n", ns, "--min-pending", "10m");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getOutput()).contains("DEADLOCK: llm").contains("ProgressDeadlineExceeded");
  }

  @Test
  void ofTwoInferenceServicesInANamespaceOnlyTheDeadlockedOneIsReported(QuarkusMainLauncher launcher) {
    KServeRollout.stuck(ns, "llm").createIn(client);
    KServeRollout.settled(ns, "granite").createIn(client);

    LaunchResult run = launcher.launch("-n", ns, "--results-dir", results.toString());

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getOutput()).contains("DEADLOCK: llm").doesNotContain("granite");
    assertThat(results.resolve("deadlocks")).hasContent(ns + "/llm");
  }

  @Test
  @Tag("mode:check-all-namespaces")
  void allNamespacesFindsTheDeadlockInAnyNamespaceWithOneClusterWideListPerKind(QuarkusMainLauncher launcher) {
    KServeRollout.stuck(ns, "llm").createIn(client);
    KServeRollout.settled(ns + "-other", "granite").createIn(client);

    LaunchResult run = launcher.launch("--all-namespaces", "--results-dir", results.toString());

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(results.resolve("deadlocks")).content().contains(ns + "/llm").doesNotContain("granite");
  }

  @Test
  void aSelectorNarrowsTheScanToTheLabelledInferenceServices(QuarkusMainLauncher launcher) {
    KServeRollout.stuck(ns, "llm").label("team", "nlp").createIn(client);
    KServeRollout.stuck(ns, "granite").label("team", "search").createIn(client);

    LaunchResult run = launcher.launch("-n", ns, "--selector", "team=nlp", "--results-dir", results.toString());

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getOutput()).contains("DEADLOCK: llm").doesNotContain("granite");
    assertThat(results.resolve("deadlock-count")).hasContent("1");
  }

  @Test
  void aGpuShortClusterWithoutAnOldPodIsNotADeadlock(QuarkusMainLauncher launcher) {
    KServeRollout llm = KServeRollout.stuck(ns, "llm").createIn(client);
    client.apps().replicaSets().inNamespace(ns).withName(llm.oldReplicaSet()).scale(0);
    client.pods().inNamespace(ns).withName(llm.oldPod).delete();

    LaunchResult run = launcher.launch("-n", ns);

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getOutput())
        .contains("no older ReplicaSet of llm-predictor holds one: the cluster is short of GPUs");
  }

  @Test
  void aNamespaceTheServiceAccountCannotReadIsExit4NamingIt(QuarkusMainLauncher launcher) {
    MockApiServer.forbidPods(server, "locked");
    KServeRollout.stuck(ns, "llm").createIn(client);

    LaunchResult run = launcher.launch("-n", ns + ",locked");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(4);
    assertThat(run.getErrorOutput()).contains("cannot list pods in namespace locked: forbidden")
        .doesNotContain("Exception");
  }

  @Test
  void namespaceAndAllNamespacesTogetherIsAUsageError(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("-n", ns, "--all-namespaces");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("not both");
  }

  @Test
  void emptyTektonParamsMeanTheCurrentNamespace(QuarkusMainLauncher launcher) {
    KServeRollout.stuck("test", "llm-default").createIn(client);

    LaunchResult run = launcher.launch("--namespace=", "--all-namespaces=false", "--selector=", "--dry-run=false");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getOutput()).contains("DEADLOCK: llm-default");
  }

  @Test
  void twoModesAtOnceIsAUsageErrorBeforeAnyApiCall(QuarkusMainLauncher launcher) {
    int before = server.getRequestCount();

    LaunchResult run = launcher.launch("-n", ns, "--mode=check", "--fix");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("choose one mode");
    assertThat(server.getRequestCount()).isEqualTo(before);
  }

  @Test
  void helpListsTheOptionsAndExitCodes(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.getOutput()).contains("--min-pending").contains("--strategy").contains("--dry-run")
        .contains("Exit codes:").contains("3   check failed");
  }
}
