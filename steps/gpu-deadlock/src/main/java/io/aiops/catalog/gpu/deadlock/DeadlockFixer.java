package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.kserve.InferenceServices;
import io.aiops.catalog.gpu.deadlock.Findings.Deadlock;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Unsticks one deadlocked rollout: patch the InferenceService's predictor deploymentStrategy so KServe stops
 * surging (a patch of the Deployment itself is reverted by KServe); if the Deployment does not take the new
 * strategy (ModelMesh, Serverless, older KServe), delete the old Ready pod instead. Then wait for a Ready pod of the
 * new ReplicaSet and re-check that the old ReplicaSet did not take the GPU back. Never deletes more than that pod.
 */
final class DeadlockFixer {
  /** How a fix ended; {@code problem} says what is left for a person when it did not. */
  record Outcome(boolean fixed, String problem) {}

  /** All fixes of a run: how many completed, and what is left for a person. */
  record Summary(int fixed, List<String> problems) {
    static final Summary NONE = new Summary(0, List.of());
  }

  private final KubernetesClient client;
  private final StepLog log;
  private final PrintWriter out;
  private final FixJournal journal;
  private final PredictorLister lister;
  private final Strategy strategy;
  private final Duration verifyTimeout;
  private final Duration timeout;

  DeadlockFixer(KubernetesClient client, StepLog log, PrintWriter out, FixJournal journal, Strategy strategy,
      Duration verifyTimeout, Duration timeout) {
    this.client = client;
    this.log = log;
    this.out = out;
    this.journal = journal;
    this.lister = new PredictorLister(client);
    this.strategy = strategy;
    this.verifyTimeout = verifyTimeout;
    this.timeout = timeout;
  }

  /** Fixes (or, in a dry run, plans) each deadlock in turn; a failed fix does not stop the others. */
  Summary fixAll(List<Deadlock> deadlocks, boolean dryRun) {
    int fixed = 0;
    List<String> problems = new ArrayList<>();
    for (Deadlock d : deadlocks) {
      if (dryRun) {
        plan(d);
        continue;
      }
      Outcome outcome = fix(d);
      fixed += outcome.fixed() ? 1 : 0;
      if (!outcome.fixed()) {
        problems.add(outcome.problem());
      }
    }
    return new Summary(fixed, problems);
  }

  void plan(Deadlock d) {
    planned(d, "PatchDeploymentStrategy", "would patch inferenceservice " + d.key() + " spec.predictor."
        + "deploymentStrategy to " + strategy.describe() + " and wait " + Report.human(verifyTimeout)
        + " for Deployment " + d.deployment() + " to take it");
    planned(d, "DeleteOldPod", "if it does not, would delete pod " + d.running() + " (Ready, ReplicaSet "
        + d.oldReplicaSet() + ") and no other");
    planned(d, "AwaitNewPod", "would wait up to " + Report.human(timeout) + " for a Ready pod of ReplicaSet "
        + d.newReplicaSet());
  }

  private void planned(Deadlock d, String action, String detail) {
    journal.planned(d, action, detail);
    out.println("DRY RUN: " + detail);
  }

  Outcome fix(Deadlock d) {
    var isvcs = client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(d.namespace());
    GenericKubernetesResource isvc = call("get inferenceservice", d, () -> isvcs.withName(d.inferenceService()).get());
    boolean applied = false;
    if (isvc == null) {
      log.warn("inferenceservice %s/%s not found: deleting the old pod instead", d.namespace(), d.inferenceService());
    } else {
      isvc = call("patch inferenceservice", d, () -> isvcs.withName(d.inferenceService())
          .patch(PatchContext.of(PatchType.JSON_MERGE), strategy.mergePatch().toString()));
      journal.done(d, isvc, false, "PatchDeploymentStrategy", "gpu-deadlock patched spec.predictor."
          + "deploymentStrategy to " + strategy.describe() + ": pod " + d.pending() + " waited for " + d.gpuResource()
          + " held by " + d.running());
      out.println("inferenceservice.serving.kserve.io/" + d.inferenceService() + " patched (deploymentStrategy "
          + strategy.describe() + ")");
      applied = strategyApplied(d);
    }
    if (!applied) {
      if (isvc != null) {
        log.warn("Deployment %s kept its surging strategy for %s after the patch (ModelMesh, Serverless or an older "
            + "KServe): deleting the old Ready pod %s instead", d.deployment(), Report.human(verifyTimeout),
            d.running());
      }
      deleteOldPod(d, isvc);
    }
    return awaitNewPod(d, isvc, applied);
  }

