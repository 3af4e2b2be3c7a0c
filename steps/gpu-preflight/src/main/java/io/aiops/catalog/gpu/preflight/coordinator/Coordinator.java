package io.aiops.catalog.gpu.preflight.coordinator;

import io.aiops.catalog.gpu.preflight.report.NodeReport;
import io.aiops.catalog.gpu.preflight.report.ReportFormats;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Fans the checks out over nodes: one Job per node, at most {@code batch} at once, completions seen through an
 * informer (no polling), each node's verdict read from its pod's termination message. Jobs are deleted at the end
 * whatever happened; their TTL and owner reference clean up after a coordinator that was killed.
 *
 * <p>A node whose GPUs other pods hold is busy: reported as a SKIP, never a failure. It is found before its Job is
 * created ({@link GpuHolders}), or, when a pod took the GPUs in between, by its check pod staying unschedulable for
 * want of GPUs (its Job is then deleted at once, so it never takes the GPUs later).
 */
public final class Coordinator {
  public static final String VERDICT_LABEL = "gpu-preflight.aiops.io/verdict";
  public static final String EVICT_LABEL = "gpu-preflight.aiops.io/evict";

  private final KubernetesClient client;
  private final JobFactory jobs;
  private final JobFactory.Spec spec;
  private final StepLog log;
  private static final String BY_JOB = "job-name";
  /** This run's pods as the informer sees them: gathering a result costs no API call when the pod is cached. */
  private SharedIndexInformer<Pod> pods;

  public Coordinator(KubernetesClient client, JobFactory.Spec spec, StepLog log) {
    this.client = client;
    this.spec = spec;
    this.jobs = new JobFactory(spec);
    this.log = log;
  }

