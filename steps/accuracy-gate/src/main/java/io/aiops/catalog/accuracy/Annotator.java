package io.aiops.catalog.accuracy;

import io.aiops.catalog.accuracy.gate.Judgement;
import io.aiops.catalog.kserve.InferenceServices;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the verdict and headline figures as annotations on the model's InferenceService (or Deployment), where
 * the accuracy-gate ValidatingAdmissionPolicy reads them. The target is looked up before any scoring, so a wrong
 * name fails fast and nothing is half-done.
 */
final class Annotator {
  static final String PREFIX = "accuracy-gate.aiops.io/";
  /** The label the admission policy selects InferenceServices by. */
  static final String GATED_LABEL = PREFIX + "gated";
  private static final ResourceDefinitionContext DEPLOYMENT = new ResourceDefinitionContext.Builder()
      .withGroup("apps").withVersion("v1").withPlural("deployments").withKind("Deployment").withNamespaced(true)
      .build();

  private final Resource<GenericKubernetesResource> target;
  private final String description;

  private Annotator(Resource<GenericKubernetesResource> target, String description) {
    this.target = target;
    this.description = description;
  }

  /** Finds {@code kind/name}; a usage error when the spelling is wrong or it does not exist. */
  static Annotator find(String kindSlashName, String namespace, KubernetesClient client) {
    int slash = kindSlashName.indexOf('/');
    AccuracyGate.require(slash > 0 && slash < kindSlashName.length() - 1,
        "--annotate takes KIND/NAME, e.g. inferenceservice/fraud-detector, not '" + kindSlashName + "'");
    String kind = kindSlashName.substring(0, slash).toLowerCase(Locale.ROOT);
    String name = kindSlashName.substring(slash + 1);
    ResourceDefinitionContext context = switch (kind) {
      case "inferenceservice", "inferenceservices", "isvc" -> InferenceServices.CONTEXT;
      case "deployment", "deployments", "deploy" -> DEPLOYMENT;
      default -> throw StepException.usage("--annotate: kind '" + kind + "' is not inferenceservice or deployment");
    };
    String ns = namespace == null ? client.getNamespace() : namespace;
    Resource<GenericKubernetesResource> resource = client.genericKubernetesResources(context).inNamespace(ns)
        .withName(name);
    String description = context.getKind() + " " + ns + "/" + name;
    if (resource.get() == null) {
      throw StepException.usage("--annotate: " + description + " not found");
    }
    return new Annotator(resource, description);
  }

  /** What the admission policy reads: the verdict, each figure by its result name, the override reason, when. */
  static Map<String, String> annotations(Judgement judgement, Map<String, String> figures, String override) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(PREFIX + "verdict", judgement.verdict().name());
    figures.forEach((name, value) -> annotations.put(PREFIX + name, value));
    annotations.put(PREFIX + "override-reason", override == null ? "" : override);
    annotations.put(PREFIX + "evaluated-at", Instant.now().toString());
    return annotations;
  }

  void annotate(Judgement judgement, Map<String, String> figures, String override, StepLog log) {
    Map<String, String> annotations = annotations(judgement, figures, override);
    target.edit(r -> {
      if (r.getMetadata().getAnnotations() == null) {
        r.getMetadata().setAnnotations(new LinkedHashMap<>());
      }
      r.getMetadata().getAnnotations().putAll(annotations);
      return r;
    });
    log.info("annotated %s with the verdict %s and %d figures", description, judgement.verdict(), figures.size());
  }
}
