package io.aiops.catalog.runner.status;

import io.fabric8.knative.pkg.apis.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.PipelineRef;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunResult;
import io.fabric8.tekton.v1.PipelineRunSpec;
import io.fabric8.tekton.v1.PipelineRunStatus;
import io.fabric8.tekton.v1.TaskRun;
import io.fabric8.tekton.v1.TaskRunResult;
import io.fabric8.tekton.v1.TaskRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PipelineRuns, gate TaskRuns and CronJobs as Tekton and the CronJob controller leave them on a cluster: the labels
 * Tekton sets (tekton.dev/pipeline, tekton.dev/pipelineRun, tekton.dev/task), the Succeeded condition with Tekton's
 * reasons, pipeline and task results, and CronJob status times.
 */
final class ClusterStory {
  private ClusterStory() {}

  static final class Run {
    final String namespace;
    final String name;
    final String model;
    final String pipeline;
    Instant start;
    Duration took;
    String status = "True";
    String reason = "Succeeded";
    final Map<String, String> params = new LinkedHashMap<>();
    final Map<String, String> results = new LinkedHashMap<>();
    final Map<String, String> gate = new LinkedHashMap<>();

    Run(String namespace, String name, String model, String pipeline) {
      this.namespace = namespace;
      this.name = name;
      this.model = model;
      this.pipeline = pipeline;
    }

    Run started(Instant at, Duration took) {
      this.start = at;
      this.took = took;
      return this;
    }

    Run ended(String status, String reason) {
      this.status = status;
      this.reason = reason;
      return this;
    }

    Run param(String name, String value) {
      params.put(name, value);
      return this;
    }

    Run result(String name, String value) {
      results.put(name, value);
      return this;
    }

    Run gate(String name, String value) {
      gate.put(name, value);
      return this;
    }

    PipelineRun pipelineRun() {
      PipelineRun run = new PipelineRun();
      ObjectMeta meta = new ObjectMeta();
      meta.setName(name);
      meta.setNamespace(namespace);
      meta.setLabels(new LinkedHashMap<>(Map.of("tekton.dev/pipeline", pipeline, "app.kubernetes.io/part-of",
          "model-retraining")));
      if (model != null) {
        meta.getLabels().put(RunView.MODEL_LABEL, model);
      }
      meta.setCreationTimestamp(start.toString());
      run.setMetadata(meta);
      PipelineRunSpec spec = new PipelineRunSpec();
      PipelineRef ref = new PipelineRef();
      ref.setName(pipeline);
      spec.setPipelineRef(ref);
      List<Param> ps = new ArrayList<>();
      params.forEach((k, v) -> ps.add(new Param(k, new ParamValue(v))));
      spec.setParams(ps);
      run.setSpec(spec);
      PipelineRunStatus status = new PipelineRunStatus();
      status.setStartTime(start.toString());
      if (!"Unknown".equals(this.status)) {
        status.setCompletionTime(start.plus(took).toString());
      }
      status.setConditions(List.of(condition(this.status, reason)));
      List<PipelineRunResult> rs = new ArrayList<>();
      results.forEach((k, v) -> rs.add(new PipelineRunResult(k, new ParamValue(v))));
      status.setResults(rs);
      run.setStatus(status);
      return run;
    }

    TaskRun gateTaskRun() {
      TaskRun t = new TaskRun();
      ObjectMeta meta = new ObjectMeta();
      meta.setName(name + "-gate");
      meta.setNamespace(namespace);
      // Tekton copies the PipelineRun's labels to its TaskRuns, and adds its own
      meta.setLabels(new LinkedHashMap<>(Map.of("tekton.dev/task", "accuracy-gate", "tekton.dev/pipelineRun", name,
          "tekton.dev/pipelineTask", "gate", "tekton.dev/pipeline", pipeline)));
      if (model != null) {
        meta.getLabels().put(RunView.MODEL_LABEL, model);
      }
      t.setMetadata(meta);
      TaskRunStatus status = new TaskRunStatus();
      List<TaskRunResult> rs = new ArrayList<>();
      gate.forEach((k, v) -> rs.add(new TaskRunResult(k, "string", new ParamValue(v))));
      status.setResults(rs);
      status.setConditions(List.of(condition("FAIL".equals(gate.get("verdict")) ? "False" : "True",
          "FAIL".equals(gate.get("verdict")) ? "Failed" : "Succeeded")));
      t.setStatus(status);
      return t;
    }

    Run createIn(KubernetesClient client) {
      PipelineRun run = pipelineRun();
      client.resources(PipelineRun.class).inNamespace(namespace).resource(run).create();
      client.resources(PipelineRun.class).inNamespace(namespace).withName(name).editStatus(r -> {
        r.setStatus(run.getStatus());
        return r;
      });
      if (!gate.isEmpty()) {
        TaskRun t = gateTaskRun();
        client.resources(TaskRun.class).inNamespace(namespace).resource(t).create();
        client.resources(TaskRun.class).inNamespace(namespace).withName(t.getMetadata().getName()).editStatus(r -> {
          r.setStatus(t.getStatus());
          return r;
        });
      }
      return this;
    }
  }

  static Condition condition(String status, String reason) {
    Condition c = new Condition();
    c.setType("Succeeded");
    c.setStatus(status);
    c.setReason(reason);
    return c;
  }

  static CronJob cronJob(String namespace, String name, String model, String schedule, String zone,
      boolean suspended, Instant lastSchedule, Instant lastSuccess) {
    CronJob c = new CronJobBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .addToLabels("app.kubernetes.io/part-of", "model-retraining").addToLabels(RunView.MODEL_LABEL, model)
        .endMetadata().withNewSpec().withSchedule(schedule).withTimeZone(zone).withSuspend(suspended)
        .withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("create")
        .withImage("quay.io/openshift/origin-cli:4.15").endContainer().withRestartPolicy("Never").endSpec()
        .endTemplate().endSpec().endJobTemplate().endSpec()
        .withNewStatus().withLastScheduleTime(lastSchedule == null ? null : lastSchedule.toString())
        .withLastSuccessfulTime(lastSuccess == null ? null : lastSuccess.toString()).endStatus().build();
    return c;
  }

  static void create(KubernetesClient client, CronJob c) {
    client.batch().v1().cronjobs().inNamespace(c.getMetadata().getNamespace()).resource(c).create();
    client.batch().v1().cronjobs().inNamespace(c.getMetadata().getNamespace()).withName(c.getMetadata().getName())
        .editStatus(r -> {
          r.setStatus(c.getStatus());
          return r;
        });
  }
}
