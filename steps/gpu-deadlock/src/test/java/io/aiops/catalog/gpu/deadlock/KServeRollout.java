package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.kserve.InferenceServices;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A KServe raw-deployment predictor as the cluster shows it mid-rollout, built with fabric8 builders: the
 * InferenceService, its Deployment (RollingUpdate maxSurge 1 / maxUnavailable 0, KServe's default), the old
 * ReplicaSet (revision 1) with its Ready pod, and, when rolling, the new ReplicaSet (revision 2, TrustyAI's agent
 * container added) with its pod in the state a story gives it. Names follow the seed's `oc get pods`.
 */
final class KServeRollout {
  final String namespace;
  final String isvc;
  final String deployment;
  final String oldHash = "765c89b8b9";
  final String newHash = "fb6f8f687";
  final String oldPod;
  final String newPod;
  private String gpuResource = "nvidia.com/gpu";
  private PodStatus newPodStatus = PodStates.gpuUnschedulable(600);
  private boolean rolling = true;
  private boolean progressDeadlineExceeded;
  private int extraReplicas;
  private final Map<String, String> isvcLabels = new LinkedHashMap<>();

  private KServeRollout(String namespace, String isvc) {
    this.namespace = namespace;
    this.isvc = isvc;
    this.deployment = isvc + "-predictor";
    this.oldPod = deployment + "-" + oldHash + "-8lstm";
    this.newPod = deployment + "-" + newHash + "-5478c";
  }

  /** The seed's situation: the new pod has waited 10 minutes for nvidia.com/gpu. */
  static KServeRollout stuck(String namespace, String isvc) {
    return new KServeRollout(namespace, isvc);
  }

  /** A predictor that finished its rollout: one ReplicaSet, one Ready pod. */
  static KServeRollout settled(String namespace, String isvc) {
    KServeRollout r = new KServeRollout(namespace, isvc);
    r.rolling = false;
    return r;
  }

  KServeRollout newPod(PodStatus status) {
    this.newPodStatus = status;
    return this;
  }

  /** A label on the InferenceService, which KServe copies to the Deployment and the pods. */
  KServeRollout label(String key, String value) {
    isvcLabels.put(key, value);
    return this;
  }

  KServeRollout gpu(String resource) {
    this.gpuResource = resource;
    return this;
  }

  /** More Ready pods in the old ReplicaSet (a bigger predictor, for scale). */
  KServeRollout extraReadyPods(int count) {
    this.extraReplicas = count;
    return this;
  }

  KServeRollout progressDeadlineExceeded() {
    this.progressDeadlineExceeded = true;
    return this;
  }

  KServeRollout createIn(KubernetesClient client) {
    client.genericKubernetesResources(InferenceServices.CONTEXT).inNamespace(namespace).resource(isvc()).create();
    Deployment d = client.apps().deployments().inNamespace(namespace).resource(deployment()).create();
    ReplicaSet oldRs = client.apps().replicaSets().inNamespace(namespace)
        .resource(replicaSet(d, 1, oldHash, template(oldHash, false))).create();
    createPod(client, pod(oldPod, oldRs, oldHash, false), PodStates.ready());
    for (int i = 0; i < extraReplicas; i++) {
      createPod(client, pod(deployment + "-" + oldHash + "-r" + i, oldRs, oldHash, false), PodStates.ready());
    }
    if (rolling) {
      ReplicaSet newRs = client.apps().replicaSets().inNamespace(namespace)
          .resource(replicaSet(d, 2, newHash, template(newHash, true))).create();
      createPod(client, pod(newPod, newRs, newHash, true), newPodStatus);
    }
    return this;
  }

  /**
   * The objects {@link #createIn} creates, as the cluster then holds them (pods with their status, uids set), for
   * loading a store directly instead of through the API (PagingCrudDispatcher.load).
   */
  List<HasMetadata> objects() {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(isvc());
    Deployment d = withUid(deployment());
    ReplicaSet oldRs = withUid(replicaSet(d, 1, oldHash, template(oldHash, false)));
    objects.add(d);
    objects.add(oldRs);
    objects.add(withStatus(pod(oldPod, oldRs, oldHash, false), PodStates.ready()));
    for (int i = 0; i < extraReplicas; i++) {
      objects.add(withStatus(pod(deployment + "-" + oldHash + "-r" + i, oldRs, oldHash, false), PodStates.ready()));
    }
    if (rolling) {
      ReplicaSet newRs = withUid(replicaSet(d, 2, newHash, template(newHash, true)));
      objects.add(newRs);
      objects.add(withStatus(pod(newPod, newRs, newHash, true), newPodStatus));
    }
    return objects;
  }

  private static <T extends HasMetadata> T withUid(T object) {
    object.getMetadata().setUid(UUID.nameUUIDFromBytes((object.getKind() + "/" + object.getMetadata().getNamespace()
        + "/" + object.getMetadata().getName()).getBytes(StandardCharsets.UTF_8)).toString());
    return object;
  }

  private static Pod withStatus(Pod pod, PodStatus status) {
    pod.setStatus(status);
    return withUid(pod);
  }

  /** Creates the pod, then sets its status as the kubelet/scheduler would (the API ignores status on create). */
  static void createPod(KubernetesClient client, Pod pod, PodStatus status) {
    Pod created = client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    created.setStatus(status);
    client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(created).updateStatus();
  }

  /** What the old ReplicaSet does when its pod is deleted under RollingUpdate: it makes another one. */
  void recreateOldPod(KubernetesClient client, String name) {
    ReplicaSet oldRs = client.apps().replicaSets().inNamespace(namespace).withName(oldReplicaSet()).get();
    createPod(client, pod(name, oldRs, oldHash, false), PodStates.ready());
  }

  String oldReplicaSet() {
    return deployment + "-" + oldHash;
  }

  String newReplicaSet() {
    return deployment + "-" + newHash;
  }

  private GenericKubernetesResource isvc() {
    Map<String, Object> predictor = new LinkedHashMap<>();
    predictor.put("model", Map.of("modelFormat", Map.of("name", "vLLM"), "storageUri", "s3://models/llm",
        "resources", Map.of("limits", Map.of(gpuResource, "1"))));
    return new GenericKubernetesResourceBuilder().withApiVersion(InferenceServices.API_VERSION).withKind(InferenceServices.KIND)
        .withNewMetadata().withName(isvc).withNamespace(namespace).endMetadata()
        .addToAdditionalProperties("spec", Map.of("predictor", predictor)).build();
  }

  private Deployment deployment() {
    var builder = new DeploymentBuilder().withNewMetadata().withName(deployment).withNamespace(namespace)
        .withLabels(labels(null)).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(Map.of("app", "isvc." + deployment))
        .endSelector().withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy()
        .withTemplate(template(rolling ? newHash : oldHash, rolling)).endSpec();
    if (progressDeadlineExceeded) {
      builder.withNewStatus().addNewCondition().withType("Progressing").withStatus("False")
          .withReason("ProgressDeadlineExceeded").withMessage("ReplicaSet \"" + newReplicaSet()
              + "\" has timed out progressing.").endCondition().endStatus();
    }
    return builder.build();
  }

  private ReplicaSet replicaSet(Deployment owner, int revision, String hash, PodTemplateSpec template) {
    return new ReplicaSetBuilder().withNewMetadata().withName(deployment + "-" + hash).withNamespace(namespace)
        .withLabels(labels(hash)).withAnnotations(Map.of(Kube.REVISION, Integer.toString(revision)))
        .withOwnerReferences(owner("apps/v1", "Deployment", owner.getMetadata().getName(),
            owner.getMetadata().getUid())).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(Map.of(Kube.TEMPLATE_HASH, hash))
        .endSelector().withTemplate(template).endSpec().build();
  }

  private Pod pod(String name, ReplicaSet owner, String hash, boolean withAgent) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels(hash))
        .withOwnerReferences(owner("apps/v1", "ReplicaSet", owner.getMetadata().getName(),
            owner.getMetadata().getUid())).endMetadata()
        .withSpec(template(hash, withAgent).getSpec()).build();
  }

  private PodTemplateSpec template(String hash, boolean withAgent) {
    List<Container> containers = new ArrayList<>();
    containers.add(new ContainerBuilder().withName("kserve-container").withImage("quay.io/modh/vllm:rhoai-2.16")
        .withNewResources().addToLimits(gpuResource, new Quantity("1")).addToRequests("cpu", new Quantity("4"))
        .endResources().build());
    containers.add(new ContainerBuilder().withName("oauth-proxy").withImage("registry.redhat.io/openshift4/"
        + "ose-oauth-proxy:v4.14").build());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("serving.kserve.io/deploymentMode", "RawDeployment");
    if (withAgent) {
      containers.add(new ContainerBuilder().withName("agent").withImage("quay.io/modh/kserve-agent:v0.14")
          .withArgs("--enable-logger", "--log-url", "http://trustyai-service/consumer/kserve/v2").build());
      annotations.put("logger.serving.kserve.io/mode", "all");
    }
    return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels(hash)).withAnnotations(annotations)
        .endMetadata().withNewSpec().withContainers(containers).endSpec().build();
  }

  private Map<String, String> labels(String hash) {
    Map<String, String> labels = new LinkedHashMap<>(isvcLabels);
    labels.put("app", "isvc." + deployment);
    labels.put("component", "predictor");
    labels.put(InferenceServices.ISVC_LABEL, isvc);
    if (hash != null) {
      labels.put(Kube.TEMPLATE_HASH, hash);
    }
    return labels;
  }

  private static OwnerReference owner(String apiVersion, String kind, String name, String uid) {
    return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name)
        .withUid(uid == null ? name + "-uid" : uid).withController(true).build();
  }
}
