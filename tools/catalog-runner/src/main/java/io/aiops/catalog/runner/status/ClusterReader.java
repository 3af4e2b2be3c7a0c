package io.aiops.catalog.runner.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.TaskRun;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads what the status needs in three paginated lists, however many models and runs there are: the PipelineRuns
 * of the training pipelines, the accuracy-gate TaskRuns (joined to their PipelineRun by label), and the retraining
 * CronJobs.
 */
final class ClusterReader {
  static final long PAGE = 500;
  /** The labels our retraining CronJobs carry (the seed's part-of=model-training, and ours). */
  static final String CRONJOB_SELECTOR = "app.kubernetes.io/part-of in (model-training,model-retraining)";

  private final KubernetesClient client;
  private final String namespace;
  private int calls;

  /** {@code namespace} null: every namespace the caller may list. */
  ClusterReader(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  List<PipelineRun> pipelineRuns(List<String> pipelines) {
    var runs = client.resources(PipelineRun.class);
    String selector = RunView.PIPELINE_LABEL + " in (" + String.join(",", pipelines) + ")";
    return all(o -> (namespace == null ? runs.inAnyNamespace().withLabelSelector(selector)
        : runs.inNamespace(namespace).withLabelSelector(selector)).list(o));
  }

  List<TaskRun> gateTaskRuns() {
    var runs = client.resources(TaskRun.class);
    return all(o -> (namespace == null ? runs.inAnyNamespace().withLabel("tekton.dev/task", "accuracy-gate")
        : runs.inNamespace(namespace).withLabel("tekton.dev/task", "accuracy-gate")).list(o));
  }

  List<CronJob> cronJobs() {
    var cronJobs = client.batch().v1().cronjobs();
    return all(o -> (namespace == null ? cronJobs.inAnyNamespace() : cronJobs.inNamespace(namespace))
        .withLabelSelector(CRONJOB_SELECTOR).list(o));
  }

  int calls() {
    return calls;
  }

  private <T extends HasMetadata> List<T> all(Function<ListOptions, KubernetesResourceList<T>> page) {
    List<T> items = new ArrayList<>();
    String token = null;
    do {
      calls++;
      KubernetesResourceList<T> list = page.apply(new ListOptionsBuilder().withLimit(PAGE).withContinue(token)
          .build());
      items.addAll(list.getItems());
      token = list.getMetadata() == null ? null : list.getMetadata().getContinue();
    } while (token != null && !token.isEmpty());
    return items;
  }
}
