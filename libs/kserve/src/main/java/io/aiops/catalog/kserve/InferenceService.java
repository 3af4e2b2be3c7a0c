package io.aiops.catalog.kserve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of one InferenceService held as a generic resource: its conditions and model status (is it really
 * ready?), and its predictor (which runtime and protocol, which storage, which revision, which pods, which URL).
 */
public final class InferenceService {
  /** Model states after which waiting longer cannot help. */
  private static final List<String> TERMINAL = List.of("BlockedByFailedLoad", "InvalidSpec");

  private final GenericKubernetesResource resource;

  public InferenceService(GenericKubernetesResource resource) {
    this.resource = resource;
  }

  public GenericKubernetesResource resource() {
    return resource;
  }

  public String name() {
    return resource.getMetadata().getName();
  }

  public String namespace() {
    return resource.getMetadata().getNamespace();
  }

  /** Serverless unless the deploymentMode annotation says RawDeployment or ModelMesh. */
  public String mode() {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    String mode = annotations == null ? null : annotations.get(InferenceServices.DEPLOYMENT_MODE);
    return mode == null ? "Serverless" : mode;
  }

  public boolean modelMesh() {
    return "ModelMesh".equalsIgnoreCase(mode());
  }

  /** ModelMesh serves through shared runtime pods and sets no IngressReady. */
  public List<String> requiredConditions() {
    return modelMesh() ? List.of("Ready", "PredictorReady") : List.of("Ready", "PredictorReady", "IngressReady");
  }

  public Optional<Condition> condition(String type) {
    List<Map<String, Object>> conditions = at(List.class, "status", "conditions");
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> type.equals(c.get("type"))).findFirst()
        .map(c -> new Condition(type, str(c.get("status")), str(c.get("reason")), str(c.get("message"))));
  }

  public Optional<String> transitionStatus() {
    return Optional.ofNullable(at(String.class, "status", "modelStatus", "transitionStatus"));
  }

  public Optional<String> activeModelState() {
    return Optional.ofNullable(at(String.class, "status", "modelStatus", "states", "activeModelState"))
        .filter(s -> !s.isBlank());
  }

  public Optional<String> failureMessage() {
    return Optional.ofNullable(at(String.class, "status", "modelStatus", "lastFailureInfo", "message"));
  }

  /** A model state after which waiting cannot help (a failed load, an invalid spec). */
  public static boolean isTerminal(String transition) {
    return TERMINAL.contains(transition);
  }

  /** Conditions all true and the model loaded, or a state waiting cannot change. */
  public boolean settled() {
    boolean conditionsTrue = requiredConditions().stream().allMatch(t -> condition(t).map(Condition::isTrue)
        .orElse(false));
    Optional<String> transition = transitionStatus();
    boolean modelLoaded = transition.isEmpty()
        || "UpToDate".equals(transition.get()) && "Loaded".equals(activeModelState().orElse(null));
    return conditionsTrue && modelLoaded || transition.map(InferenceService::isTerminal).orElse(false);
  }

  /**
   * The REST endpoint: the in-cluster address (what a pipeline pod reaches), else the external URL; ModelMesh
   * gives a grpc:// address there and its REST proxy apart, as the predictor's restUrl.
   */
  public Optional<String> url() {
    return Optional.ofNullable(at(String.class, "status", "components", "predictor", "restUrl"))
        .or(() -> Optional.ofNullable(at(String.class, "status", "address", "url")))
        .or(() -> Optional.ofNullable(at(String.class, "status", "url")))
        .filter(u -> u.startsWith("http"));
  }

  /** The predictor's declared protocol (v1, v2, grpc-v2), when spec.predictor.model says. */
  public Optional<String> protocolVersion() {
    return Optional.ofNullable(at(String.class, "spec", "predictor", "model", "protocolVersion"));
  }

  /** The inference protocol to speak: v2 for ModelMesh or a v2 protocolVersion, v1 for v1, else not known. */
  public Optional<Protocol> protocol() {
    if (modelMesh()) {
      return Optional.of(Protocol.v2);
    }
    return protocolVersion().map(p -> p.startsWith("v2") || p.startsWith("grpc-v2") ? Protocol.v2 : Protocol.v1);
  }

  /** The ServingRuntime named in spec.predictor.model.runtime, when one is pinned. */
  public Optional<String> runtime() {
    return Optional.ofNullable(at(String.class, "spec", "predictor", "model", "runtime"));
  }

  /** Where the model is loaded from (spec.predictor.model.storageUri, or the older per-framework block). */
  public Optional<String> storageUri() {
    return Optional.ofNullable(at(String.class, "spec", "predictor", "model", "storageUri"))
        .or(() -> frameworkBlock().map(b -> b.get("storageUri")).filter(String.class::isInstance)
            .map(String.class::cast));
  }

  /**
   * The path inside the claim when the model is loaded from a PVC ({@code pvc://CLAIM/PATH}): what the predictor
   * really mounts, so a check of the files it serves reads this path, not the one a pipeline wrote to.
   */
  public Optional<String> pvcPath() {
    return storageUri().filter(u -> u.startsWith("pvc://")).map(u -> u.substring("pvc://".length()))
        .map(rest -> rest.indexOf('/') < 0 ? "" : rest.substring(rest.indexOf('/') + 1))
        .map(path -> path.replaceAll("/+$", ""));
  }

  /** The model sha256 its predictor was last rolled to ({@link ModelRollout}), when one was. */
  public Optional<String> rolledSha256() {
    Map<String, String> annotations = at(Map.class, "spec", "predictor", "annotations");
    return Optional.ofNullable(annotations).map(a -> a.get(ModelRollout.SHA256_ANNOTATION));
  }

  /** The model format (sklearn, onnx...): spec.predictor.model.modelFormat.name, or the older framework key. */
  public Optional<String> modelFormat() {
    return Optional.ofNullable(at(String.class, "spec", "predictor", "model", "modelFormat", "name"))
        .or(() -> frameworkKey());
  }

  /** The Knative revision serving now (Serverless mode only). */
  public Optional<String> latestReadyRevision() {
    return Optional.ofNullable(at(String.class, "status", "components", "predictor", "latestReadyRevision"));
  }

  /** Serverless may scale to zero: no pod is then not a fault. */
  public boolean mayScaleToZero() {
    Object min = at(Object.class, "spec", "predictor", "minReplicas");
    return min instanceof Number n && n.intValue() == 0;
  }

  /** The label selector of the pods serving this InferenceService's predictor. */
  public Map<String, String> predictorPodSelector() {
    if (modelMesh()) {
      // ModelMesh runs models in shared runtime pods, named after the ServingRuntime
      return runtime().map(r -> Map.of("modelmesh-service", "modelmesh-serving", "name",
          "modelmesh-serving-" + r)).orElse(Map.of("modelmesh-service", "modelmesh-serving"));
    }
    return Map.of(InferenceServices.ISVC_LABEL, name(), InferenceServices.COMPONENT_LABEL, "predictor");
  }

  private static final List<String> FRAMEWORKS = List.of("sklearn", "xgboost", "lightgbm", "tensorflow", "pytorch",
      "onnx", "triton", "pmml", "paddle", "huggingface");

  private Optional<String> frameworkKey() {
    Map<String, Object> predictor = at(Map.class, "spec", "predictor");
    return predictor == null ? Optional.empty() : FRAMEWORKS.stream().filter(predictor::containsKey).findFirst();
  }

  @SuppressWarnings("unchecked")
  private Optional<Map<String, Object>> frameworkBlock() {
    return frameworkKey().map(k -> (Map<String, Object>) at(Map.class, "spec", "predictor", k));
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
