package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.kserve.InferenceServices;
import io.aiops.catalog.step.StepException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where to look: some namespaces, or all of them (one cluster-wide call per kind, so the number of calls does not
 * grow with the number of namespaces); and an optional extra label selector on the predictor pods.
 */
record Scope(List<String> namespaces, boolean allNamespaces, String selector) {
  /** The scope the options ask for, validated before the first API call; an empty Tekton param means unset. */
  static Scope resolve(List<String> namespaces, boolean all, String selector, Supplier<String> current) {
    List<String> given = namespaces.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    if (all && !given.isEmpty()) {
      throw StepException.usage("give --namespace or --all-namespaces, not both");
    }
    if (!all && given.isEmpty()) {
      String ns = current.get();
      if (ns == null || ns.isBlank()) {
        throw StepException.usage("no namespace: give --namespace NS or --all-namespaces");
      }
      given = List.of(ns);
    }
    return new Scope(given, all, selector == null || selector.isBlank() ? null : selector.trim());
  }

  static Scope of(String namespace) {
    return new Scope(List.of(namespace), false, null);
  }

  String podSelector() {
    return selector == null || selector.isBlank() ? InferenceServices.PREDICTOR_SELECTOR : InferenceServices.PREDICTOR_SELECTOR + "," + selector;
  }

  String describe() {
    return allNamespaces ? "all namespaces" : "namespace" + (namespaces.size() > 1 ? "s " : " ")
        + String.join(", ", namespaces);
  }
}
