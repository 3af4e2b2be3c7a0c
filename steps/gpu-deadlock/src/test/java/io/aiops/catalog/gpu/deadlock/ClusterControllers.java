package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.kserve.InferenceServices;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What KServe, the Deployment controller, the scheduler and the kubelet do in answer to the step, played on another
 * thread against the mock API server while the step runs. Each reaction waits (by watch) for the step's action.
 */
final class ClusterControllers {
  private final KubernetesClient client;
  private final KServeRollout rollout;

  ClusterControllers(KubernetesClient client, KServeRollout rollout) {
    this.client = client;
    this.rollout = rollout;
  }

  /**
   * KServe copies the ISVC's deploymentStrategy to the Deployment; with Recreate the Deployment controller scales
   * the old ReplicaSet to 0 (its pod goes), the freed GPU schedules the new pod, and it turns Ready.
   */
  CompletableFuture<Void> kserveAppliesTheStrategy() {
    return CompletableFuture.runAsync(() -> {
      GenericKubernetesResource isvc = client.genericKubernetesResources(InferenceServices.CONTEXT)
          .inNamespace(rollout.namespace).withName(rollout.isvc)
          .waitUntilCondition(r -> strategyType(r) != null, 30, TimeUnit.SECONDS);
      client.apps().deployments().inNamespace(rollout.namespace).withName(rollout.deployment)
          .edit(d -> {
            d.getSpec().setStrategy(client.getKubernetesSerialization().convertValue(
                isvc.get("spec", "predictor", "deploymentStrategy"), DeploymentStrategy.class));
            return d;
          });
      client.apps().replicaSets().inNamespace(rollout.namespace).withName(rollout.oldReplicaSet()).scale(0);
      client.pods().inNamespace(rollout.namespace).withName(rollout.oldPod).delete();
      newPodTurnsReady();
    });
  }

  /** The step deleted the old pod: its GPU goes to the new pod, which turns Ready. */
  CompletableFuture<Void> newPodTurnsReadyOnceTheOldPodIsDeleted() {
    return CompletableFuture.runAsync(() -> {
      client.pods().inNamespace(rollout.namespace).withName(rollout.oldPod)
          .waitUntilCondition(Objects::isNull, 30, TimeUnit.SECONDS);
      newPodTurnsReady();
    });
  }

  /**
   * The step deleted the old pod, but the old ReplicaSet (still at 1 replica under maxUnavailable 0) recreates it
   * and the scheduler gives the freed GPU to that pod: the new pod keeps waiting.
   */
  CompletableFuture<Void> oldReplicaSetTakesTheGpuBack(String replacement) {
    return CompletableFuture.runAsync(() -> {
      client.pods().inNamespace(rollout.namespace).withName(rollout.oldPod)
          .waitUntilCondition(Objects::isNull, 30, TimeUnit.SECONDS);
      rollout.recreateOldPod(client, replacement);
    });
  }

  private void newPodTurnsReady() {
    client.pods().inNamespace(rollout.namespace).withName(rollout.newPod).editStatus(p -> {
      p.setStatus(PodStates.ready());
      return p;
    });
  }

  @SuppressWarnings("unchecked")
  static String strategyType(GenericKubernetesResource isvc) {
    if (isvc == null) {
      return null;
    }
    Map<String, Object> spec = (Map<String, Object>) isvc.getAdditionalProperties().get("spec");
    Map<String, Object> predictor = spec == null ? null : (Map<String, Object>) spec.get("predictor");
    Map<String, Object> strategy = predictor == null ? null : (Map<String, Object>) predictor.get("deploymentStrategy");
    return strategy == null ? null : (String) strategy.get("type");
  }
}
