package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.step.kube.KubeFailure;
import io.aiops.catalog.kserve.InferenceServices;
import io.aiops.catalog.step.StepException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Reads predictor state with label-selected lists: pods first, and ReplicaSets/Deployments only where a predictor
 * pod is Pending. With --all-namespaces each kind is one paged cluster-wide call, however many namespaces hold it.
 */
final class PredictorLister {
  static final int PAGE = 500;
  private final KubernetesClient client;

  PredictorLister(KubernetesClient client) {
    this.client = client;
  }

  Snapshot read(Scope scope) {
    List<Pod> pods = new ArrayList<>();
    if (scope.allNamespaces()) {
      pods.addAll(paged("pods", null, (limit, cont) ->
          client.pods().inAnyNamespace().withLabelSelector(scope.podSelector()).list(limit, cont)));
    } else {
      for (String ns : scope.namespaces()) {
        pods.addAll(paged("pods", ns, (limit, cont) ->
            client.pods().inNamespace(ns).withLabelSelector(scope.podSelector()).list(limit, cont)));
      }
    }
    Set<String> pendingIn = new TreeSet<>();
    pods.stream().filter(Kube::isPending).forEach(p -> pendingIn.add(p.getMetadata().getNamespace()));
    List<ReplicaSet> replicaSets = new ArrayList<>();
    List<Deployment> deployments = new ArrayList<>();
    if (pendingIn.isEmpty()) {
      return new Snapshot(pods, replicaSets, deployments);
    }
    if (scope.allNamespaces()) {
      replicaSets.addAll(paged("replicasets", null, (limit, cont) -> client.apps().replicaSets().inAnyNamespace()
          .withLabelSelector(InferenceServices.PREDICTOR_SELECTOR).list(limit, cont)));
      deployments.addAll(paged("deployments", null, (limit, cont) -> client.apps().deployments().inAnyNamespace()
          .withLabelSelector(InferenceServices.PREDICTOR_SELECTOR).list(limit, cont)));
    } else {
      for (String ns : pendingIn) {
        replicaSets.addAll(paged("replicasets", ns, (limit, cont) -> client.apps().replicaSets().inNamespace(ns)
            .withLabelSelector(InferenceServices.PREDICTOR_SELECTOR).list(limit, cont)));
        deployments.addAll(paged("deployments", ns, (limit, cont) -> client.apps().deployments().inNamespace(ns)
            .withLabelSelector(InferenceServices.PREDICTOR_SELECTOR).list(limit, cont)));
      }
    }
    return new Snapshot(pods, replicaSets, deployments);
  }

  private static <T extends HasMetadata, L extends KubernetesResourceList<T>> List<T> paged(String kind,
      String namespace, BiFunction<Integer, String, L> page) {
    List<T> items = new ArrayList<>();
    String cont = null;
    try {
      do {
        L list = page.apply(PAGE, cont);
        items.addAll(list.getItems());
        cont = list.getMetadata() == null ? null : list.getMetadata().getContinue();
      } while (cont != null && !cont.isEmpty());
    } catch (KubernetesClientException e) {
      throw failure(kind, namespace, e);
    }
    return items;
  }

  /** Every read failure is exit 4, naming where: the scan cannot vouch for what it could not see. */
  static StepException failure(String kind, String namespace, KubernetesClientException e) {
    String where = namespace == null ? "all namespaces" : "namespace " + namespace;
    String why = switch (e.getCode()) {
      case 401 -> "unauthorized (is the service account token valid?)";
      case 403 -> "forbidden: the service account needs get, list and watch on pods, replicasets and deployments"
          + (namespace == null ? " cluster-wide (a ClusterRole) for --all-namespaces" : " in " + namespace);
      // anything else (no server, refused, untrusted certificate, 5xx): the shared explanation, cause and fix
      default -> KubeFailure.of(e).map(Throwable::getMessage).orElse(e.getMessage());
    };
    return StepException.unavailable("cannot list " + kind + " in " + where + ": " + why, e);
  }
}
