package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.step.kube.KubeName;
import io.aiops.catalog.gpu.preflight.coordinator.Coordinator;
import io.aiops.catalog.step.StepException;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which nodes, which checks, and how the Jobs look (a picocli mixin of 'run'). */
public class RunOptions {
  @Option(names = "--hosts", paramLabel = "NODES", split = ",", converter = KubeName.Subdomain.class,
      description = "Nodes to check, by name.")
  List<String> hosts = List.of();

  @Option(names = "--selector", paramLabel = "LABELS", defaultValue = "nvidia.com/gpu.present=true",
      description = "Label selector of the nodes to check when --hosts is not given. Default: ${DEFAULT-VALUE}.")
  String selector;

  @Option(names = "--checks", paramLabel = "LIST", split = ",", defaultValue = "pciebw,remapped,dcgm",
      description = "Checks each node runs (see 'check --help'; iperf3 is not available in run mode). "
          + "Default: ${DEFAULT-VALUE}.")
  List<String> checks;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "20",
      description = "Most check Jobs at once (each holds its node's GPUs while it runs); 0 starts every node's Job at "
          + "once, for small clusters only. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--ping-peers", paramLabel = "N", defaultValue = "8",
      description = "With the ping check, how many other nodes each node pings: the next N in name order, wrapping "
          + "round, so every node is also pinged by N others and a large cluster is not pinged n x n; 0 pings "
          + "every other node, for small clusters only. Default: ${DEFAULT-VALUE}.")
  int pingPeers;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", converter = KubeName.Label.class,
      description = "Namespace of the Jobs (default: the "
      + "client's, in a pod its own).")
  String namespace;

  @Option(names = "--image", paramLabel = "IMAGE", defaultValue = "quay.io/aiops-catalog/gpu-preflight:0.1.0",
      description = "Image of the check Jobs. Default: ${DEFAULT-VALUE}.")
  String image;

  @Option(names = "--service-account", paramLabel = "NAME", converter = KubeName.Subdomain.class,
      description = "Service account of the check Jobs.")
  String serviceAccount;

  @Option(names = "--toleration", paramLabel = "KEY[=VALUE][:EFFECT]", split = ",",
      description = "Tolerations of the check Jobs, e.g. nvidia.com/gpu:NoSchedule; * tolerates every taint.")
  List<String> tolerations = List.of();

  @Option(names = "--gpu-resource", paramLabel = "NAME", defaultValue = "nvidia.com/gpu",
      description = "GPU resource the Jobs request. Default: ${DEFAULT-VALUE}.")
  String gpuResource;

  @Option(names = "--gpus-per-node", paramLabel = "N",
      description = "GPUs each Job requests. Default: all the node's allocatable GPUs (a check must not share them).")
  Integer gpusPerNode;

  @Option(names = "--expected-gpus", paramLabel = "N",
      description = "GPUs every node must show (fewer fails inventory). Default: each node's own: --gpus-per-node "
          + "when given, else the node's GPU capacity (status.capacity of --gpu-resource).")
  Integer expectedGpus;

  @Option(names = "--label-nodes", arity = "0..1", fallbackValue = "true", description = "Label each node " + Coordinator.VERDICT_LABEL + "=<verdict>, and "
      + Coordinator.EVICT_LABEL + "=true after a fatal finding (lost GPU, fatal Xid, remap failure).")
  boolean labelNodes;

  @Option(names = "--owner-pod", paramLabel = "NAME", converter = KubeName.Subdomain.class, defaultValue = "${env:POD_NAME}",
      description = "Pod that owns the Jobs, so they are garbage-collected with it (env POD_NAME).")
  String ownerPod;

  @Option(names = "--check-arg", paramLabel = "--OPTION=VALUE",
      description = "Passed to every node's 'check', e.g. --check-arg=--dcgm-level=2; repeatable.")
  List<String> checkArg = List.of();

  List<String> checkArgs() {
    List<String> chosen = checks.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String c : chosen) {
      if (c.equals("iperf3") || c.equals("iperf")) {
        throw StepException.usage("iperf3 needs servers on the peers: run 'serve-iperf' and 'check --checks=iperf3' "
            + "yourself; run mode offers ping for reachability");
      }
      if (!CheckCommand.ALL.contains(c)) {
        throw StepException.usage("unknown check " + c + "; known: " + String.join(",", CheckCommand.ALL));
      }
    }
    if (chosen.isEmpty()) {
      throw StepException.usage("--checks is empty");
    }
    if (batch < 0) {
      throw StepException.usage("--batch must be 0 (all at once) or more, got " + batch);
    }
    if (pingPeers < 0) {
      throw StepException.usage("--ping-peers must be 0 (every other node) or more, got " + pingPeers);
    }
    if (expectedGpus != null && expectedGpus < 1 || gpusPerNode != null && gpusPerNode < 1) {
      throw StepException.usage("--expected-gpus and --gpus-per-node must be 1 or more (leave them empty to use "
          + "each node's GPUs)");
    }
    if (image == null || image.isBlank()) {
      throw StepException.usage("--image is empty");
    }
    List<String> args = new ArrayList<>(List.of("--checks=" + String.join(",", chosen)));
    for (String a : checkArg) {
      if (a.isBlank() || a.endsWith("=")) {
        continue; // a Tekton param left empty: the check's own default applies
      }
      if (!a.startsWith("--") || a.startsWith("--checks") || a.startsWith("--node=")) {
        throw StepException.usage("--check-arg takes a check option like --dcgm-level=2, got " + a);
      }
      args.add(a);
    }
    this.checks = chosen;
    return args;
  }

  String namespace(KubernetesClient client) {
    String ns = namespace == null || namespace.isBlank() ? client.getNamespace() : namespace;
    return ns == null ? "default" : ns;
  }

  String serviceAccount() {
    return serviceAccount == null || serviceAccount.isBlank() ? null : serviceAccount;
  }

  List<Node> nodes(KubernetesClient client) {
    List<String> named = hosts.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (!named.isEmpty()) {
      List<Node> nodes = new ArrayList<>();
      for (String h : named) {
        Node n = client.nodes().withName(h).get();
        if (n == null) {
          throw StepException.usage("no node named " + h);
        }
        nodes.add(n);
      }
      return nodes;
    }
    List<Node> nodes = client.nodes().withLabelSelector(selector).list().getItems();
    if (nodes.isEmpty()) {
      throw StepException.usage("no node matches --selector " + selector);
    }
    return nodes;
  }

  List<Toleration> tolerations() {
    List<Toleration> out = new ArrayList<>();
    for (String t : tolerations) {
      String s = t.strip();
      if (s.isEmpty()) {
        continue;
      }
      if (s.equals("*")) {
        out.add(new TolerationBuilder().withOperator("Exists").build());
        continue;
      }
      String effect = s.contains(":") ? s.substring(s.lastIndexOf(':') + 1) : null;
      String kv = s.contains(":") ? s.substring(0, s.lastIndexOf(':')) : s;
      if (effect != null && !List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
        throw StepException.usage("--toleration " + t + ": effect must be NoSchedule, PreferNoSchedule or NoExecute");
      }
      String[] parts = kv.split("=", 2);
      out.add(new TolerationBuilder().withKey(parts[0]).withOperator(parts.length == 2 ? "Equal" : "Exists")
          .withValue(parts.length == 2 ? parts[1] : null).withEffect(effect).build());
    }
    return out;
  }

  OwnerReference owner(KubernetesClient client, String ns) {
    if (ownerPod == null || ownerPod.isBlank()) {
      return null;
    }
    Pod pod = client.pods().inNamespace(ns).withName(ownerPod).get();
    return pod == null ? null : new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
        .withName(ownerPod).withUid(pod.getMetadata().getUid()).build();
  }
}
