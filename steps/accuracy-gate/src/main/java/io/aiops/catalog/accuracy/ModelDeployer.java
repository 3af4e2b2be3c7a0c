package io.aiops.catalog.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.aiops.catalog.kserve.InferenceServices;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.io.InputFiles;
import io.aiops.catalog.step.json.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploys the gated model: the InferenceService manifest (from the pull request's repository, so trusted for nothing)
 * named and placed as told, its storageUri pointing at the model the gate judged, labelled for the admission policy
 * and carrying the gate's annotations, created or updated. Read and checked before any scoring; applied only on a
 * PASS or OVERRIDDEN verdict.
 */
final class ModelDeployer {
  /** The older per-framework predictor blocks, when the manifest has no spec.predictor.model. */
  private static final List<String> FRAMEWORKS = List.of("sklearn", "xgboost", "lightgbm", "tensorflow", "pytorch",
      "onnx", "triton", "pmml", "paddle", "huggingface");
  private static final long MAX_BYTES = 256 * 1024;

  private final GenericKubernetesResource manifest;
  private final String name;
  private final String namespace;
  private final String storageUri;

  private ModelDeployer(GenericKubernetesResource manifest, String name, String namespace, String storageUri) {
    this.manifest = manifest;
    this.name = name;
    this.namespace = namespace;
    this.storageUri = storageUri;
  }

  /** Reads and checks the manifest; the namespace is the one given, never the manifest's. */
  static ModelDeployer prepare(GateRequest.Deploy deploy, String namespace) {
    Path file = deploy.manifest();
    String text = InputFiles.readString("--deploy-manifest", file, MAX_BYTES);
    List<JsonNode> docs;
    try (MappingIterator<JsonNode> it = Json.yaml().readerFor(JsonNode.class).readValues(text)) {
      docs = it.readAll().stream().filter(d -> d != null && !d.isNull() && !d.isMissingNode()).toList();
    } catch (IOException e) {
      throw StepException.usage("--deploy-manifest " + file + " is not YAML: " + e.getMessage().lines().findFirst()
          .orElse(""));
    }
    AccuracyGate.require(docs.size() == 1, "--deploy-manifest " + file + " holds " + docs.size()
        + " documents: give one InferenceService");
    JsonNode doc = docs.get(0);
    AccuracyGate.require(InferenceServices.KIND.equals(doc.path("kind").asText())
        && doc.path("apiVersion").asText().startsWith(InferenceServices.GROUP + "/"), "--deploy-manifest " + file
        + " is a " + doc.path("apiVersion").asText() + " " + doc.path("kind").asText() + ", not a "
        + InferenceServices.GROUP + " InferenceService");
    GenericKubernetesResource resource = Json.mapper().convertValue(doc, GenericKubernetesResource.class);
    String name = deploy.name() != null ? deploy.name()
        : resource.getMetadata() == null ? null : resource.getMetadata().getName();
    AccuracyGate.require(name != null && !name.isBlank(), "--deploy-manifest " + file + " names no InferenceService:"
        + " give --deploy-name");
    if (deploy.storageUri() != null) {
      AccuracyGate.require(predictorBlock(resource) != null, "--deploy-manifest " + file + " has no "
          + "spec.predictor.model (nor a framework block such as spec.predictor.sklearn) to set --storage-uri in");
    }
    return new ModelDeployer(resource, name, namespace, deploy.storageUri());
  }

  /** Creates the InferenceService, or updates the one of that name (keeping the finalizers KServe put on it). */
  void deploy(KubernetesClient client, Map<String, String> gateAnnotations, StepLog log) {
    String ns = namespace == null ? client.getNamespace() : namespace;
    GenericKubernetesResource isvc = manifest;
    isvc.getMetadata().setName(name);
    isvc.getMetadata().setNamespace(ns);
    isvc.getMetadata().setResourceVersion(null);
    Map<String, String> labels = new LinkedHashMap<>(orEmpty(isvc.getMetadata().getLabels()));
    labels.put(Annotator.GATED_LABEL, "true"); // the manifest cannot opt out of the admission policy
    isvc.getMetadata().setLabels(labels);
    Map<String, String> annotations = new LinkedHashMap<>(orEmpty(isvc.getMetadata().getAnnotations()));
    annotations.keySet().removeIf(k -> k.startsWith(Annotator.PREFIX)); // only the gate writes these
    annotations.putAll(gateAnnotations);
    isvc.getMetadata().setAnnotations(annotations);
    if (storageUri != null) {
      predictorBlock(isvc).put("storageUri", storageUri);
    }
    Resource<GenericKubernetesResource> target = InferenceServices.named(client, ns, name);
    GenericKubernetesResource existing = target.get();
    String what = InferenceServices.KIND + " " + ns + "/" + name;
    if (existing == null) {
      InferenceServices.in(client).inNamespace(ns).resource(isvc).create();
      log.info("created %s%s with the verdict %s", what, storageUri == null ? "" : " (storageUri " + storageUri + ")",
          gateAnnotations.get(Annotator.PREFIX + "verdict"));
    } else {
      isvc.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
      isvc.getMetadata().setFinalizers(existing.getMetadata().getFinalizers());
      InferenceServices.in(client).inNamespace(ns).resource(isvc).update();
      log.info("updated %s%s with the verdict %s", what, storageUri == null ? "" : " (storageUri " + storageUri + ")",
          gateAnnotations.get(Annotator.PREFIX + "verdict"));
    }
  }

  String description() {
    return InferenceServices.KIND + " " + (namespace == null ? "" : namespace + "/") + name;
  }

  /** spec.predictor.model, else the one framework block (spec.predictor.sklearn, ...); null when neither. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> predictorBlock(GenericKubernetesResource r) {
    Object spec = r.getAdditionalProperties().get("spec");
    Object predictor = spec instanceof Map<?, ?> s ? s.get("predictor") : null;
    if (!(predictor instanceof Map<?, ?> p)) {
      return null;
    }
    if (p.get("model") instanceof Map<?, ?> model) {
      return (Map<String, Object>) model;
    }
    List<Object> blocks = FRAMEWORKS.stream().map(p::get).filter(Map.class::isInstance).map(Object.class::cast)
        .toList();
    return blocks.size() == 1 ? (Map<String, Object>) blocks.get(0) : null;
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
