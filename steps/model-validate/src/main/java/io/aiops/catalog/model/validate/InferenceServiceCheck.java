package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.StepLog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Is the InferenceService really ready: its conditions, and the model status KServe keeps beside them. Waits by
 * watching the resource (fabric8's informer behind waitUntilCondition), logging each condition as it changes.
 */
final class InferenceServiceCheck {
  static final ResourceDefinitionContext ISVC = new ResourceDefinitionContext.Builder()
      .withGroup("serving.kserve.io").withVersion("v1beta1").withKind("InferenceService")
      .withPlural("inferenceservices").withNamespaced(true).build();
  static final String DEPLOYMENT_MODE = "serving.kserve.io/deploymentMode";
  /** Model states after which waiting longer cannot help. */
  private static final List<String> TERMINAL = List.of("BlockedByFailedLoad", "InvalidSpec");

  private final KubernetesClient client;
  private final StepLog log;
  private final Map<String, String> lastSeen = new HashMap<>();

  InferenceServiceCheck(KubernetesClient client, StepLog log) {
    this.client = client;
    this.log = log;
  }

  /** What was found; {@code isvc} is empty when it does not exist. */
  record Outcome(List<Check> checks, Optional<IsvcView> isvc) {}

  Outcome check(String namespace, String name, Duration readyTimeout) {
    Resource<GenericKubernetesResource> ref = client.genericKubernetesResources(ISVC).inNamespace(namespace)
        .withName(name);
    GenericKubernetesResource found = ref.get();
    if (found == null) {
      return new Outcome(List.of(Check.fail("isvc", "InferenceService %s/%s not found: check --isvc and "
          + "--namespace (kubectl get inferenceservices -n %s)", namespace, name, namespace)), Optional.empty());
    }
    IsvcView view = new IsvcView(found);
    if (!view.settled()) {
      log.info("waiting up to %ds for InferenceService %s/%s to be ready", readyTimeout.toSeconds(), namespace, name);
      progress(view);
      try {
        GenericKubernetesResource last = ref.waitUntilCondition(r -> r == null || settledLogging(new IsvcView(r)),
            readyTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (last == null) {
          return new Outcome(List.of(Check.fail("isvc", "InferenceService %s/%s was deleted while waiting",
              namespace, name)), Optional.empty());
        }
        view = new IsvcView(last);
      } catch (KubernetesClientTimeoutException timedOut) {
        view = Optional.ofNullable(ref.get()).map(IsvcView::new).orElse(view);
        log.warn("InferenceService %s/%s not ready after %ds", namespace, name, readyTimeout.toSeconds());
      }
    }
    List<Check> checks = new ArrayList<>();
    checks.add(Check.pass("isvc", "InferenceService %s/%s exists (%s mode)", namespace, name, view.mode()));
    checks.add(conditions(view));
    checks.add(modelStatus(view));
    return new Outcome(checks, Optional.of(view));
  }

  private boolean settledLogging(IsvcView view) {
    progress(view);
    return view.settled();
  }

  /** One line per condition whose state changed since the last event: what the wait is waiting on. */
  private void progress(IsvcView view) {
    for (String type : view.requiredConditions()) {
      String state = view.condition(type).map(IsvcView.Condition::describe).orElse("not reported yet");
      if (!state.equals(lastSeen.put(type, state))) {
        log.info("  %s: %s", type, state);
      }
    }
    String model = view.transitionStatus().orElse("-") + ", model " + view.activeModelState().orElse("-");
    if (!model.equals(lastSeen.put("modelStatus", model))) {
      log.info("  modelStatus: %s", model);
    }
  }

  private static Check conditions(IsvcView view) {
    List<String> notTrue = new ArrayList<>();
    for (String type : view.requiredConditions()) {
      Optional<IsvcView.Condition> c = view.condition(type);
      if (c.isEmpty() || !c.get().isTrue()) {
        notTrue.add(type + " " + c.map(IsvcView.Condition::describe).orElse("not reported"));
      }
    }
    return notTrue.isEmpty()
        ? Check.pass("isvc/conditions", "%s are True", String.join(", ", view.requiredConditions()))
        : Check.fail("isvc/conditions", "not ready: %s", String.join("; ", notTrue));
  }

  private static Check modelStatus(IsvcView view) {
    if (view.transitionStatus().isEmpty()) {
      return Check.warn("isvc/model-status", "no status.modelStatus (KServe before 0.11?): model state not known");
    }
    String transition = view.transitionStatus().get();
    String active = view.activeModelState().orElse("none");
    if (TERMINAL.contains(transition) || view.failureMessage().isPresent() && !"Loaded".equals(active)) {
      return Check.fail("isvc/model-status", "%s, active model %s: %s", transition, active,
          view.failureMessage().orElse("no failure info"));
    }
    return "UpToDate".equals(transition) && "Loaded".equals(active)
        ? Check.pass("isvc/model-status", "UpToDate, active model Loaded")
        : Check.fail("isvc/model-status", "transitionStatus %s, active model %s (want UpToDate and Loaded)",
            transition, active);
  }

  static boolean isTerminal(String transition) {
    return TERMINAL.contains(transition);
  }
}
