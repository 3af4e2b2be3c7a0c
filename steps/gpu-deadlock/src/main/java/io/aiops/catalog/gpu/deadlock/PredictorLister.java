package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.step.kube.KubeFailure;
import io.aiops.catalog.kserve.InferenceServices;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.kube.ListPages;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads predictor state with label-selected lists: pods first, and ReplicaSets/Deployments only where a predictor
 * pod is Pending. With --all-namespaces each kind is one paged cluster-wide call, however many namespaces hold it.
 * Every list goes through {@link ListPages} (pages of {@link #PAGE}, gzip asked as kubectl does, items decoded as
 * they stream in), and each object goes into the {@link Snapshot}, which keeps only what detection needs.
 */
final class PredictorLister {
  static final int PAGE = 500;
  private static final ResourceDefinitionContext PODS = kind("", "Pod", "pods");
  private static final ResourceDefinitionContext REPLICA_SETS = kind("apps", "ReplicaSet", "replicasets");
  private static final ResourceDefinitionContext DEPLOYMENTS = kind("apps", "Deployment", "deployments");
  /** The one "namespace" of a cluster-wide list. */
  private static final List<String> ALL_NAMESPACES = Collections.singletonList(null);
  private final KubernetesClient client;

  PredictorLister(KubernetesClient client) {
    this.client = client;
  }

  Snapshot read(Scope scope) {
    Snapshot snapshot = new Snapshot();
    for (String ns : scope.allNamespaces() ? ALL_NAMESPACES : scope.namespaces()) {
      list(PODS, ns, scope.podSelector(), Pod.class, snapshot::addPod);
    }
    if (snapshot.pendingNamespaces().isEmpty()) {
      return snapshot;
    }
    Collection<String> where = scope.allNamespaces() ? ALL_NAMESPACES : snapshot.pendingNamespaces();
    for (String ns : where) {
      list(REPLICA_SETS, ns, InferenceServices.PREDICTOR_SELECTOR, ReplicaSet.class, snapshot::addReplicaSet);
      list(DEPLOYMENTS, ns, InferenceServices.PREDICTOR_SELECTOR, Deployment.class, snapshot::addDeployment);
    }
    return snapshot;
  }

  /** One kind in one namespace (null: all), every page, each object to {@code take} as it is decoded. */
  private <T> void list(ResourceDefinitionContext kind, String namespace, String selector, Class<T> type,
      Consumer<T> take) {
    try {
      ListPages.forEach(client, kind, namespace, selector, PAGE, type, take);
    } catch (KubernetesClientException e) {
      throw failure(kind.getPlural(), namespace, e);
    }
  }

  private static ResourceDefinitionContext kind(String group, String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withKind(kind)
        .withPlural(plural).withNamespaced(true).build();
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
