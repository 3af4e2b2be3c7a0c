package io.aiops.catalog.runner.status;

import io.aiops.catalog.runner.status.RunView.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The status itself, built from what the cluster holds: per model and pipeline the latest run in detail, the
 * success rate and median duration over the window, the model trained and the one deployed; and the CronJobs.
 */
record StatusReport(String scope, Duration since, Instant now, List<ModelStatus> models, List<CronJobView> cronJobs) {

  /** The scope of a status over every namespace; its models and CronJobs are then shown with their namespace. */
  static final String ALL_NAMESPACES = "all namespaces";
  /** Pipelines whose {@code validate} task checks a deployed model against the trained sha256 (model-validate). */
  static final Set<String> DEPLOYING = Set.of("model-retraining", "pr-model-gate");
  /** Gate results shown as figures, in this order. */
  static final List<String> FIGURES = List.of("accuracy", "balanced-accuracy", "precision", "recall", "f1", "mcc",
      "roc-auc", "pr-auc", "rows");

  record ModelStatus(String namespace, String model, List<PipelineStatus> pipelines) {}

  record PipelineStatus(String pipeline, RunDetail latest, Window window, String deployedSha256, String deployedBy) {}

  /** How the runs of the window ended; the rate is over those that ended (not cancelled), the median too. */
  record Window(int runs, int succeeded, int failed, int timedOut, int cancelled, int running, Double successRate,
      Duration medianDuration) {}

  /** The latest run, with what its TaskRuns published. */
  record RunDetail(RunView run, Duration duration, String failedTask, String dataSource, String askedDataSource,
      String trainingHours, String fallbackReason, String verdict, Map<String, String> figures, String failedClauses,
      String modelSha256) {}

