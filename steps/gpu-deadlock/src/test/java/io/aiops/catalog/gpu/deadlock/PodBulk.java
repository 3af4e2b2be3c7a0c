package io.aiops.catalog.gpu.deadlock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bench only: gives the bench's lean pods the bulk a KServe predictor pod carries on a real cluster, where a pod
 * is several kilobytes of JSON: managedFields mirroring the object (one entry per manager, as server-side apply
 * writes them), a dozen env variables, the projected service-account token volume and its mounts, probes, the SCC
 * and network-status annotations OpenShift adds, the default tolerations, container IDs and image digests. Shapes
 * after a predictor pod's, values made up: this is load for the bench, not a captured fixture.
 */
final class PodBulk {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PodBulk() {}

  static List<HasMetadata> dress(List<HasMetadata> objects) {
    objects.forEach(o -> {
      if (o instanceof Pod pod) {
        dress(pod);
      }
    });
    return objects;
  }

  static void dress(Pod pod) {
    var meta = pod.getMetadata();
    Map<String, String> annotations = new LinkedHashMap<>(meta.getAnnotations() == null ? Map.of()
        : meta.getAnnotations());
    annotations.put("openshift.io/scc", "restricted-v2");
    annotations.put("seccomp.security.alpha.kubernetes.io/pod", "runtime/default");
    annotations.put("k8s.ovn.org/pod-networks", "{\"default\":{\"ip_addresses\":[\"10.131.4.27/23\"],\"mac_address\":"
        + "\"0a:58:0a:83:04:1b\",\"gateway_ips\":[\"10.131.4.1\"],\"routes\":[{\"dest\":\"10.128.0.0/14\",\"nextHop\":"
        + "\"10.131.4.1\"},{\"dest\":\"172.30.0.0/16\",\"nextHop\":\"10.131.4.1\"}],\"ip_address\":\"10.131.4.27/23\"}}");
    annotations.put("k8s.v1.cni.cncf.io/network-status", "[{\"name\":\"ovn-kubernetes\",\"interface\":\"eth0\","
        + "\"ips\":[\"10.131.4.27\"],\"mac\":\"0a:58:0a:83:04:1b\",\"default\":true,\"dns\":{}}]");
    annotations.put("serving.kserve.io/deploymentMode", "RawDeployment");
    meta.setAnnotations(annotations);
    meta.setUid("5d0c8f3e-6a0b-4f5e-9a43-" + String.format("%012x", meta.getName().hashCode() & 0xffffffffL));
    meta.setResourceVersion("48211377");
    meta.setCreationTimestamp("2026-11-30T08:14:22Z");

    var spec = pod.getSpec();
    var main = spec.getContainers().get(0);
    List<EnvVar> env = new ArrayList<>(main.getEnv() == null ? List.of() : main.getEnv());
    for (String[] kv : new String[][] {{"PORT", "8080"}, {"K_SERVICE", meta.getName()}, {"K_CONFIGURATION", "llm"},
        {"K_REVISION", "llm-predictor-00002"}, {"HF_HOME", "/tmp/hf_home"}, {"MODEL_ID", "/mnt/models"},
        {"MAX_MODEL_LEN", "8192"}, {"GPU_MEMORY_UTILIZATION", "0.90"}, {"TENSOR_PARALLEL_SIZE", "1"},
        {"VLLM_NO_USAGE_STATS", "1"}, {"HOME", "/home/vllm"}, {"NCCL_DEBUG", "WARN"},
        {"STORAGE_URI", "s3://models/granite-3.1-8b-instruct"}}) {
      env.add(new EnvVar(kv[0], kv[1], null));
    }
    List<VolumeMount> mounts = List.of(
        new VolumeMountBuilder().withName("shm").withMountPath("/dev/shm").build(),
        new VolumeMountBuilder().withName("kserve-provision-location").withMountPath("/mnt/models")
            .withReadOnly(true).build(),
        new VolumeMountBuilder().withName("kube-api-access-x7k2p")
            .withMountPath("/var/run/secrets/kubernetes.io/serviceaccount").withReadOnly(true).build());
    spec.setContainers(List.of(new ContainerBuilder(main).withEnv(env).withVolumeMounts(mounts)
        .withImage("quay.io/modh/vllm@sha256:" + "4f1c".repeat(16)).withImagePullPolicy("IfNotPresent")
        .addNewPort().withName("http1").withContainerPort(8080).withProtocol("TCP").endPort()
        .withNewReadinessProbe().withNewHttpGet().withPath("/health").withNewPort(8080).withScheme("HTTP")
        .endHttpGet().withInitialDelaySeconds(30).withPeriodSeconds(10).withTimeoutSeconds(5)
        .withFailureThreshold(3).withSuccessThreshold(1).endReadinessProbe()
        .withNewLivenessProbe().withNewHttpGet().withPath("/health").withNewPort(8080).withScheme("HTTP")
        .endHttpGet().withInitialDelaySeconds(60).withPeriodSeconds(10).withTimeoutSeconds(5)
        .withFailureThreshold(3).withSuccessThreshold(1).endLivenessProbe()
        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withRunAsNonRoot(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
        .withTerminationMessagePath("/dev/termination-log").withTerminationMessagePolicy("FallbackToLogsOnError")
        .build()));
    List<Volume> volumes = List.of(
        new VolumeBuilder().withName("shm").withNewEmptyDir().withMedium("Memory").withSizeLimit(
            new io.fabric8.kubernetes.api.model.Quantity("2Gi")).endEmptyDir().build(),
        new VolumeBuilder().withName("kserve-provision-location").withNewEmptyDir().endEmptyDir().build(),
        new VolumeBuilder().withName("kube-api-access-x7k2p").withNewProjected().withDefaultMode(420)
            .addNewSource().withNewServiceAccountToken().withExpirationSeconds(3607L).withPath("token")
            .endServiceAccountToken().endSource()
            .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").addNewItem().withKey("ca.crt")
            .withPath("ca.crt").endItem().endConfigMap().endSource()
            .addNewSource().withNewDownwardAPI().addNewItem().withPath("namespace").withNewFieldRef()
            .withApiVersion("v1").withFieldPath("metadata.namespace").endFieldRef().endItem().endDownwardAPI()
            .endSource()
            .addNewSource().withNewConfigMap().withName("openshift-service-ca.crt").addNewItem()
            .withKey("service-ca.crt").withPath("service-ca.crt").endItem().endConfigMap().endSource()
            .endProjected().build());
    spec.setVolumes(volumes);
    spec.setTolerations(List.of(
        new Toleration("NoExecute", "node.kubernetes.io/not-ready", "Exists", 300L, null),
        new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", 300L, null),
        new Toleration("NoSchedule", "nvidia.com/gpu", "Exists", null, null)));
    spec.setServiceAccountName("llm-sa");
    spec.setServiceAccount("llm-sa");
    spec.setSchedulerName("default-scheduler");
    spec.setDnsPolicy("ClusterFirst");
    spec.setRestartPolicy("Always");
    spec.setEnableServiceLinks(false);
    spec.setPriority(0);
    spec.setPreemptionPolicy("PreemptLowerPriority");
    spec.setTerminationGracePeriodSeconds(30L);

    var status = pod.getStatus();
    if (status != null && "Running".equals(status.getPhase())) {
      status.setHostIP("10.0.91.14");
      status.setPodIP("10.131.4.27");
      status.setPodIPs(List.of(new PodIP("10.131.4.27")));
      status.setQosClass("Burstable");
      status.setStartTime("2026-11-30T08:14:22Z");
      if (status.getContainerStatuses() != null) {
        for (ContainerStatus cs : status.getContainerStatuses()) {
          cs.setImage("quay.io/modh/vllm@sha256:" + "4f1c".repeat(16));
          cs.setImageID("quay.io/modh/vllm@sha256:" + "9a0e".repeat(16));
          cs.setContainerID("cri-o://" + "7be3".repeat(16));
          cs.setStarted(true);
        }
      }
    }
    meta.setManagedFields(managedFields(pod));
  }

  /** One entry per manager, each a FieldsV1 tree of the part it owns, as the API server records them. */
  private static List<ManagedFieldsEntry> managedFields(Pod pod) {
    JsonNode tree = JSON.valueToTree(pod);
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    ObjectNode metadata = ((ObjectNode) tree.path("metadata")).deepCopy();
    metadata.remove(List.of("managedFields", "uid", "resourceVersion", "creationTimestamp", "name", "namespace"));
    ObjectNode owned = JSON.createObjectNode();
    owned.set("metadata", metadata);
    owned.set("spec", tree.path("spec"));
    entries.add(entry("kube-controller-manager", null, fields(owned)));
    entries.add(entry("kubelet", "status", fields(JSON.createObjectNode().set("status", tree.path("status")))));
    entries.add(entry("multus-daemon", "status", fields(JSON.createObjectNode().set("metadata",
        JSON.createObjectNode().set("annotations", JSON.createObjectNode().put("k8s.v1.cni.cncf.io/network-status",
            ""))))));
    return entries;
  }

  private static ManagedFieldsEntry entry(String manager, String subresource, Map<String, Object> fields) {
    FieldsV1 v1 = new FieldsV1();
    v1.setAdditionalProperties(fields);
    return new ManagedFieldsEntry("v1", "FieldsV1", v1, manager, "Update", subresource, "2026-11-30T08:14:25Z");
  }

  /** A FieldsV1 set: every field as "f:name", list items by key ("k:{...}") where they have a name. */
  private static Map<String, Object> fields(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (node.isObject()) {
      out.put(".", Map.of());
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put("f:" + e.getKey(), fields(e.getValue()));
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        String key = item.has("name") ? "k:{\"name\":\"" + item.path("name").asText() + "\"}"
            : "v:" + item.toString();
        out.put(key, fields(item));
      }
    }
    return out;
  }
}
