package io.aiops.catalog.gpu.deadlock;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The predictor pods, ReplicaSets and Deployments read in one scan, indexed by namespace/name. */
final class Snapshot {
  private final List<Pod> pods;
  private final Map<String, ReplicaSet> replicaSets = new HashMap<>();
  private final Map<String, Deployment> deployments = new HashMap<>();

  Snapshot(List<Pod> pods, List<ReplicaSet> replicaSets, List<Deployment> deployments) {
    this.pods = pods;
    replicaSets.forEach(rs -> this.replicaSets.put(Kube.key(rs), rs));
    deployments.forEach(d -> this.deployments.put(Kube.key(d), d));
  }

  List<Pod> pods() {
    return pods;
  }

  Optional<ReplicaSet> replicaSetOf(Pod pod) {
    return Kube.owner(pod, "ReplicaSet")
        .map(name -> replicaSets.get(Kube.key(pod.getMetadata().getNamespace(), name)));
  }

  Optional<Deployment> deploymentOf(ReplicaSet rs) {
    return Kube.owner(rs, "Deployment")
        .map(name -> deployments.get(Kube.key(rs.getMetadata().getNamespace(), name)));
  }

  /** The ReplicaSets owned by a Deployment that still want pods. */
  List<ReplicaSet> activeReplicaSets(Deployment deployment) {
    return replicaSets.values().stream()
        .filter(rs -> rs.getMetadata().getNamespace().equals(deployment.getMetadata().getNamespace()))
        .filter(rs -> Kube.owner(rs, "Deployment").filter(deployment.getMetadata().getName()::equals).isPresent())
        .filter(rs -> Kube.replicas(rs) > 0)
        .toList();
  }

  List<Pod> podsOf(ReplicaSet rs) {
    return pods.stream()
        .filter(p -> p.getMetadata().getNamespace().equals(rs.getMetadata().getNamespace()))
        .filter(p -> Kube.owner(p, "ReplicaSet").filter(rs.getMetadata().getName()::equals).isPresent())
        .toList();
  }
}