  private boolean strategyApplied(Deadlock d) {
    try {
      client.apps().deployments().inNamespace(d.namespace()).withName(d.deployment())
          .waitUntilCondition(strategy::appliedTo, verifyTimeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info("Deployment %s/%s now uses %s", d.namespace(), d.deployment(), strategy.describe());
      return true;
    } catch (KubernetesClientTimeoutException e) {
      return false;
    }
  }

  private void deleteOldPod(Deadlock d, GenericKubernetesResource isvc) {
    var old = client.pods().inNamespace(d.namespace()).withName(d.running());
    Pod pod = call("get pod", d, old::get);
    if (pod == null || !Kube.isReady(pod)
        || !Kube.owner(pod, "ReplicaSet").filter(d.oldReplicaSet()::equals).isPresent()) {
      log.info("pod %s is gone or no longer Ready in ReplicaSet %s: nothing to delete", d.running(), d.oldReplicaSet());
      return;
    }
    call("delete pod", d, old::delete);
    journal.done(d, isvc, false, "DeleteOldPod", "gpu-deadlock deleted pod " + d.running() + " (old ReplicaSet "
        + d.oldReplicaSet() + ") to free " + d.gpuResource() + " for " + d.pending());
    out.println("pod \"" + d.running() + "\" deleted");
  }

  private Outcome awaitNewPod(Deadlock d, GenericKubernetesResource isvc, boolean patched) {
    CompletableFuture<List<Pod>> ready = client.pods().inNamespace(d.namespace())
        .withLabel(InferenceServices.ISVC_LABEL, d.inferenceService()).withLabel(Kube.TEMPLATE_HASH, d.newTemplateHash())
        .informOnCondition(pods -> pods.stream().anyMatch(Kube::isReady));
    String done = patched ? "patched the deploymentStrategy" : "deleted pod " + d.running();
    try {
      Pod pod = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream().filter(Kube::isReady).findFirst()
          .orElseThrow();
      out.println("pod/" + pod.getMetadata().getName() + " condition met");
    } catch (TimeoutException e) {
      String problem = "no pod of ReplicaSet " + d.newReplicaSet() + " became Ready within " + Report.human(timeout)
          + " after gpu-deadlock " + done + tookBack(d).map(r -> "; " + r).orElse("")
          + "; no further pods were deleted: see kubectl describe pod -n " + d.namespace() + " " + d.pending();
      journal.done(d, isvc, true, "FixTimedOut", problem);
      return new Outcome(false, problem);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepException(1, "interrupted while waiting for " + d.newReplicaSet());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof KubernetesClientException k ? PredictorLister.failure("pods", d.namespace(), k)
          : new IllegalStateException(e.getCause());
    } finally {
      ready.cancel(true);
    }
    Optional<String> raced = tookBack(d);
    if (raced.isPresent()) {
      String problem = "inferenceservice " + d.key() + " is deadlocked again after the fix: " + raced.get();
      journal.done(d, isvc, true, "FixRaced", problem);
      return new Outcome(false, problem);
    }
    journal.done(d, isvc, false, "Fixed", "a pod of ReplicaSet " + d.newReplicaSet() + " is Ready after gpu-deadlock "
        + done);
    out.println("Fixed: " + d.key());
    return new Outcome(true, null);
  }

  /** The re-check: the old ReplicaSet must not hold the GPU again (its pod recreated and Ready, ours waiting). */
  private Optional<String> tookBack(Deadlock d) {
    return new DeadlockDetector(Duration.ZERO, Clock.systemUTC()).detect(lister.read(Scope.of(d.namespace())))
        .deadlocks().stream().filter(x -> x.key().equals(d.key())).findFirst()
        .map(x -> "the old ReplicaSet " + x.oldReplicaSet() + " took the GPU back: pod " + x.running()
            + " is Ready and " + x.pending() + " still waits for " + x.gpuResource());
  }

  private interface ApiCall<T> {
    T run();
  }

  /** A refused write is exit 4 naming the verb: fix mode's extra RBAC is the usual cause. */
  private static <T> T call(String what, Deadlock d, ApiCall<T> call) {
    try {
      return call.run();
    } catch (KubernetesClientException e) {
      String hint = e.getCode() == 403 ? ": forbidden (fix mode needs get/patch on inferenceservices and get/delete "
          + "on pods in " + d.namespace() + ")" : ": HTTP " + e.getCode() + " " + e.getMessage();
      throw StepException.unavailable("cannot " + what + " for " + d.key() + hint, e);
    }
  }
}
