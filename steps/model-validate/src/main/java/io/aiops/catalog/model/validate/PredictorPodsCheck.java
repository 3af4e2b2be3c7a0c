package io.aiops.catalog.model.validate;

import io.aiops.catalog.kserve.InferenceService;
import io.aiops.catalog.step.check.Finding;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The predictor pods: Ready by their condition (a pod in phase Running can still be failing its readiness
 * probe), restarts, and containers last killed for memory.
 */
final class PredictorPodsCheck {
  private final KubernetesClient client;

  PredictorPodsCheck(KubernetesClient client) {
    this.client = client;
  }

  List<Finding> check(InferenceService isvc) {
    Map<String, String> selector = isvc.predictorPodSelector();
    List<Pod> pods = new ArrayList<>(client.pods().inNamespace(isvc.namespace()).withLabels(selector).list()
        .getItems());
    pods.sort(Comparator.comparing(p -> p.getMetadata().getName()));
    List<Finding> checks = new ArrayList<>();
    if (pods.isEmpty()) {
      checks.add(isvc.mayScaleToZero()
          ? Finding.warn("pods", "no predictor pod (minReplicas 0: scaled to zero); selector %s", selector)
          : Finding.fail("pods", "no predictor pod matches %s in %s", selector, isvc.namespace()));
      return checks;
    }
    for (Pod pod : pods) {
      checks.add(checkPod(pod));
    }
    return checks;
  }

  private static Finding checkPod(Pod pod) {
    String name = "pod/" + pod.getMetadata().getName();
    List<ContainerStatus> containers = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? List.of() : pod.getStatus().getContainerStatuses();
    int restarts = containers.stream().mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
    List<String> notes = new ArrayList<>();
    boolean broken = false;
    for (ContainerStatus c : containers) {
      if (c.getLastState() != null && c.getLastState().getTerminated() != null
          && "OOMKilled".equals(c.getLastState().getTerminated().getReason())) {
        notes.add(c.getName() + " last OOMKilled (raise its memory limit)");
      }
      if (c.getState() != null && c.getState().getWaiting() != null) {
        String reason = c.getState().getWaiting().getReason();
        notes.add(c.getName() + " waiting: " + reason);
        broken |= "CrashLoopBackOff".equals(reason) || "ImagePullBackOff".equals(reason)
            || "ErrImagePull".equals(reason) || "CreateContainerConfigError".equals(reason);
      }
    }
    String phase = pod.getStatus() == null ? "unknown" : pod.getStatus().getPhase();
    String detail = String.format("phase %s, %d restart(s)%s", phase, restarts,
        notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    if (!ready(pod) || broken) {
      return Finding.fail(name, "not Ready: %s", detail);
    }
    return restarts > 0 || !notes.isEmpty() ? Finding.warn(name, "Ready, but %s", detail)
        : Finding.pass(name, "Ready, %s", detail);
  }

  static boolean ready(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    for (PodCondition c : pod.getStatus().getConditions()) {
      if ("Ready".equals(c.getType())) {
        return "True".equals(c.getStatus());
      }
    }
    return false;
  }
}
