package io.aiops.catalog.gpu.deadlock;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Optional;

/** Small readings of pod, ReplicaSet and Deployment state that detection and fixing share. */
final class Kube {
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String TEMPLATE_HASH = "pod-template-hash";

  private Kube() {}

  static String key(HasMetadata object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  static Optional<String> owner(HasMetadata object, String kind) {
    if (object.getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    return object.getMetadata().getOwnerReferences().stream()
        .filter(ref -> kind.equals(ref.getKind())).map(ref -> ref.getName()).findFirst();
  }

  static Optional<PodCondition> condition(Pod pod, String type) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static boolean isReady(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  static boolean isPending(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
        && "Pending".equals(pod.getStatus().getPhase());
  }

  static int replicas(ReplicaSet rs) {
    return rs.getSpec() == null || rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
  }

  static long revision(ReplicaSet rs) {
    var annotations = rs.getMetadata().getAnnotations();
    try {
      return annotations == null ? 0 : Long.parseLong(annotations.getOrDefault(REVISION, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static boolean progressDeadlineExceeded(Deployment deployment) {
    if (deployment == null || deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
      return false;
    }
    for (DeploymentCondition c : deployment.getStatus().getConditions()) {
      if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
        return true;
      }
    }
    return false;
  }

  static String strategyType(Deployment deployment) {
    return deployment.getSpec() == null || deployment.getSpec().getStrategy() == null
        || deployment.getSpec().getStrategy().getType() == null
        ? "RollingUpdate" : deployment.getSpec().getStrategy().getType();
  }
}
