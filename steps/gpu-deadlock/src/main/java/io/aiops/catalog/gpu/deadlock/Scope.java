package io.aiops.catalog.gpu.deadlock;

import java.util.List;

/**
 * Where to look: some namespaces, or all of them (one cluster-wide call per kind, so the number of calls does not
 * grow with the number of namespaces); and an optional extra label selector on the predictor pods.
 */
record Scope(List<String> namespaces, boolean allNamespaces, String selector) {
  static Scope of(String namespace) {
    return new Scope(List.of(namespace), false, null);
  }

  String podSelector() {
    return selector == null || selector.isBlank() ? Kube.PREDICTOR_SELECTOR : Kube.PREDICTOR_SELECTOR + "," + selector;
  }

  String describe() {
    return allNamespaces ? "all namespaces" : "namespace" + (namespaces.size() > 1 ? "s " : " ")
        + String.join(", ", namespaces);
  }
}
