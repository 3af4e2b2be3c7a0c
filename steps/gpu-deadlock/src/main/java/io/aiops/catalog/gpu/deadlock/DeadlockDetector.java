package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.kserve.InferenceServices;
import io.aiops.catalog.gpu.deadlock.Findings.Deadlock;
import io.aiops.catalog.gpu.deadlock.Findings.PendingPod;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides, from evidence only, whether a Pending predictor pod is a GPU rollout deadlock: it asks for a GPU, the
 * scheduler says that GPU is insufficient, it belongs to the newest of two live ReplicaSets, the older one has a
 * Ready pod (holding the GPU), and it has waited longer than --min-pending or the rollout passed its deadline.
 * Every other Pending pod is reported with the reason it is not one.
 */
final class DeadlockDetector {
  private final Duration minPending;
  private final Clock clock;

  DeadlockDetector(Duration minPending, Clock clock) {
    this.minPending = minPending;
    this.clock = clock;
  }

  Findings detect(Snapshot snapshot) {
    List<Deadlock> deadlocks = new ArrayList<>();
    List<PendingPod> others = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    snapshot.pendingPods().stream()
        .sorted(Comparator.comparing(Kube::key))
        .forEach(pod -> {
          String isvc = pod.getMetadata().getLabels().get(InferenceServices.ISVC_LABEL);
          Verdict v = judge(snapshot, pod, isvc);
          if (v.deadlock() == null) {
            others.add(new PendingPod(pod.getMetadata().getNamespace(), isvc, pod.getMetadata().getName(), v.why()));
          } else if (seen.add(v.deadlock().key())) {
            deadlocks.add(v.deadlock());
          }
        });
    return new Findings(deadlocks, others);
  }

  /** The Ready pod of an older ReplicaSet that holds the GPU (the first by name), and that ReplicaSet. */
  private record Holder(String pod, ReplicaSet replicaSet) {}

  private record Verdict(Deadlock deadlock, String why) {
    static Verdict not(String why) {
      return new Verdict(null, why);
    }
  }

  private Verdict judge(Snapshot snapshot, Pod pod, String isvc) {
    Optional<PodCondition> scheduled = Kube.condition(pod, "PodScheduled");
    boolean unschedulable = scheduled.filter(c -> "False".equals(c.getStatus()))
        .filter(c -> "Unschedulable".equals(c.getReason())).isPresent();
    if (!unschedulable) {
      return Verdict.not(startingReason(pod, scheduled));
    }
    String message = Optional.ofNullable(scheduled.get().getMessage()).orElse("");
    Set<String> gpus = GpuResources.requested(pod);
    if (gpus.isEmpty()) {
      return Verdict.not("unschedulable, and it asks for no GPU: " + message);
    }
    Optional<String> gpu = gpus.stream().filter(message::contains).findFirst();
    if (gpu.isEmpty()) {
      return Verdict.not("unschedulable for something other than its GPU (" + String.join(", ", gpus) + "): "
          + message);
    }
    ReplicaSet mine = snapshot.replicaSetOf(pod).orElse(null);
    Deployment deployment = mine == null ? null : snapshot.deploymentOf(mine).orElse(null);
    if (deployment == null) {
      return Verdict.not("waits for " + gpu.get() + " but is not owned by a predictor Deployment's ReplicaSet");
    }
    List<ReplicaSet> live = snapshot.activeReplicaSets(deployment).stream()
        .sorted(Comparator.comparingLong(Kube::revision).reversed()).toList();
    if (live.size() < 2) {
      return Verdict.not("waits for " + gpu.get() + ", but no older ReplicaSet of " + deployment.getMetadata().getName()
          + " holds one: the cluster is short of GPUs, not deadlocked");
    }
    ReplicaSet newest = live.get(0);
    if (!newest.getMetadata().getName().equals(mine.getMetadata().getName())) {
      return Verdict.not("waits for " + gpu.get() + " but belongs to the older ReplicaSet "
          + mine.getMetadata().getName() + ", not the rollout's new one " + newest.getMetadata().getName());
    }
    Optional<Holder> holder = live.stream().skip(1)
        .flatMap(rs -> snapshot.firstReadyPodOf(rs).map(name -> new Holder(name, rs)).stream())
        .min(Comparator.comparing(Holder::pod));
    if (holder.isEmpty()) {
      return Verdict.not("waits for " + gpu.get() + ", but no pod of the older ReplicaSets is Ready to hold it");
    }
    Instant since = Optional.ofNullable(scheduled.get().getLastTransitionTime())
        .or(() -> Optional.ofNullable(pod.getMetadata().getCreationTimestamp()))
        .map(Instant::parse).orElse(clock.instant());
    Duration pendingFor = Duration.between(since, clock.instant());
    boolean pastDeadline = Kube.progressDeadlineExceeded(deployment);
    if (pendingFor.compareTo(minPending) < 0 && !pastDeadline) {
      return Verdict.not("waits for " + gpu.get() + " held by " + holder.get().pod() + " for "
          + Report.human(pendingFor) + ", under --min-pending " + Report.human(minPending)
          + ": not yet called a deadlock");
    }
    ReplicaSet old = holder.get().replicaSet();
    String hash = Optional.ofNullable(newest.getMetadata().getLabels()).map(l -> l.get(Kube.TEMPLATE_HASH))
        .orElse(pod.getMetadata().getLabels().get(Kube.TEMPLATE_HASH));
    return new Verdict(new Deadlock(pod.getMetadata().getNamespace(), isvc, deployment.getMetadata().getName(),
        holder.get().pod(), pod.getMetadata().getName(), old.getMetadata().getName(),
        newest.getMetadata().getName(), hash, gpu.get(), message, since, pendingFor, pastDeadline,
        TemplateDiff.likelyCause(old.getSpec().getTemplate(), newest.getSpec().getTemplate())), null);
  }

  /** Why a pod that the scheduler did not refuse for a GPU is still Pending: pulling, creating, or other resources. */
  private static String startingReason(Pod pod, Optional<PodCondition> scheduled) {
    if (scheduled.isPresent() && "False".equals(scheduled.get().getStatus())) {
      return "not scheduled (" + scheduled.get().getReason() + "): " + scheduled.get().getMessage();
    }
    var status = pod.getStatus();
    Optional<String> waiting = Stream.concat(
            Optional.ofNullable(status.getInitContainerStatuses()).stream().flatMap(List::stream),
            Optional.ofNullable(status.getContainerStatuses()).stream().flatMap(List::stream))
        .map(ContainerStatus::getState)
        .filter(s -> s != null && s.getWaiting() != null)
        .map(s -> s.getWaiting().getReason()
            + (s.getWaiting().getMessage() == null ? "" : ": " + s.getWaiting().getMessage()))
        .findFirst();
    return waiting.map(w -> "scheduled, container waiting: " + w)
        .orElse(scheduled.isPresent() ? "scheduled, starting" : "not yet considered by the scheduler");
  }
}
