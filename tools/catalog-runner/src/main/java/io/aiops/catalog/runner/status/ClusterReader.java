package io.aiops.catalog.runner.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the status reads from the API server, in paginated lists (500 a page, following {@code continue}): the
 * PipelineRuns of a namespace (or all), the retraining CronJobs by label, and, for the few runs shown in detail, their
 * TaskRuns by Tekton's {@code tekton.dev/pipelineRun} label. Tekton has no model here: PipelineRuns and TaskRuns are
 * read as generic resources of tekton.dev/v1.
 */
final class ClusterReader {
  static final long PAGE = 500;
  static final ResourceDefinitionContext PIPELINE_RUNS = new ResourceDefinitionContext.Builder()
      .withGroup("tekton.dev").withVersion("v1").withKind("PipelineRun").withPlural("pipelineruns")
      .withNamespaced(true).build();
  static final ResourceDefinitionContext TASK_RUNS = new ResourceDefinitionContext.Builder()
      .withGroup("tekton.dev").withVersion("v1").withKind("TaskRun").withPlural("taskruns")
      .withNamespaced(true).build();

  private final KubernetesClient client;
  private final String namespace;
  private int calls;

  /** {@code namespace} null: every namespace the caller may list. */
  ClusterReader(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  List<RunView> pipelineRuns() {
    var runs = client.genericKubernetesResources(PIPELINE_RUNS);
    return all(o -> namespace == null ? runs.inAnyNamespace().list(o) : runs.inNamespace(namespace).list(o))
        .stream().map(RunView::of).toList();
  }

  /** The TaskRuns one PipelineRun created (Tekton labels each with the run's name). */
  List<RunView> taskRuns(RunView pipelineRun) {
    var runs = client.genericKubernetesResources(TASK_RUNS).inNamespace(pipelineRun.namespace())
        .withLabel(RunView.PIPELINE_RUN_LABEL, pipelineRun.name());
    return all(runs::list).stream().map(RunView::of).toList();
  }

  List<CronJob> cronJobs(String selector) {
    var cronJobs = client.batch().v1().cronjobs();
    return all(o -> (namespace == null ? cronJobs.inAnyNamespace() : cronJobs.inNamespace(namespace))
        .withLabelSelector(selector).list(o));
  }

  /** API requests made so far. */
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
