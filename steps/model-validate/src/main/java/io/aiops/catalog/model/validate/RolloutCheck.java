package io.aiops.catalog.model.validate;

import io.aiops.catalog.kserve.InferenceService;
import io.aiops.catalog.kserve.ModelRollout;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.check.Finding;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Which model the predictor pods loaded: every Ready, not terminating predictor pod must carry the sha256 the
 * predictor was rolled to, and that must be the trained one. Waits (an informer on the pods, not a sleep loop)
 * for the roll to replace the old pods.
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
    CompletableFuture<List<Pod>> rolled = pods.informOnCondition(all -> ModelRollout.allLoaded(serving(all),
        trainedSha256) && serving(all).size() == live(all).size());
    try {
      List<Pod> serving = serving(rolled.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS));
      return Finding.pass("served-model", "%d predictor pod(s) loaded model %s", serving.size(),
          short12(trainedSha256));
    } catch (TimeoutException e) {
      List<Pod> now = live(pods.list().getItems());
      return Finding.fail("served-model", "the predictor pods did not all load the trained model %s within "
          + "--ready-timeout: %s", short12(trainedSha256), describe(now));
    } catch (ExecutionException e) {
      return Finding.error("served-model", "watching the predictor pods failed: %s", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Finding.error("served-model", "interrupted while waiting for the predictor pods");
    } finally {
      rolled.cancel(true);
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
