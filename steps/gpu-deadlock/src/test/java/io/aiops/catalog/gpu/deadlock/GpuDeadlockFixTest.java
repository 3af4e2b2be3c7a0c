package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.kserve.InferenceServices;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.step.kube.testing.ApiRequestRecorder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fix mode. Given the seed's deadlock on the mock API server, and the cluster's controllers played on another thread,
 * when gpu-deadlock --fix runs, then the server holds the patched InferenceService (or lost exactly the old pod),
 * the new pod is Ready, and each action is an Event on the InferenceService.
 */
@QuarkusMainTest
@EnableKubernetesMockClient(crud = true)
class GpuDeadlockFixTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  KubernetesMockServer server;
  @RegisterExtension final ApiRequestRecorder apiRequests =
      ApiRequestRecorder.record("gpu-deadlock", "fix");
  KubernetesClient client;
  String ns;
  @TempDir Path results;
  @TempDir Path artifacts;

  @BeforeEach
  void freshNamespace() {
    MockApiServer.pointStepAt(client);
    ns = "fix-" + NAMESPACES.incrementAndGet();
  }

  @Test
  void strategyPatchOnTheInferenceServiceUnsticksTheRollout(QuarkusMainLauncher launcher) throws Exception {
    KServeRollout llm = KServeRollout.stuck(ns, "llm").createIn(client);
    CompletableFuture<Void> cluster = new ClusterControllers(client, llm).kserveAppliesTheStrategy();

    LaunchResult run = launcher.launch("-n", ns, "--fix", "--timeout", "30s", "--results-dir", results.toString(),
        "--artifacts-dir", artifacts.toString());

    cluster.get(10, TimeUnit.SECONDS);
    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    var isvc = client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(ns).withName("llm").get();
    assertThat(ClusterControllers.strategyType(isvc)).isEqualTo("Recreate");
    assertThat(run.getOutput()).contains("DEADLOCK: llm")
        .contains("inferenceservice.serving.kserve.io/llm patched (deploymentStrategy Recreate)")
        .contains("pod/" + llm.newPod + " condition met").contains("Fixed: " + ns + "/llm")
        .doesNotContain("deleted");
    assertThat(reasons()).containsExactly("PatchDeploymentStrategy", "Fixed");
    assertThat(results.resolve("fixed-count")).hasContent("1");
    assertThat(artifacts.resolve("001__gpu-deadlock__main/findings.json")).content()
        .contains("\"action\" : \"PatchDeploymentStrategy\"").contains("\"action\" : \"Fixed\"");
  }

  @Test
  void rollingUpdateStrategyIsPatchedWithoutSurge(QuarkusMainLauncher launcher) throws Exception {
    KServeRollout llm = KServeRollout.stuck(ns, "llm").createIn(client);
    CompletableFuture<Void> cluster = new ClusterControllers(client, llm).kserveAppliesTheStrategy();

    LaunchResult run = launcher.launch("-n", ns, "--fix", "--strategy", "RollingUpdate", "--timeout", "30s");

    cluster.get(10, TimeUnit.SECONDS);
    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    var isvc = client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(ns).withName("llm").get();
    assertThat(isvc.get("spec", "predictor", "deploymentStrategy", "rollingUpdate").toString())
        .contains("maxSurge=0").contains("maxUnavailable=1");
    assertThat(run.getOutput()).contains("Fixed: " + ns + "/llm").doesNotContain("deleted");
    assertThat(client.apps().deployments().inNamespace(ns).withName(llm.deployment).get().getSpec().getStrategy()
        .getRollingUpdate().getMaxSurge().getIntVal()).isZero();
  }

  @Test
  void whenTheDeploymentIgnoresThePatchOnlyTheOldReadyPodIsDeleted(QuarkusMainLauncher launcher) throws Exception {
    KServeRollout llm = KServeRollout.stuck(ns, "llm").createIn(client);
    KServeRollout granite = KServeRollout.settled(ns, "granite").createIn(client);
    CompletableFuture<Void> cluster = new ClusterControllers(client, llm).newPodTurnsReadyOnceTheOldPodIsDeleted();

    LaunchResult run = launcher.launch("-n", ns, "--fix", "--verify-timeout", "1s", "--timeout", "30s");

    cluster.get(10, TimeUnit.SECONDS);
    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getErrorOutput()).contains("kept its surging strategy");
    assertThat(run.getOutput()).contains("pod \"" + llm.oldPod + "\" deleted")
        .contains("pod/" + llm.newPod + " condition met");
    assertThat(podNames()).containsExactlyInAnyOrder(llm.newPod, granite.oldPod);
    assertThat(reasons()).containsExactly("PatchDeploymentStrategy", "DeleteOldPod", "Fixed");
  }

  @Test
  void aNewPodThatNeverBecomesReadyIsExit3AndNothingMoreIsDeleted(QuarkusMainLauncher launcher) {
    KServeRollout llm = KServeRollout.stuck(ns, "llm").createIn(client);
    KServeRollout.settled(ns, "granite").createIn(client);

    LaunchResult run = launcher.launch("-n", ns, "--fix", "--verify-timeout", "1s", "--timeout", "2s",
        "--results-dir", results.toString());

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("fixed 0 of 1 GPU deadlock(s): no pod of ReplicaSet "
        + llm.newReplicaSet() + " became Ready within 2s after gpu-deadlock deleted pod " + llm.oldPod
        + "; no further pods were deleted").doesNotContain("Exception");
    assertThat(podNames()).containsExactlyInAnyOrder(llm.newPod, "granite-predictor-765c89b8b9-8lstm");
    assertThat(reasons()).containsExactly("PatchDeploymentStrategy", "DeleteOldPod", "FixTimedOut");
    assertThat(results.resolve("fixed-count")).hasContent("0");
  }

  @Test
  void anOldReplicaSetThatTakesTheGpuBackIsReportedAndNothingMoreIsDeleted(QuarkusMainLauncher launcher)
      throws Exception {
    KServeRollout llm = KServeRollout.stuck(ns, "llm").createIn(client);
    String replacement = llm.oldReplicaSet() + "-x9z2q";
    CompletableFuture<Void> cluster = new ClusterControllers(client, llm).oldReplicaSetTakesTheGpuBack(replacement);

    LaunchResult run = launcher.launch("-n", ns, "--fix", "--verify-timeout", "1s", "--timeout", "5s");

    cluster.get(10, TimeUnit.SECONDS);
    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("the old ReplicaSet " + llm.oldReplicaSet() + " took the GPU back: pod "
        + replacement + " is Ready and " + llm.newPod + " still waits for nvidia.com/gpu")
        .contains("no further pods were deleted");
    assertThat(podNames()).containsExactlyInAnyOrder(replacement, llm.newPod);
    assertThat(reasons()).containsExactly("PatchDeploymentStrategy", "DeleteOldPod", "FixTimedOut");
  }

  @Test
  void dryRunPrintsThePlanAndChangesNothing(QuarkusMainLauncher launcher) {
    KServeRollout llm = KServeRollout.stuck(ns, "llm").createIn(client);

    LaunchResult run = launcher.launch("-n", ns, "--mode=fix", "--dry-run=true");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getOutput()).contains("DRY RUN: would patch inferenceservice " + ns + "/llm spec.predictor."
        + "deploymentStrategy to Recreate").contains("DRY RUN: if it does not, would delete pod " + llm.oldPod);
    assertThat(podNames()).containsExactlyInAnyOrder(llm.oldPod, llm.newPod);
    assertThat(ClusterControllers.strategyType(client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(ns)
        .withName("llm").get())).isNull();
    assertThat(reasons()).isEmpty();
  }

  @Test
  void fixLeavesAnImagePullingRolloutAlone(QuarkusMainLauncher launcher) {
    KServeRollout llm = KServeRollout.stuck(ns, "llm").newPod(PodStates.pullingImage()).createIn(client);

    LaunchResult run = launcher.launch("-n", ns, "--fix", "--verify-timeout", "1s", "--timeout", "2s");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getOutput()).contains("ImagePullBackOff").doesNotContain("DEADLOCK");
    assertThat(podNames()).containsExactlyInAnyOrder(llm.oldPod, llm.newPod);
    assertThat(reasons()).isEmpty();
  }

  private List<String> podNames() {
    return client.pods().inNamespace(ns).list().getItems().stream().map(p -> p.getMetadata().getName()).toList();
  }

  private List<String> reasons() {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "InferenceService".equals(e.getInvolvedObject().getKind()))
        .sorted(java.util.Comparator.comparing(Event::getFirstTimestamp)
            .thenComparing(e -> e.getMetadata().getCreationTimestamp()))
        .map(Event::getReason).toList();
  }
}
