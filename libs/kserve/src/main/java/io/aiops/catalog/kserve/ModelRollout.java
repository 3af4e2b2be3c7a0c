package io.aiops.catalog.kserve;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a predictor load a new model file that was switched in place under the same storageUri. KServe starts new
 * predictor pods only when the predictor's pod template changes, so the new model's sha256 goes into
 * spec.predictor.annotations, which KServe copies onto the pods (a new Knative revision, or a Deployment rollout in
 * RawDeployment mode). The same annotation on a Ready pod then says which model that pod loaded.
 */
public final class ModelRollout {
  public static final String SHA256_ANNOTATION = "aiops-catalog.io/model-sha256";

  private ModelRollout() {}

  /** Patches the predictor's annotation: a merge patch touching nothing else of the InferenceService. */
  public static void roll(KubernetesClient client, String namespace, String name, String sha256) {
    String patch = "{\"spec\":{\"predictor\":{\"annotations\":{\"" + SHA256_ANNOTATION + "\":\""
        + requireHex(sha256) + "\"}}}}";
    InferenceServices.named(client, namespace, name).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  /** The sha256 a pod says it loaded, or null when it carries none (started before any roll). */
  public static String loaded(Pod pod) {
    Map<String, String> annotations = pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(SHA256_ANNOTATION);
  }

  /** Every pod given has loaded {@code sha256} (and there is at least one). */
  public static boolean allLoaded(List<Pod> pods, String sha256) {
    return !pods.isEmpty() && pods.stream().allMatch(p -> Objects.equals(sha256, loaded(p)));
  }

  private static String requireHex(String sha256) {
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a lowercase sha256: " + sha256);
    }
    return sha256;
  }
}
