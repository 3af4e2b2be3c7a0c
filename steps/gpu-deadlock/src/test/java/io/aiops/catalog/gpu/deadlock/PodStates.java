package io.aiops.catalog.gpu.deadlock;

import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;

/**
 * Pod statuses as the scheduler and kubelet write them; the messages are the ones `oc describe pod` shows for
 * each case (scheduler "0/N nodes are available: ..." and kubelet waiting reasons).
 */
final class PodStates {
  private PodStates() {}

  static PodStatus ready() {
    String t = ago(900);
    return new PodStatusBuilder().withPhase("Running")
        .addNewCondition().withType("PodScheduled").withStatus("True").withLastTransitionTime(t).endCondition()
        .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(t).endCondition()
        .build();
  }

  static PodStatus gpuUnschedulable(long secondsAgo) {
    return unschedulable(secondsAgo, "0/3 nodes are available: 1 Insufficient nvidia.com/gpu, 2 node(s) had "
        + "untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/3 nodes are available: 1 No "
        + "preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.");
  }

  static PodStatus cpuUnschedulable(long secondsAgo) {
    return unschedulable(secondsAgo, "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are "
        + "available: 3 No preemption victims found for incoming pod.");
  }

  static PodStatus unschedulable(long secondsAgo, String message) {
    return new PodStatusBuilder().withPhase("Pending")
        .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
        .withMessage(message).withLastTransitionTime(ago(secondsAgo)).endCondition()
        .build();
  }

  static PodStatus pullingImage() {
    return waiting("ImagePullBackOff", "Back-off pulling image \"quay.io/modh/kserve-agent:v0.14\"");
  }

  static PodStatus containerCreating() {
    return waiting("ContainerCreating", null);
  }

  private static PodStatus waiting(String reason, String message) {
    return new PodStatusBuilder().withPhase("Pending")
        .addNewCondition().withType("PodScheduled").withStatus("True").withLastTransitionTime(ago(600)).endCondition()
        .addNewCondition().withType("Ready").withStatus("False").withReason("ContainersNotReady").endCondition()
        .addNewContainerStatus().withName("kserve-container").withReady(false).withNewState().withNewWaiting()
        .withReason(reason).withMessage(message).endWaiting().endState().endContainerStatus()
        .build();
  }

  private static String ago(long seconds) {
    return Instant.now().minusSeconds(seconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