  /**
   * Builds the status. {@code taskRuns} reads the TaskRuns of the given PipelineRuns (keyed by namespace/name); it is
   * called once, for the runs shown: each latest run, and the last validated run when its own results lack the sha256.
   */
  static StatusReport build(String scope, List<RunView> runs,
      Function<Collection<RunView>, Map<String, List<RunView>>> taskRuns, List<CronJobView> cronJobs,
      Set<String> pipelines, String modelFilter, Duration since, Instant now) {
    Map<String, Map<String, List<RunView>>> grouped = new TreeMap<>();
    for (RunView run : runs) {
      if (!pipelines.contains(run.pipeline()) || modelFilter != null && !modelFilter.equals(run.model())) {
        continue;
      }
      String model = run.model().isEmpty() ? "(no model-name)" : run.model();
      grouped.computeIfAbsent(run.namespace() + "\u0000" + model, k -> new TreeMap<>())
          .computeIfAbsent(run.pipeline(), k -> new ArrayList<>()).add(run);
    }
    Comparator<RunView> newestFirst = Comparator.comparing(RunView::start,
        Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(RunView::name, Comparator.reverseOrder());
    List<RunView> shown = new ArrayList<>();
    grouped.values().forEach(byPipeline -> byPipeline.forEach((pipeline, list) -> {
      list.sort(newestFirst);
      shown.add(list.get(0));
      deployedRun(pipeline, list).filter(r -> r != list.get(0) && r.results().getOrDefault("model-sha256", "")
          .isEmpty()).ifPresent(shown::add);
    }));
    Map<String, List<RunView>> children = taskRuns.apply(shown);
    Function<RunView, List<RunView>> of = r -> children.getOrDefault(key(r), List.of());
    List<ModelStatus> models = new ArrayList<>();
    grouped.forEach((group, byPipeline) -> {
      List<PipelineStatus> rows = new ArrayList<>();
      byPipeline.forEach((pipeline, list) -> {
        RunDetail latest = detail(list.get(0), of.apply(list.get(0)), now);
        String deployed = DEPLOYING.contains(pipeline) ? "unknown" : "n/a";
        Optional<RunView> deployedRun = deployedRun(pipeline, list);
        if (deployedRun.isPresent()) {
          String sha = sha256(deployedRun.get(), of.apply(deployedRun.get()));
          deployed = sha.isEmpty() ? "unknown" : sha;
        }
        rows.add(new PipelineStatus(pipeline, latest, window(list, since, now), deployed,
            deployedRun.map(RunView::name).orElse("")));
      });
      String[] nsModel = group.split("\u0000", 2);
      models.add(new ModelStatus(nsModel[0], nsModel[1], rows));
    });
    List<CronJobView> crons = cronJobs.stream()
        .filter(c -> modelFilter == null || modelFilter.equals(c.model()))
        .sorted(Comparator.comparing(CronJobView::namespace).thenComparing(CronJobView::name)).toList();
    return new StatusReport(scope, since, now, models, crons);
  }

  /** namespace/name, how {@code taskRuns} keys its answer. */
  static String key(RunView run) {
    return run.namespace() + "/" + run.name();
  }

  /** The newest run that validated what it deployed, in a pipeline that deploys (runs newest first). */
  private static Optional<RunView> deployedRun(String pipeline, List<RunView> newestFirst) {
    return DEPLOYING.contains(pipeline) ? newestFirst.stream().filter(RunView::validated).findFirst()
        : Optional.empty();
  }

  static Window window(List<RunView> runs, Duration since, Instant now) {
    Instant from = now.minus(since);
    int[] counts = new int[Outcome.values().length];
    List<Duration> durations = new ArrayList<>();
    int total = 0;
    for (RunView run : runs) {
      if (run.start() == null || run.start().isBefore(from)) {
        continue;
      }
      total++;
      counts[run.outcome().ordinal()]++;
      if (run.outcome().finished() && run.outcome() != Outcome.CANCELLED) {
        durations.add(run.duration(now));
      }
    }
    int ended = counts[Outcome.SUCCEEDED.ordinal()] + counts[Outcome.FAILED.ordinal()]
        + counts[Outcome.TIMED_OUT.ordinal()];
    durations.sort(null);
    Duration median = durations.isEmpty() ? null : durations.size() % 2 == 1 ? durations.get(durations.size() / 2)
        : durations.get(durations.size() / 2 - 1).plus(durations.get(durations.size() / 2)).dividedBy(2);
    return new Window(total, counts[Outcome.SUCCEEDED.ordinal()], counts[Outcome.FAILED.ordinal()],
        counts[Outcome.TIMED_OUT.ordinal()], counts[Outcome.CANCELLED.ordinal()],
        counts[Outcome.RUNNING.ordinal()] + counts[Outcome.PENDING.ordinal()],
        ended == 0 ? null : (double) counts[Outcome.SUCCEEDED.ordinal()] / ended, median);
  }

  static RunDetail detail(RunView run, List<RunView> taskRuns, Instant now) {
    Map<String, String> train = results(taskRuns, "notebook-train", "train");
    Map<String, String> gate = results(taskRuns, "accuracy-gate", "gate");
    String failedTask = "";
    if (run.outcome().finished() && run.outcome() != Outcome.SUCCEEDED) {
      failedTask = taskRuns.stream().filter(t -> t.outcome().finished() && t.outcome() != Outcome.SUCCEEDED)
          .min(Comparator.comparing(RunView::end, Comparator.nullsLast(Comparator.naturalOrder())))
          .map(t -> t.pipelineTask().isEmpty() ? t.name() : t.pipelineTask()).orElse("");
    }
    String asked = run.params().getOrDefault("data-source", "");
    String used = first(run.results().get("data-source"), train.get("data-source"));
    Map<String, String> figures = new LinkedHashMap<>();
    for (String figure : FIGURES) {
      String value = gate.get(figure);
      if (value != null && !value.isEmpty()) {
        figures.put(figure, value);
      }
    }
    return new RunDetail(run, run.duration(now), failedTask, used, asked, run.params().getOrDefault("training-hours",
        ""), train.getOrDefault("fallback-reason", ""), first(gate.get("verdict"), run.results().get("verdict")),
        figures, gate.getOrDefault("failed-clauses", ""), sha256(run, taskRuns));
  }

  private static String sha256(RunView run, List<RunView> taskRuns) {
    return first(run.results().get("model-sha256"), results(taskRuns, "notebook-train", "train").get("model-sha256"));
  }

  /** The results of the TaskRun that ran {@code task}, else of the one for pipeline task {@code pipelineTask}. */
  private static Map<String, String> results(List<RunView> taskRuns, String task, String pipelineTask) {
    return taskRuns.stream().filter(t -> task.equals(t.task())).findFirst()
        .or(() -> taskRuns.stream().filter(t -> pipelineTask.equals(t.pipelineTask())).findFirst())
        .map(RunView::results).orElse(Map.of());
  }

  private static String first(String a, String b) {
    return a != null && !a.isEmpty() ? a : b == null ? "" : b;
  }
}
