package io.aiops.catalog.kserve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The KServe InferenceService as a Kubernetes resource: its group, version and kind, and the labels and
 * annotations KServe puts on what it creates. Read as a generic resource: KServe publishes no Java model, and a
 * generic read needs no API discovery.
 */
public final class InferenceServices {
  public static final String GROUP = "serving.kserve.io";
  public static final String VERSION = "v1beta1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "InferenceService";
  public static final String PLURAL = "inferenceservices";
  public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup(GROUP).withVersion(VERSION).withKind(KIND).withPlural(PLURAL).withNamespaced(true).build();

  /** On the predictor's pods, ReplicaSets and Deployments: the InferenceService they serve. */
  public static final String ISVC_LABEL = GROUP + "/inferenceservice";
  /** With {@code component=predictor}: the predictor's objects (not the transformer's or explainer's). */
  public static final String COMPONENT_LABEL = "component";
  /** Every predictor's objects, of any InferenceService. */
  public static final String PREDICTOR_SELECTOR = ISVC_LABEL + "," + COMPONENT_LABEL + "=predictor";
  /** Serverless (Knative, the default), RawDeployment or ModelMesh. */
  public static final String DEPLOYMENT_MODE = GROUP + "/deploymentMode";

  private InferenceServices() {}

  public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> in(KubernetesClient client) {
    return client.genericKubernetesResources(CONTEXT);
  }

  public static Resource<GenericKubernetesResource> named(KubernetesClient client, String namespace, String name) {
    return in(client).inNamespace(namespace).withName(name);
  }
}
