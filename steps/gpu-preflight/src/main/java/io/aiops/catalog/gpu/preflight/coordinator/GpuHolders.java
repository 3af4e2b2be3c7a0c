package io.aiops.catalog.gpu.preflight.coordinator;

import io.aiops.catalog.gpu.preflight.report.NodeReport;
import io.aiops.catalog.step.check.Finding;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether other pods hold a node's GPUs, asked before its check Job is created, so no Job waits for GPUs a training
 * holds: the node's non-terminated pods (one list, {@code fieldSelector=spec.nodeName=<node>}, as {@code kubectl
 * describe node} does) and the GPUs they request, against the node's allocatable GPUs. A pod's request is the
 * scheduler's: the sum of its containers', or its largest init container's when that is more.
 */
public final class GpuHolders {
  static final int NAMED = 5;
  private final KubernetesClient client;
  private final String resource;

  public GpuHolders(KubernetesClient client, String resource) {
    this.client = client;
    this.resource = resource;
  }

  /** @param needed the GPUs the check Job requests; @return why the node is busy, empty when the Job can start */
  public Optional<String> busy(Node node, int needed) {
    int allocatable = JobFactory.allocatable(node, resource);
    if (needed <= 0 || allocatable <= 0) {
      return Optional.empty(); // a Job that requests no GPU never waits for one
    }
    String name = node.getMetadata().getName();
    int held = 0;
    List<String> holders = new ArrayList<>();
    for (Pod pod : client.pods().inAnyNamespace().withField("spec.nodeName", name).list().getItems()) {
      // the field selector is the API server's; a server that ignores it must not make us count other nodes' pods
      if (pod.getSpec() == null || !name.equals(pod.getSpec().getNodeName()) || terminated(pod)) {
        continue;
      }
      int gpus = requested(pod);
      if (gpus > 0) {
        held += gpus;
        holders.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
      }
    }
    if (held == 0 || allocatable - held >= needed) {
      return Optional.empty(); // no pod holds any: a shortfall is the node's own, not busy (see unschedulable)
    }
    holders.sort(null);
    String who = String.join(", ", holders.subList(0, Math.min(NAMED, holders.size())))
        + (holders.size() > NAMED ? " and " + (holders.size() - NAMED) + " more" : "");
    return Optional.of("busy: " + held + " of " + allocatable + " GPUs held by pod" + (holders.size() == 1 ? " " : "s ")
        + who + "; the check needs " + needed);
  }

  /**
   * The check pod cannot get the node's GPUs (the scheduler said so). Busy when other pods now hold them (one took
   * them after we looked); when none does, the node has fewer GPUs to give than it had (the device plugin took an
   * unhealthy one out of allocatable): not busy but a node that could not be checked, an ERROR.
   *
   * @param node the node as it is now
   */
  public NodeReport unschedulable(Node node, int needed, String scheduler) {
    String name = node.getMetadata().getName();
    Optional<String> busy = busy(node, needed);
    if (busy.isPresent()) {
      return NodeReport.busy(name, busy.get() + " (taken after the check was started; the scheduler: " + scheduler
          + ")");
    }
    return new NodeReport(name, List.of(Finding.error("job", "the check pod cannot get the node's GPUs and no other "
        + "pod holds them: " + JobFactory.allocatable(node, resource) + " allocatable of "
        + JobFactory.capacity(node, resource) + " (a GPU the device plugin took out as unhealthy?); the scheduler: "
        + scheduler)));
  }

  /**
   * The scheduler's message when the pod waits for GPUs other pods hold ("0/1 nodes are available: 1 Insufficient
   * nvidia.com/gpu."), else null: a pod pending for another reason (image pull, a taint) is left to its deadline.
   */
  public static String waitingForGpus(Pod pod, String resource) {
    if (pod.getStatus() == null || !"Pending".equals(pod.getStatus().getPhase())
        || pod.getStatus().getConditions() == null) {
      return null;
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
            && "Unschedulable".equals(c.getReason()) && c.getMessage() != null
            && c.getMessage().contains("Insufficient " + resource))
        .map(c -> c.getMessage().strip()).findFirst().orElse(null);
  }

  private static boolean terminated(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  int requested(Pod pod) {
    int containers = pod.getSpec().getContainers() == null ? 0
        : pod.getSpec().getContainers().stream().mapToInt(this::requested).sum();
    int init = pod.getSpec().getInitContainers() == null ? 0
        : pod.getSpec().getInitContainers().stream().mapToInt(this::requested).max().orElse(0);
    return Math.max(containers, init);
  }

  /** An extended resource's request equals its limit; a container may give only the limit. */
  private int requested(Container c) {
    if (c.getResources() == null) {
      return 0;
    }
    Quantity q = c.getResources().getRequests() == null ? null : c.getResources().getRequests().get(resource);
    if (q == null && c.getResources().getLimits() != null) {
      q = c.getResources().getLimits().get(resource);
    }
    return q == null ? 0 : q.getNumericalAmount().intValue();
  }
}
