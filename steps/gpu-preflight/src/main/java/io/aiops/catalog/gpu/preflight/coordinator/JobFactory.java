package io.aiops.catalog.gpu.preflight.coordinator;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Job that runs {@code gpu-preflight check} on one node: pinned by {@code kubernetes.io/hostname}, holding all
 * the node's GPUs (a check on a GPU a training pod holds would measure the training), never retried (a retry would
 * hide a flaky GPU), reporting through its termination message, and garbage-collected by TTL and owner.
 */
public final class JobFactory {
  public static final String RUN_LABEL = "gpu-preflight.aiops.io/run";
  public static final String NODE_LABEL = "gpu-preflight.aiops.io/node";

  /** What every Job of one run shares. */
  public record Spec(String namespace, String runId, String image, String serviceAccount, List<Toleration> tolerations,
      String gpuResource, Integer gpusPerNode, Integer expectedGpus, List<String> checkArgs, Duration timeout,
      OwnerReference owner) {}

  private final Spec spec;

  public JobFactory(Spec spec) {
    this.spec = spec;
  }

  /** @param peers the other nodes' addresses, for ping (empty when ping is not chosen) */
  public Job forNode(Node node, List<String> peers) {
    String name = node.getMetadata().getName();
    String hostname = node.getMetadata().getLabels() == null ? name
        : node.getMetadata().getLabels().getOrDefault("kubernetes.io/hostname", name);
    int gpus = gpus(node);
    List<String> args = new ArrayList<>(List.of("check", "--node=" + name, "--termination-log=/dev/termination-log",
        "--format=json", "--log-format=json"));
    args.addAll(spec.checkArgs());
    int expected = expectedGpus(node);
    if (expected > 0) {
      args.add("--expected-gpus=" + expected);
    }
    if (!peers.isEmpty()) {
      args.add("--peers=" + String.join(",", peers));
    }
    Map<String, Quantity> limits = gpus > 0 ? Map.of(spec.gpuResource(), new Quantity(Integer.toString(gpus)))
        : Map.of();
    return new JobBuilder()
        .withNewMetadata()
          .withGenerateName("gpu-preflight-" + shortName(name) + "-")
          .withNamespace(spec.namespace())
          .addToLabels("app.kubernetes.io/name", "gpu-preflight")
          .addToLabels(RUN_LABEL, spec.runId())
          .addToLabels(NODE_LABEL, shortLabel(name))
          .addToAnnotations(NODE_LABEL, name)
          .withOwnerReferences(spec.owner() == null ? List.of() : List.of(spec.owner()))
        .endMetadata()
        .withNewSpec()
          .withBackoffLimit(0)
          .withTtlSecondsAfterFinished(3600)
          .withActiveDeadlineSeconds(spec.timeout().toSeconds())
          .withNewTemplate()
            .withNewMetadata().addToLabels(RUN_LABEL, spec.runId()).endMetadata()
            .withNewSpec()
              .withRestartPolicy("Never")
              .withServiceAccountName(spec.serviceAccount())
              .addToNodeSelector("kubernetes.io/hostname", hostname)
              .withTolerations(spec.tolerations())
              .addNewContainer()
                .withName("check")
                .withImage(spec.image())
                .withCommand("java", "-XX:TieredStopAtLevel=1", "-jar", "/home/jboss/quarkus-run.jar")
                .withArgs(args)
                .addNewEnv().withName("NODE_NAME").withNewValueFrom().withNewFieldRef()
                  .withFieldPath("spec.nodeName").endFieldRef().endValueFrom().endEnv()
                // the node's own IP, so that --dcgm-host=$(HOST_IP):5555 reaches the nv-hostengine of this node
                .addNewEnv().withName("HOST_IP").withNewValueFrom().withNewFieldRef()
                  .withFieldPath("status.hostIP").endFieldRef().endValueFrom().endEnv()
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withNewResources()
                  .addToRequests("cpu", new Quantity("500m")).addToRequests("memory", new Quantity("512Mi"))
                  .addToLimits("memory", new Quantity("1Gi")).addToLimits(limits)
                .endResources()
                .withNewSecurityContext()
                  .withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
                  .withNewCapabilities().withDrop("ALL").endCapabilities()
                  .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
              .endContainer()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  /** The GPUs the node's Job requests: --gpus-per-node, else all the node's allocatable GPUs. */
  public int gpus(Node node) {
    return spec.gpusPerNode() != null ? spec.gpusPerNode() : allocatable(node, spec.gpuResource());
  }

  /**
   * The GPUs the node's check must see: the user's count, else what the Job holds when it holds fewer than all
   * (--gpus-per-node), else the node's capacity. Capacity, not allocatable: the device plugin takes an unhealthy GPU
   * out of allocatable, and the check must then see one GPU fewer than the node has and fail. 0: not known.
   */
  int expectedGpus(Node node) {
    if (spec.expectedGpus() != null) {
      return spec.expectedGpus();
    }
    if (spec.gpusPerNode() != null) {
      return spec.gpusPerNode();
    }
    return capacity(node, spec.gpuResource());
  }

  public static int capacity(Node node, String resource) {
    if (node.getStatus() == null || node.getStatus().getCapacity() == null) {
      return 0;
    }
    Quantity q = node.getStatus().getCapacity().get(resource);
    return q == null ? 0 : q.getNumericalAmount().intValue();
  }

  /** The node's InternalIP (what pods reach it by), else its name. */
  static String address(Node node) {
    return node.getStatus() == null || node.getStatus().getAddresses() == null ? node.getMetadata().getName()
        : node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
            .map(io.fabric8.kubernetes.api.model.NodeAddress::getAddress).findFirst()
            .orElse(node.getMetadata().getName());
  }

  public static int allocatable(Node node, String resource) {
    if (node.getStatus() == null || node.getStatus().getAllocatable() == null) {
      return 0;
    }
    Quantity q = node.getStatus().getAllocatable().get(resource);
    return q == null ? 0 : q.getNumericalAmount().intValue();
  }

  /** Label values stop at 63 characters; node names may be FQDNs up to 253. */
  static String shortLabel(String name) {
    String v = name.length() <= 63 ? name : name.substring(0, 63);
    return v.replaceAll("[^A-Za-z0-9]+$", "");
  }

  private static String shortName(String name) {
    String v = name.toLowerCase().replaceAll("[^a-z0-9-]", "-");
    return (v.length() > 30 ? v.substring(0, 30) : v).replaceAll("-+$", "");
  }
}
