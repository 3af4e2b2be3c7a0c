package io.aiops.catalog.model.validate;

import io.aiops.catalog.kserve.InferenceService;
import io.aiops.catalog.kserve.ModelRollout;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.check.Finding;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which model the predictor pods loaded: every Ready, not terminating predictor pod must carry the sha256 the
 * predictor was rolled to, and that must be the trained one. Waits for the roll to replace the old pods, woken by
 * an informer on them, within the one --ready-timeout deadline.
 */
final class RolloutCheck {
  private final KubernetesClient client;
  private final StepLog log;

  RolloutCheck(KubernetesClient client, StepLog log) {
    this.client = client;
    this.log = log;
  }

  Finding await(InferenceService isvc, String trainedSha256, Duration timeout) {
    var pods = client.pods().inNamespace(isvc.namespace()).withLabels(isvc.predictorPodSelector());
    if (pods.list().getItems().isEmpty() && isvc.mayScaleToZero()) {
      return Finding.warn("served-model", "no predictor pod (scaled to zero): the next one loads %s",
          short12(trainedSha256));
    }
    log.info("waiting up to %ds for the predictor pods of %s to load model %s", Math.max(1, timeout.toSeconds()),
        isvc.name(), short12(trainedSha256));
    Predicate<List<Pod>> loaded = all -> ModelRollout.allLoaded(serving(all), trainedSha256)
        && serving(all).size() == live(all).size();
    // the informer says when something changed (and resyncs every second); the decision is always taken on a
    // fresh list, so an event the informer's cache folds away cannot hold the wait open
    Semaphore changed = new Semaphore(0);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (SharedIndexInformer<Pod> informer = pods.inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        changed.release();
      }

      @Override
      public void onUpdate(Pod before, Pod after) {
        changed.release();
      }

      @Override
      public void onDelete(Pod pod, boolean unknownFinalState) {
        changed.release();
      }
    }, 1000)) {
      List<Pod> now = pods.list().getItems();
      while (!loaded.test(now)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Finding.fail("served-model", "the predictor pods did not all load the trained model %s within "
              + "--ready-timeout: %s", short12(trainedSha256), describe(live(now)));
        }
        changed.tryAcquire(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
        changed.drainPermits();
        now = pods.list().getItems();
      }
      return Finding.pass("served-model", "%d predictor pod(s) loaded model %s", serving(now).size(),
          short12(trainedSha256));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Finding.error("served-model", "interrupted while waiting for the predictor pods");
    }
  }

  private static List<Pod> live(List<Pod> pods) {
    return pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  private static List<Pod> serving(List<Pod> pods) {
    return live(pods).stream().filter(PredictorPodsCheck::ready).toList();
  }

  private static String describe(List<Pod> pods) {
    if (pods.isEmpty()) {
      return "no predictor pod";
    }
    return pods.stream().map(p -> p.getMetadata().getName() + " "
        + (PredictorPodsCheck.ready(p) ? "Ready" : "not Ready") + " with model "
        + (ModelRollout.loaded(p) == null ? "unknown (no " + ModelRollout.SHA256_ANNOTATION + ")"
            : short12(ModelRollout.loaded(p)))).collect(Collectors.joining(", "));
  }

  static String short12(String sha) {
    return sha == null || sha.length() < 12 ? String.valueOf(sha) : sha.substring(0, 12);
  }
}
