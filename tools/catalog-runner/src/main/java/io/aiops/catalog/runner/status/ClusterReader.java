package io.aiops.catalog.runner.status;

import io.aiops.catalog.step.Parallel;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.kube.ListPages;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the status reads from the API server, in paginated lists (500 a page, following {@code continue}): the
 * PipelineRuns of a namespace (or all), the retraining CronJobs by label, and, for the few runs shown in detail, their
 * TaskRuns by Tekton's {@code tekton.dev/pipelineRun} label. PipelineRuns and TaskRuns, the big lists, are read
 * compressed and streamed into the few fields of {@link TektonRun} ({@link ListPages}); {@link #PIPELINE_RUNS} and
 * {@link #TASK_RUNS} name them.
 */
final class ClusterReader {
  static final long PAGE = 500;
  static final int PARALLEL = 8;
  static final ResourceDefinitionContext PIPELINE_RUNS = new ResourceDefinitionContext.Builder()
      .withGroup("tekton.dev").withVersion("v1").withKind("PipelineRun").withPlural("pipelineruns")
      .withNamespaced(true).build();
  static final ResourceDefinitionContext CRON_JOBS = new ResourceDefinitionContext.Builder()
      .withGroup("batch").withVersion("v1").withKind("CronJob").withPlural("cronjobs").withNamespaced(true).build();
  static final ResourceDefinitionContext TASK_RUNS = new ResourceDefinitionContext.Builder()
      .withGroup("tekton.dev").withVersion("v1").withKind("TaskRun").withPlural("taskruns")
      .withNamespaced(true).build();

  private final KubernetesClient client;
  private final String namespace;
  private final AtomicInteger calls = new AtomicInteger();

  /** {@code namespace} null: every namespace the caller may list. */
  ClusterReader(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  List<RunView> pipelineRuns() {
    List<RunView> runs = new ArrayList<>();
    try {
      calls.addAndGet(ListPages.forEach(client, PIPELINE_RUNS, namespace, null, PAGE, TektonRun.class,
          run -> runs.add(RunView.of(run))));
      return runs;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        throw StepException.unavailable("the API server does not serve tekton.dev/v1 pipelineruns (HTTP 404): is "
            + "Tekton Pipelines (v0.50 or later, for the v1 API) installed on this cluster?", e);
      }
      throw e;
    }
  }

  /**
   * The TaskRuns of these PipelineRuns, keyed by namespace/name: one list call each, {@link #PARALLEL} at a time
   * (a set-based selector over many run names would be one call, but an API server caps the URL, and a list of all
   * TaskRuns holds every run's, thousands).
   */
  Map<String, List<RunView>> taskRuns(Collection<RunView> pipelineRuns) {
    List<RunView> runs = List.copyOf(pipelineRuns);
    List<List<RunView>> taskRuns = Parallel.map(runs, PARALLEL, "reading TaskRuns", this::taskRunsOf);
    Map<String, List<RunView>> out = new HashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      out.put(StatusReport.key(runs.get(i)), taskRuns.get(i));
    }
    return out;
  }

  /** The TaskRuns one PipelineRun created (Tekton labels each with the run's name). */
  private List<RunView> taskRunsOf(RunView pipelineRun) {
    List<RunView> runs = new ArrayList<>();
    calls.addAndGet(ListPages.forEach(client, TASK_RUNS, pipelineRun.namespace(),
        RunView.PIPELINE_RUN_LABEL + "=" + pipelineRun.name(), PAGE, TektonRun.class,
        run -> runs.add(RunView.of(run))));
    return runs;
  }

  List<CronJobView.Fields> cronJobs(String selector) {
    List<CronJobView.Fields> cronJobs = new ArrayList<>();
    calls.addAndGet(ListPages.forEach(client, CRON_JOBS, namespace, selector, PAGE, CronJobView.Fields.class,
        cronJobs::add));
    return cronJobs;
  }

  /** API requests made so far. */
  int calls() {
    return calls.get();
  }

}
