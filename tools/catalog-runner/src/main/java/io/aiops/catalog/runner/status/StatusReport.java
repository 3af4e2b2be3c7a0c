package io.aiops.catalog.runner.status;

import io.aiops.catalog.runner.status.RunView.Kind;
import io.aiops.catalog.runner.status.RunView.Outcome;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.TaskRun;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Per model: the latest runs of each kind, success rate and median duration over the window; and the CronJobs. */
record StatusReport(Instant now, Duration since, List<ModelStatus> models, List<CronJobView> cronJobs) {

  /** Over the window: runs finished, how many succeeded, the median duration of the finished ones. */
  record KindStatus(Kind kind, RunView latest, int finished, int succeeded, Duration median) {
    double successRate() {
      return finished == 0 ? Double.NaN : (double) succeeded / finished;
    }
  }

  /**
   * Trained: the model of the latest retraining run that produced one. Deployed: that of the latest succeeded
   * retraining run, since the pipelines deploy only after the gate and the validation pass.
   */
  record ModelStatus(String model, List<KindStatus> kinds, String trainedSha256, String deployedSha256) {}

  record CronJobView(String namespace, String name, String model, String schedule, String timeZone,
      boolean suspended, Instant lastSchedule, Instant lastSuccess, Instant nextRun, String problem) {}

  static StatusReport build(List<PipelineRun> runs, List<TaskRun> gates, List<CronJob> cronJobs, Instant now,
      Duration since) {
    Map<String, TaskRun> gateByRun = new HashMap<>();
    for (TaskRun t : gates) {
      var labels = t.getMetadata().getLabels();
      String run = labels == null ? null : labels.get(RunView.PIPELINE_RUN_LABEL);
      if (run != null) {
        gateByRun.merge(t.getMetadata().getNamespace() + "/" + run, t, (a, b) -> newer(a, b));
      }
    }
    Instant from = now.minus(since);
    Map<String, List<RunView>> byModel = new TreeMap<>();
    for (PipelineRun r : runs) {
      RunView v = RunView.of(r, gateByRun.get(r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()), now);
      if (!v.start().isBefore(from) || !v.outcome().finished()) {
        byModel.computeIfAbsent(v.model(), m -> new ArrayList<>()).add(v);
      }
    }
    List<ModelStatus> models = new ArrayList<>();
    byModel.forEach((model, views) -> {
      views.sort(Comparator.comparing(RunView::start).reversed());
      List<KindStatus> kinds = new ArrayList<>();
      for (Kind kind : Kind.values()) {
        List<RunView> ofKind = views.stream().filter(v -> v.kind() == kind).toList();
        if (!ofKind.isEmpty()) {
          List<RunView> finished = ofKind.stream().filter(v -> v.outcome().finished()).toList();
          int ok = (int) finished.stream().filter(v -> v.outcome() == Outcome.SUCCEEDED).count();
          kinds.add(new KindStatus(kind, ofKind.get(0), finished.size(), ok, median(finished)));
        }
      }
      List<RunView> retraining = views.stream().filter(v -> v.kind() == Kind.RETRAINING).toList();
      String trained = retraining.stream().map(RunView::modelSha256).filter(s -> !s.isBlank()).findFirst().orElse("");
      String deployed = retraining.stream().filter(v -> v.outcome() == Outcome.SUCCEEDED).map(RunView::modelSha256)
          .filter(s -> !s.isBlank()).findFirst().orElse("");
      models.add(new ModelStatus(model, kinds, trained, deployed));
    });
    List<CronJobView> crons = cronJobs.stream().map(c -> cronJob(c, now))
        .sorted(Comparator.comparing(CronJobView::namespace).thenComparing(CronJobView::name)).toList();
    return new StatusReport(now, since, models, crons);
  }

  static CronJobView cronJob(CronJob c, Instant now) {
    var spec = c.getSpec();
    var status = c.getStatus();
    var labels = c.getMetadata().getLabels();
    String zone = spec.getTimeZone();
    boolean suspended = Boolean.TRUE.equals(spec.getSuspend());
    Instant next = null;
    String problem = "";
    try {
      // the controller's own zone (UTC on managed clusters) when spec.timeZone is not set
      ZoneId z = zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone);
      Optional<ZonedDateTime> n = CronSchedule.parse(spec.getSchedule()).next(now.atZone(z), z);
      next = suspended ? null : n.map(ZonedDateTime::toInstant).orElse(null);
      if (n.isEmpty()) {
        problem = "never runs";
      }
    } catch (RuntimeException e) {
      problem = "bad schedule: " + e.getMessage();
    }
    return new CronJobView(c.getMetadata().getNamespace(), c.getMetadata().getName(),
        labels == null ? "" : labels.getOrDefault(RunView.MODEL_LABEL, ""), spec.getSchedule(),
        zone == null ? "" : zone, suspended, instant(status == null ? null : status.getLastScheduleTime()),
        instant(status == null ? null : status.getLastSuccessfulTime()), next, problem);
  }

  private static Duration median(List<RunView> finished) {
    if (finished.isEmpty()) {
      return null;
    }
    List<Duration> d = finished.stream().map(RunView::duration).sorted().toList();
    int n = d.size();
    return n % 2 == 1 ? d.get(n / 2) : d.get(n / 2 - 1).plus(d.get(n / 2)).dividedBy(2);
  }

  private static TaskRun newer(TaskRun a, TaskRun b) {
    return a.getMetadata().getCreationTimestamp().compareTo(b.getMetadata().getCreationTimestamp()) >= 0 ? a : b;
  }

  private static Instant instant(String s) {
    return s == null || s.isBlank() ? null : Instant.parse(s);
  }
}
