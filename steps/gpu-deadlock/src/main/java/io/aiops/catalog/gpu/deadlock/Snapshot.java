package io.aiops.catalog.gpu.deadlock;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one scan keeps of the predictor pods, ReplicaSets and Deployments it read, page by page, indexed by
 * namespace/name: every Pending pod whole, but of the other pods only each ReplicaSet's first Ready pod (by name,
 * the one a deadlock names as the GPU's holder), and only the ReplicaSets and Deployments of namespaces with a
 * Pending pod. A cluster of 100,000 predictor pods never has to fit in the heap at once.
 */
final class Snapshot {
  private final List<Pod> pending = new ArrayList<>();
  private final Set<String> pendingNamespaces = new TreeSet<>();
  private final Map<String, String> firstReadyPod = new HashMap<>();
  private final Map<String, ReplicaSet> replicaSets = new HashMap<>();
  private final Map<String, Deployment> deployments = new HashMap<>();

  /** Takes what detection needs from one pod as it is read; the pod itself can then go. */
  void addPod(Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    if (Kube.isPending(pod)) {
      pending.add(pod);
      pendingNamespaces.add(namespace);
    }
    if (Kube.isReady(pod)) {
      Kube.owner(pod, "ReplicaSet").ifPresent(rs -> firstReadyPod.merge(Kube.key(namespace, rs),
          pod.getMetadata().getName(), (a, b) -> a.compareTo(b) <= 0 ? a : b));
    }
  }

  /** Keeps a ReplicaSet of a namespace with a Pending pod (the only ones detection looks up). */
  void addReplicaSet(ReplicaSet rs) {
    if (pendingNamespaces.contains(rs.getMetadata().getNamespace())) {
      replicaSets.put(Kube.key(rs), rs);
    }
  }

  /** Keeps a Deployment of a namespace with a Pending pod. */
  void addDeployment(Deployment d) {
    if (pendingNamespaces.contains(d.getMetadata().getNamespace())) {
      deployments.put(Kube.key(d), d);
    }
  }

  /** The namespaces holding a Pending predictor pod, sorted. */
  Set<String> pendingNamespaces() {
    return pendingNamespaces;
  }

  List<Pod> pendingPods() {
    return pending;
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

  /** The name of the first (by name) Ready pod the ReplicaSet owns, if any. */
  Optional<String> firstReadyPodOf(ReplicaSet rs) {
    return Optional.ofNullable(firstReadyPod.get(Kube.key(rs)));
  }
}
