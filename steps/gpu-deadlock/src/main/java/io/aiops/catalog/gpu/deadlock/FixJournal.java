package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.kserve.InferenceServices;
import io.aiops.catalog.gpu.deadlock.Findings.Deadlock;
import io.aiops.catalog.step.StepLog;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records each fix action twice: as a Kubernetes Event on the InferenceService (what `oc describe isvc` shows the
 * model's owner) and in this run's list of actions (the artifacts and --output json). Dry runs record nothing in
 * the cluster.
 */
final class FixJournal {
  static final String COMPONENT = "gpu-deadlock";

  /** One thing done (or, in a dry run, that would be done). */
  record Action(Instant at, String namespace, String inferenceService, String action, String detail,
      boolean dryRun) {}

  private final KubernetesClient client;
  private final StepLog log;
  private final Clock clock;
  private final List<Action> actions = new ArrayList<>();

  FixJournal(KubernetesClient client, StepLog log, Clock clock) {
    this.client = client;
    this.log = log;
    this.clock = clock;
  }

  List<Action> actions() {
    return List.copyOf(actions);
  }

  void planned(Deadlock d, String action, String detail) {
    actions.add(new Action(clock.instant(), d.namespace(), d.inferenceService(), action, detail, true));
  }

  void done(Deadlock d, GenericKubernetesResource isvc, boolean warning, String action, String detail) {
    actions.add(new Action(clock.instant(), d.namespace(), d.inferenceService(), action, detail, false));
    if (warning) {
      log.warn("%s %s: %s", action, d.key(), detail);
    } else {
      log.info("%s %s: %s", action, d.key(), detail);
    }
    String now = clock.instant().toString();
    Event event = new EventBuilder()
        .withNewMetadata().withGenerateName(d.inferenceService() + "." + COMPONENT + "-")
        .withNamespace(d.namespace()).endMetadata()
        .withNewInvolvedObject().withApiVersion(InferenceServices.API_VERSION).withKind(InferenceServices.KIND)
        .withName(d.inferenceService()).withNamespace(d.namespace())
        .withUid(isvc == null ? null : isvc.getMetadata().getUid()).endInvolvedObject()
        .withType(warning ? "Warning" : "Normal").withReason(action).withMessage(detail)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT).withReportingInstance(COMPONENT)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .build();
    try {
      client.v1().events().inNamespace(d.namespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      // the action itself happened: a missing Event must not turn a fix into a failure
      log.warn("cannot record Event %s on inferenceservice %s/%s (HTTP %d): fix mode needs create on events",
          action, d.namespace(), d.inferenceService(), e.getCode());
    }
  }
}
