package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.step.kube.KubeFailure;
import io.aiops.catalog.kserve.InferenceServices;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.kube.ListPages;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Reads predictor state with label-selected lists: pods first, and ReplicaSets/Deployments only where a predictor
 * pod is Pending. With --all-namespaces each kind is one paged cluster-wide call, however many namespaces hold it.
 * Each page goes into the {@link Snapshot}, which keeps only what detection needs, before the next is asked for.
 */
final class PredictorLister {
  static final int PAGE = 500;
  private static final ResourceDefinitionContext PODS = new ResourceDefinitionContext.Builder().withGroup("")
      .withVersion("v1").withKind("Pod").withPlural("pods").withNamespaced(true).build();
  private final KubernetesClient client;

  PredictorLister(KubernetesClient client) {
    this.client = client;
  }

  Snapshot read(Scope scope) {
    Snapshot snapshot = new Snapshot();
    if (scope.allNamespaces()) {
      pods(null, scope.podSelector(), snapshot);
    } else {
      for (String ns : scope.namespaces()) {
        pods(ns, scope.podSelector(), snapshot);
      }
    }
    if (snapshot.pendingNamespaces().isEmpty()) {
      return snapshot;
    }
    if (scope.allNamespaces()) {
      eachPage("replicasets", null, (limit, cont) -> client.apps().replicaSets().inAnyNamespace()
          .withLabelSelector(InferenceServices.PREDICTOR_SELECTOR).list(limit, cont), snapshot::addReplicaSets);
      eachPage("deployments", null, (limit, cont) -> client.apps().deployments().inAnyNamespace()
          .withLabelSelector(InferenceServices.PREDICTOR_SELECTOR).list(limit, cont), snapshot::addDeployments);
    } else {
      for (String ns : snapshot.pendingNamespaces()) {
        eachPage("replicasets", ns, (limit, cont) -> client.apps().replicaSets().inNamespace(ns)
            .withLabelSelector(InferenceServices.PREDICTOR_SELECTOR).list(limit, cont), snapshot::addReplicaSets);
        eachPage("deployments", ns, (limit, cont) -> client.apps().deployments().inNamespace(ns)
            .withLabelSelector(InferenceServices.PREDICTOR_SELECTOR).list(limit, cont), snapshot::addDeployments);
      }
    }
    return snapshot;
  }

  /**
   * The predictor pods, the one list that grows with the cluster (100,000 pods: some 200 pages): asked for gzip and
   * decoded pod by pod as each page streams in ({@link ListPages}), each handed to the snapshot at once.
   */
  private void pods(String namespace, String selector, Snapshot snapshot) {
    try {
      ListPages.forEach(client, PODS, namespace, selector, PAGE, Pod.class, snapshot::addPod);
    } catch (KubernetesClientException e) {
      throw failure("pods", namespace, e);
    }
  }

  /** Lists in pages of {@link #PAGE}, following continue tokens, and hands each page on before asking the next. */
  private static <T extends HasMetadata, L extends KubernetesResourceList<T>> void eachPage(String kind,
      String namespace, BiFunction<Integer, String, L> page, Consumer<List<T>> take) {
    String cont = null;
    try {
      do {
        L list = page.apply(PAGE, cont);
        take.accept(list.getItems());
        cont = list.getMetadata() == null ? null : list.getMetadata().getContinue();
      } while (cont != null && !cont.isEmpty());
    } catch (KubernetesClientException e) {
      throw failure(kind, namespace, e);
    }
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
