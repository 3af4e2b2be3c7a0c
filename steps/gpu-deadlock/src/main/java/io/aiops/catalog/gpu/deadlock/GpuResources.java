package io.aiops.catalog.gpu.deadlock;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which GPU resources a pod asks for: nvidia.com/gpu, nvidia.com/mig-*, amd.com/gpu (a limit counts as a request). */
final class GpuResources {
  private GpuResources() {}

  static boolean isGpu(String resource) {
    return resource.equals("nvidia.com/gpu") || resource.startsWith("nvidia.com/mig-")
        || resource.equals("amd.com/gpu");
  }

  static Set<String> requested(Pod pod) {
    Set<String> gpus = new TreeSet<>();
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return gpus;
    }
    for (Container c : pod.getSpec().getContainers()) {
      if (c.getResources() != null) {
        addGpus(c.getResources().getRequests(), gpus);
        addGpus(c.getResources().getLimits(), gpus);
      }
    }
    return gpus;
  }

  private static void addGpus(Map<String, Quantity> amounts, Set<String> gpus) {
    if (amounts == null) {
      return;
    }
    amounts.forEach((resource, quantity) -> {
      if (isGpu(resource) && quantity != null && quantity.getNumericalAmount().signum() > 0) {
        gpus.add(resource);
      }
    });
  }
}
