package io.aiops.catalog.model.validate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of an InferenceService held as a generic resource (KServe publishes no Java model). */
final class IsvcView {
  record Condition(String type, String status, String reason, String message) {
    boolean isTrue() {
      return "True".equals(status);
    }

    String describe() {
      return status + (reason != null ? " (" + reason + (message != null ? ": " + message : "") + ")"
          : message != null ? " (" + message + ")" : "");
    }
  }

  private final GenericKubernetesResource resource;

  IsvcView(GenericKubernetesResource resource) {
    this.resource = resource;
  }

  String name() {
    return resource.getMetadata().getName();
  }

  String namespace() {
    return resource.getMetadata().getNamespace();
  }

  boolean modelMesh() {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations != null && "ModelMesh".equalsIgnoreCase(annotations.get(InferenceServiceCheck.DEPLOYMENT_MODE));
  }

  String mode() {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    String mode = annotations == null ? null : annotations.get(InferenceServiceCheck.DEPLOYMENT_MODE);
    return mode == null ? "Serverless" : mode;
  }

  /** ModelMesh serves through shared runtime pods and sets no IngressReady. */
  List<String> requiredConditions() {
    return modelMesh() ? List.of("Ready", "PredictorReady") : List.of("Ready", "PredictorReady", "IngressReady");
  }

  Optional<Condition> condition(String type) {
    List<Map<String, Object>> conditions = at(List.class, "status", "conditions");
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> type.equals(c.get("type"))).findFirst()
        .map(c -> new Condition(type, str(c.get("status")), str(c.get("reason")), str(c.get("message"))));
  }

  Optional<String> transitionStatus() {
    return Optional.ofNullable(at(String.class, "status", "modelStatus", "transitionStatus"));
  }

  Optional<String> activeModelState() {
    return Optional.ofNullable(at(String.class, "status", "modelStatus", "states", "activeModelState"))
        .filter(s -> !s.isBlank());
  }

  Optional<String> failureMessage() {
    return Optional.ofNullable(at(String.class, "status", "modelStatus", "lastFailureInfo", "message"));
  }

  /**
   * The REST endpoint: the in-cluster address (what a pipeline pod reaches), else the external URL; ModelMesh
   * gives a grpc:// address there and its REST proxy apart, as the predictor's restUrl.
   */
  Optional<String> url() {
    return Optional.ofNullable(at(String.class, "status", "components", "predictor", "restUrl"))
        .or(() -> Optional.ofNullable(at(String.class, "status", "address", "url")))
        .or(() -> Optional.ofNullable(at(String.class, "status", "url")))
        .filter(u -> u.startsWith("http"));
  }

  Optional<String> protocolVersion() {
    return Optional.ofNullable(at(String.class, "spec", "predictor", "model", "protocolVersion"));
  }

  Optional<String> runtime() {
    return Optional.ofNullable(at(String.class, "spec", "predictor", "model", "runtime"));
  }

  /** Serverless may scale to zero: no pod is then not a fault. */
  boolean mayScaleToZero() {
    Object min = at(Object.class, "spec", "predictor", "minReplicas");
    return min instanceof Number n && n.intValue() == 0;
  }

  /** Conditions all true and the model loaded, or a state waiting cannot change. */
  boolean settled() {
    boolean conditionsTrue = requiredConditions().stream().allMatch(t -> condition(t).map(Condition::isTrue)
        .orElse(false));
    Optional<String> transition = transitionStatus();
    boolean modelLoaded = transition.isEmpty()
        || "UpToDate".equals(transition.get()) && "Loaded".equals(activeModelState().orElse(null));
    return conditionsTrue && modelLoaded || transition.map(InferenceServiceCheck::isTerminal).orElse(false);
  }

  @SuppressWarnings("unchecked")
  private <T> T at(Class<T> type, String... path) {
    Object node = resource.getAdditionalProperties();
    for (String key : path) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = ((Map<String, Object>) map).get(key);
    }
    return type.isInstance(node) ? (T) node : null;
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
