package io.aiops.catalog.model.validate;

import io.aiops.catalog.kserve.InferenceServices;
import io.aiops.catalog.kserve.InferenceService;
import io.aiops.catalog.kserve.Condition;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.StepLog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
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

  private final KubernetesClient client;
  private final StepLog log;
  private final Map<String, String> lastSeen = new HashMap<>();

  InferenceServiceCheck(KubernetesClient client, StepLog log) {
    this.client = client;
    this.log = log;
  }

  /** What was found; {@code isvc} is empty when it does not exist. */
  record Outcome(List<Finding> checks, Optional<InferenceService> isvc) {}

  Outcome check(String namespace, String name, Duration readyTimeout) {
    Resource<GenericKubernetesResource> ref = InferenceServices.named(client, namespace, name);
    GenericKubernetesResource found = ref.get();
    if (found == null) {
      return new Outcome(List.of(Finding.fail("isvc", "InferenceService %s/%s not found: check --isvc and "
          + "--namespace (kubectl get inferenceservices -n %s)", namespace, name, namespace)), Optional.empty());
    }
    InferenceService view = new InferenceService(found);
    if (!view.settled()) {
      log.info("waiting up to %ds for InferenceService %s/%s to be ready", readyTimeout.toSeconds(), namespace, name);
      progress(view);
      try {
        GenericKubernetesResource last = ref.waitUntilCondition(r -> r == null || settledLogging(new InferenceService(r)),
            readyTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (last == null) {
          return new Outcome(List.of(Finding.fail("isvc", "InferenceService %s/%s was deleted while waiting",
              namespace, name)), Optional.empty());
        }
        view = new InferenceService(last);
      } catch (KubernetesClientTimeoutException timedOut) {
        view = Optional.ofNullable(ref.get()).map(InferenceService::new).orElse(view);
        log.warn("InferenceService %s/%s not ready after %ds", namespace, name, readyTimeout.toSeconds());
      }
    }
    List<Finding> checks = new ArrayList<>();
    checks.add(Finding.pass("isvc", "InferenceService %s/%s exists (%s mode)", namespace, name, view.mode()));
    checks.add(conditions(view));
    checks.add(modelStatus(view));
    return new Outcome(checks, Optional.of(view));
  }

  private boolean settledLogging(InferenceService view) {
    progress(view);
    return view.settled();
  }

  /** One line per condition whose state changed since the last event: what the wait is waiting on. */
  private void progress(InferenceService view) {
    for (String type : view.requiredConditions()) {
      String state = view.condition(type).map(Condition::describe).orElse("not reported yet");
      if (!state.equals(lastSeen.put(type, state))) {
        log.info("  %s: %s", type, state);
      }
    }
    String model = view.transitionStatus().orElse("-") + ", model " + view.activeModelState().orElse("-");
    if (!model.equals(lastSeen.put("modelStatus", model))) {
      log.info("  modelStatus: %s", model);
    }
  }

  private static Finding conditions(InferenceService view) {
    List<String> notTrue = new ArrayList<>();
    for (String type : view.requiredConditions()) {
      Optional<Condition> c = view.condition(type);
      if (c.isEmpty() || !c.get().isTrue()) {
        notTrue.add(type + " " + c.map(Condition::describe).orElse("not reported"));
      }
    }
    return notTrue.isEmpty()
        ? Finding.pass("isvc/conditions", "%s are True", String.join(", ", view.requiredConditions()))
        : Finding.fail("isvc/conditions", "not ready: %s", String.join("; ", notTrue));
  }

  private static Finding modelStatus(InferenceService view) {
    if (view.transitionStatus().isEmpty()) {
      return Finding.warn("isvc/model-status", "no status.modelStatus (KServe before 0.11?): model state not known");
    }
    String transition = view.transitionStatus().get();
    String active = view.activeModelState().orElse("none");
    if (InferenceService.isTerminal(transition) || view.failureMessage().isPresent() && !"Loaded".equals(active)) {
      return Finding.fail("isvc/model-status", "%s, active model %s: %s", transition, active,
          view.failureMessage().orElse("no failure info"));
    }
    return "UpToDate".equals(transition) && "Loaded".equals(active)
        ? Finding.pass("isvc/model-status", "UpToDate, active model Loaded")
        : Finding.fail("isvc/model-status", "transitionStatus %s, active model %s (want UpToDate and Loaded)",
            transition, active);
  }
}