  /**
   * @param batch most Jobs running at once (0: all)
   * @param pingPeers with the ping check, how many other nodes each node pings (0: all others)
   */
  public List<NodeReport> run(List<Node> nodes, int batch, boolean labelNodes, int pingPeers) {
    BlockingQueue<Ended> finished = new LinkedBlockingQueue<>();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ResourceEventHandler<Job> handler = new ResourceEventHandler<>() {
      @Override public void onAdd(Job job) { offer(job); }
      @Override public void onUpdate(Job old, Job job) { offer(job); }
      @Override public void onDelete(Job job, boolean unknown) { }

      private void offer(Job job) {
        if (done(job) && seen.add(job.getMetadata().getName())) {
          finished.add(new Ended(job.getMetadata().getName(), job, null));
        }
      }
    };
    ResourceEventHandler<Pod> unschedulable = new ResourceEventHandler<>() {
      @Override public void onAdd(Pod pod) { offer(pod); }
      @Override public void onUpdate(Pod old, Pod pod) { offer(pod); }
      @Override public void onDelete(Pod pod, boolean unknown) { }

      private void offer(Pod pod) {
        String job = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("job-name");
        String why = job == null ? null : GpuHolders.waitingForGpus(pod, spec.gpuResource());
        if (why != null && seen.add(job)) {
          finished.add(new Ended(job, null, why));
        }
      }
    };
    GpuHolders holders = new GpuHolders(client, spec.gpuResource());
    Deque<Node> pending = new ArrayDeque<>(nodes);
    Map<String, Node> running = new HashMap<>();
    List<NodeReport> reports = new ArrayList<>();
    int parallel = batch <= 0 ? nodes.size() : batch;
    Duration wait = spec.timeout().plusMinutes(2);
    boolean ping = spec.checkArgs().stream().anyMatch(a -> a.startsWith("--checks=")
        && List.of(a.substring("--checks=".length()).split(",")).contains("ping"));
    PingRing ring = ping ? new PingRing(nodes, pingPeers) : null; // null: no node pings
    try (SharedIndexInformer<Job> informer = client.batch().v1().jobs().inNamespace(spec.namespace())
        .withLabel(JobFactory.RUN_LABEL, spec.runId()).inform(handler);
        SharedIndexInformer<Pod> podInformer = client.pods().inNamespace(spec.namespace())
            .withLabel(JobFactory.RUN_LABEL, spec.runId()).runnableInformer(0)) {
      podInformer.addIndexers(Map.of(BY_JOB, pod -> List.of(String.valueOf(pod.getMetadata().getLabels()
          .get("job-name")))));
      podInformer.addEventHandler(unschedulable);
      podInformer.run();
      this.pods = podInformer;
      while (!pending.isEmpty() || !running.isEmpty()) {
        while (running.size() < parallel && !pending.isEmpty()) {
          Node node = pending.poll();
          Optional<String> busy = holders.busy(node, jobs.gpus(node));
          if (busy.isPresent()) {
            reports.add(NodeReport.busy(node.getMetadata().getName(), busy.get()));
            log.info("%s: SKIP (%s)", node.getMetadata().getName(), busy.get());
            continue;
          }
          List<String> peers = ring == null ? List.of() : ring.peersOf(node);
          Job created = client.batch().v1().jobs().inNamespace(spec.namespace()).resource(jobs.forNode(node, peers))
              .create();
          running.put(created.getMetadata().getName(), node);
          log.debug("started %s on %s", created.getMetadata().getName(), node.getMetadata().getName());
        }
        if (running.isEmpty()) {
          continue; // every node of this turn was busy: start the next ones
        }
        Ended ended = finished.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (ended == null) {
          running.values().forEach(n -> reports.add(errorReport(n, "no result within " + wait.toMinutes()
              + " min: the check Job did not finish")));
          pending.forEach(n -> reports.add(errorReport(n, "not checked: the run timed out before its turn")));
          break;
        }
        Node node = running.remove(ended.jobName());
        if (node != null && ended.busy() != null) {
          deleteJob(node);
          Node now = client.nodes().withName(node.getMetadata().getName()).get();
          NodeReport report = holders.unschedulable(now == null ? node : now, jobs.gpus(node), ended.busy());
          reports.add(report);
          log.info("%s: %s (%s)", report.node(), report.verdict(), report.findings().get(0).message());
        } else if (node != null) {
          NodeReport report = gather(ended.job(), node);
          reports.add(report);
          log.info("%s: %s (%s)", report.node(), report.verdict(), report.nodeStatus());
          if (labelNodes) {
            label(report, node);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepException.unavailable("interrupted while waiting for the check Jobs", e);
    } finally {
      cleanUp();
    }
    reports.sort((a, b) -> a.node().compareTo(b.node()));
    return reports;
  }

  /** A Job that finished, or whose pod cannot be scheduled for want of GPUs ({@code busy}: the scheduler's words). */
  private record Ended(String jobName, Job job, String busy) {}

  static boolean done(Job job) {
    var status = job.getStatus();
    if (status == null) {
      return false;
    }
    if (status.getSucceeded() != null && status.getSucceeded() > 0 || status.getFailed() != null && status.getFailed() > 0) {
      return true;
    }
    return status.getConditions() != null && status.getConditions().stream().anyMatch(c -> "True".equals(c.getStatus())
        && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())));
  }

  private NodeReport gather(Job job, Node node) {
    String name = node.getMetadata().getName();
    String jobName = job.getMetadata().getName();
    List<Pod> pods = this.pods.getIndexer().byIndex(BY_JOB, jobName);
    if (pods.stream().noneMatch(Coordinator::terminated)) {
      // the pod's last update may not have reached the cache yet: ask the API server
      pods = client.pods().inNamespace(spec.namespace()).withLabel("job-name", jobName).list().getItems();
    }
    for (Pod pod : pods) {
      List<ContainerStatus> statuses = pod.getStatus() == null ? List.of() : pod.getStatus().getContainerStatuses();
      for (ContainerStatus cs : statuses == null ? List.<ContainerStatus>of() : statuses) {
        var terminated = cs.getState() == null ? null : cs.getState().getTerminated();
        if (terminated != null && terminated.getMessage() != null && !terminated.getMessage().isBlank()) {
          try {
            NodeReport r = TerminationMessage.parse(terminated.getMessage());
            return new NodeReport(name, r.findings());
          } catch (java.io.IOException | IllegalArgumentException e) {
            return errorReport(node, "the check ended without a report (exit " + terminated.getExitCode() + "): "
                + tail(terminated.getMessage()));
          }
        }
      }
    }
    String why = job.getStatus().getConditions() == null ? "" : job.getStatus().getConditions().stream()
        .filter(c -> "Failed".equals(c.getType())).map(JobCondition::getReason).findFirst().orElse("");
    return errorReport(node, "the check Job finished without a report" + (why.isEmpty() ? "" : " (" + why + ")")
        + (pods.isEmpty() ? ": no pod (unschedulable, or the GPU resource is exhausted?)" : ""));
  }

  private static boolean terminated(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null && pod.getStatus()
        .getContainerStatuses().stream().anyMatch(c -> c.getState() != null && c.getState().getTerminated() != null);
  }

  private static NodeReport errorReport(Node node, String reason) {
    return new NodeReport(node.getMetadata().getName(), List.of(Finding.error("job", reason)));
  }

  /** verdict=PASS|WARN|FAIL|ERROR on every checked node; evict=true only while a fatal finding stands. */
  private void label(NodeReport r, Node node) {
    // one merge patch, no read first (a patch by name alone makes fabric8 GET the node): the node as listed at the
    // start names it, and tells whether an old evict label must go
    var patch = ReportFormats.JSON.createObjectNode();
    var labels = patch.putObject("metadata").putObject("labels").put(VERDICT_LABEL, r.verdict().name());
    if (r.fatal()) {
      labels.put(EVICT_LABEL, "true");
    }
    var nodes = client.nodes().resource(node);
    nodes.patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    Map<String, String> before = node.getMetadata().getLabels();
    if (!r.fatal() && before != null && before.containsKey(EVICT_LABEL)) {
      var remove = ReportFormats.JSON.createArrayNode();
      remove.addObject().put("op", "remove").put("path", "/metadata/labels/" + EVICT_LABEL.replace("/", "~1"));
      nodes.patch(PatchContext.of(PatchType.JSON), remove.toString());
    }
  }

  /** This run's Job of one node, by its labels (the one deletecollection the Role grants), pods in the background. */
  private void deleteJob(Node node) {
    try {
      client.batch().v1().jobs().inNamespace(spec.namespace()).withLabel(JobFactory.RUN_LABEL, spec.runId())
          .withLabel(JobFactory.NODE_LABEL, JobFactory.shortLabel(node.getMetadata().getName()))
          .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    } catch (RuntimeException e) {
      log.warn("could not delete the waiting Job of %s now: %s; it goes with the run's other Jobs at the end",
          node.getMetadata().getName(), e.getMessage());
    }
  }

  private void cleanUp() {
    try {
      client.batch().v1().jobs().inNamespace(spec.namespace()).withLabel(JobFactory.RUN_LABEL, spec.runId())
          .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    } catch (RuntimeException e) {
      log.warn("could not delete this run's Jobs (label %s=%s): %s; their TTL removes them within an hour",
          JobFactory.RUN_LABEL, spec.runId(), e.getMessage());
    }
  }

  private static String tail(String s) {
    String t = s.strip();
    return t.length() > 300 ? "..." + t.substring(t.length() - 300) : t;
  }
}
