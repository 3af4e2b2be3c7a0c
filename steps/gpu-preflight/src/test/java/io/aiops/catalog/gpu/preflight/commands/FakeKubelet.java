package io.aiops.catalog.gpu.preflight.commands;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What the job controller and the kubelet do on a real cluster, and the mock API server does not: for each Job of
 * the run, a pod whose container terminated with the message the agent would have written, then the Job's status.
 * Counts how many Jobs were unfinished at once, to check --batch; {@link #holdUntil} makes that count independent of
 * how fast the machine is.
 */
final class FakeKubelet implements AutoCloseable {
  /** What a node's check ends with: a termination message (null: none) and an exit code. */
  record Outcome(String message, int exitCode) {
    /** The scheduler's word when another pod took the node's GPUs after the coordinator looked: the pod stays Pending. */
    static final String INSUFFICIENT_GPU = "0/3 nodes are available: 1 Insufficient nvidia.com/gpu, "
        + "2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: "
        + "1 No preemption victims found for incoming pod.";

    static Outcome unschedulable() {
      return new Outcome(INSUFFICIENT_GPU, -1);
    }

    boolean pending() {
      return exitCode < 0;
    }
  }

  private final KubernetesClient client;
  private final String ns;
  private final Function<String, Outcome> outcomes;
  private final long delayMs;
  private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  final AtomicInteger unfinished = new AtomicInteger();
  final AtomicInteger maxUnfinished = new AtomicInteger();
  final Map<String, Job> created = new ConcurrentHashMap<>();
  /** One permit per Job finished (its pod terminated and its status set). */
  final java.util.concurrent.Semaphore finished = new java.util.concurrent.Semaphore(0);
  private final SharedIndexInformer<Job> informer;
  private volatile CountDownLatch together = new CountDownLatch(0);

  FakeKubelet(KubernetesClient client, String ns, Function<String, Outcome> outcomes, long delayMs) {
    this.client = client;
    this.ns = ns;
    this.outcomes = outcomes;
    this.delayMs = delayMs;
    this.informer = client.batch().v1().jobs().inNamespace(ns).inform(new ResourceEventHandler<>() {
      @Override public void onAdd(Job job) { start(job); }
      @Override public void onUpdate(Job old, Job job) { }
      @Override public void onDelete(Job job, boolean unknown) { }
    });
  }

  /**
   * No Job finishes before this many were created (or 10 s went by): a coordinator that runs that many at once shows
   * it on any machine, and one that runs them one after the other is merely slow and shows 1.
   */
  FakeKubelet holdUntil(int jobs) {
    together = new CountDownLatch(jobs);
    return this;
  }

  private void start(Job job) {
    if (!handled.add(job.getMetadata().getName())) {
      return;
    }
    created.put(job.getMetadata().getName(), job);
    maxUnfinished.accumulateAndGet(unfinished.incrementAndGet(), Math::max);
    together.countDown();
    pool.schedule(() -> {
      try {
        together.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      finish(job);
    }, delayMs, TimeUnit.MILLISECONDS);
  }

  private void finish(Job job) {
    String node = job.getSpec().getTemplate().getSpec().getNodeSelector().get("kubernetes.io/hostname");
    Outcome o = outcomes.apply(node);
    String name = job.getMetadata().getName();
    if (o.pending()) {
      client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name + "-x1")
          .addToLabels(job.getSpec().getTemplate().getMetadata().getLabels()).addToLabels("job-name", name)
          .endMetadata().withSpec(job.getSpec().getTemplate().getSpec())
          .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
          .withReason("Unschedulable").withMessage(o.message()).endCondition().endStatus().build()).create();
      return; // the Job stays active: only its deadline, or the coordinator, ends it
    }
    client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name + "-x1")
        .addToLabels(job.getSpec().getTemplate().getMetadata().getLabels()).addToLabels("job-name", name).endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .withNewStatus().withPhase(o.exitCode() == 0 ? "Succeeded" : "Failed").addNewContainerStatus().withName("check")
        .withNewState().withNewTerminated().withExitCode(o.exitCode()).withMessage(o.message()).endTerminated()
        .endState().endContainerStatus().endStatus().build()).create();
    unfinished.decrementAndGet();
    // one request, as the job controller makes: the status of the Job as created (nothing else changes it)
    Job done = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(job).withStatus(o.exitCode() == 0
        ? new JobStatusBuilder().withSucceeded(1).build()
        : new JobStatusBuilder().withFailed(1).addNewCondition().withType("Failed").withStatus("True")
            .withReason("BackoffLimitExceeded").endCondition().build()).build();
    client.batch().v1().jobs().inNamespace(ns).resource(done).updateStatus();
    finished.release();
  }

  @Override
  public void close() {
    informer.close();
    pool.shutdownNow();
  }
}
