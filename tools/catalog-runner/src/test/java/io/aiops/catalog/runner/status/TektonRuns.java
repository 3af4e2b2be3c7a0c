package io.aiops.catalog.runner.status;

import io.aiops.catalog.step.json.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PipelineRuns, TaskRuns and CronJobs as Tekton v1 and the CronJob controller leave them on a cluster: Tekton's
 * labels (tekton.dev/pipeline, pipelineRun, pipelineTask, task), the Succeeded condition with Tekton's reasons and
 * messages, results, childReferences and skippedTasks, CronJob status times. Created in the mock API server with
 * the same group/version/plural (tekton.dev/v1 pipelineruns, taskruns) the command lists.
 */
final class TektonRuns {
  private TektonRuns() {}

  /** A PipelineRun and the TaskRuns it made. */
  static final class Run {
    final String namespace;
    final String name;
    final String pipeline;
    final String model;
    Instant start = Instant.now().minus(Duration.ofHours(1));
    Duration took = Duration.ofMinutes(12);
    String status = "True";
    String reason = "Succeeded";
    String message = "Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 0";
    boolean labelled = true;
    final Map<String, String> params = new LinkedHashMap<>();
    final Map<String, String> results = new LinkedHashMap<>();
    final List<String> skipped = new ArrayList<>();
    final Map<String, Task> tasks = new LinkedHashMap<>();
    Map<String, Object> pipelineSpec;

    Run(String namespace, String name, String pipeline, String model) {
      this.namespace = namespace;
      this.name = name;
      this.pipeline = pipeline;
      this.model = model;
      params.put("model-name", model);
    }

    Run started(Instant at, Duration took) {
      this.start = at;
      this.took = took;
      return this;
    }

    /** Ended (status False) with Tekton's reason, e.g. Failed, PipelineRunTimeout, Cancelled. */
    Run ended(String reason, String message) {
      this.status = "False";
      this.reason = reason;
      this.message = message;
      return this;
    }

    /** Still running: Succeeded condition Unknown/Running, no completionTime. */
    Run running() {
      this.status = "Unknown";
      this.reason = "Running";
      this.message = "Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 0";
      this.took = null;
      return this;
    }

    /** Without Tekton's tekton.dev/pipeline and our model label: found by pipelineRef and the model-name param. */
    Run unlabelled() {
      this.labelled = false;
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

    /** The resolved Pipeline spec Tekton copies into status.pipelineSpec (by default, one naming our tasks). */
    Run pipelineSpec(Map<String, Object> spec) {
      this.pipelineSpec = spec;
      return this;
    }

    Run skipped(String pipelineTask) {
      skipped.add(pipelineTask);
      return this;
    }

    /** A TaskRun of pipeline task {@code pipelineTask} running Task {@code task}, succeeded unless told. */
    Task task(String pipelineTask, String task) {
      return tasks.computeIfAbsent(pipelineTask, k -> new Task(this, pipelineTask, task));
    }

    Run createIn(KubernetesClient client) {
      client.genericKubernetesResources(ClusterReader.PIPELINE_RUNS).inNamespace(namespace)
          .resource(pipelineRun()).create();
      for (Task t : tasks.values()) {
        client.genericKubernetesResources(ClusterReader.TASK_RUNS).inNamespace(namespace).resource(t.taskRun())
            .create();
      }
      return this;
    }

    GenericKubernetesResource pipelineRun() {
      Map<String, Object> labels = new LinkedHashMap<>();
      if (labelled) {
        labels.put("tekton.dev/pipeline", pipeline);
        labels.put("aiops-catalog/model", model);
        labels.put("app.kubernetes.io/part-of", "model-training");
      }
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("startTime", start.toString());
      if (took != null) {
        status.put("completionTime", start.plus(took).toString());
      }
      status.put("conditions", List.of(Map.of("type", "Succeeded", "status", this.status, "reason", reason,
          "message", message, "lastTransitionTime", start.plus(took == null ? Duration.ZERO : took).toString())));
      status.put("results", results.entrySet().stream().map(e -> Map.of("name", e.getKey(), "value", e.getValue()))
          .toList());
      status.put("childReferences", tasks.values().stream().map(t -> Map.of("apiVersion", "tekton.dev/v1",
          "kind", "TaskRun", "name", t.name(), "pipelineTaskName", t.pipelineTask)).toList());
      if (!skipped.isEmpty()) {
        status.put("skippedTasks", skipped.stream().map(s -> Map.of("name", s, "reason", "When Expressions "
            + "evaluated to false")).toList());
      }
      status.put("pipelineSpec", pipelineSpec != null ? pipelineSpec : Map.of("tasks", tasks.values().stream()
          .map(t -> Map.of("name", t.pipelineTask, "taskRef", Map.of("name", t.task, "kind", "Task"))).toList()));
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("apiVersion", "tekton.dev/v1");
      object.put("kind", "PipelineRun");
      object.put("metadata", Map.of("name", name, "namespace", namespace, "labels", labels,
          "creationTimestamp", start.minusSeconds(2).toString()));
      object.put("spec", Map.of("pipelineRef", Map.of("name", pipeline), "params", params.entrySet().stream()
          .map(e -> Map.of("name", e.getKey(), "value", e.getValue())).toList(), "timeouts",
          Map.of("pipeline", "1h0m0s"), "taskRunTemplate", Map.of("serviceAccountName", "model-retraining")));
      object.put("status", status);
      return Json.mapper().convertValue(object, GenericKubernetesResource.class);
    }
  }

  static final class Task {
    final Run run;
    final String pipelineTask;
    final String task;
    String status = "True";
    String reason = "Succeeded";
    final Map<String, String> results = new LinkedHashMap<>();

    Task(Run run, String pipelineTask, String task) {
      this.run = run;
      this.pipelineTask = pipelineTask;
      this.task = task;
    }

    String name() {
      return run.name + "-" + pipelineTask;
    }

    Task result(String name, String value) {
      results.put(name, value);
      return this;
    }

    Task failed(String reason) {
      this.status = "False";
      this.reason = reason;
      return this;
    }

    Run done() {
      return run;
    }

    GenericKubernetesResource taskRun() {
      Map<String, Object> labels = Map.of("tekton.dev/pipeline", run.pipeline, "tekton.dev/pipelineRun", run.name,
          "tekton.dev/pipelineTask", pipelineTask, "tekton.dev/task", task, "app.kubernetes.io/managed-by",
          "tekton-pipelines");
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("startTime", run.start.plusSeconds(5).toString());
      status.put("completionTime", run.start.plusSeconds(60).toString());
      status.put("conditions", List.of(Map.of("type", "Succeeded", "status", this.status, "reason", reason)));
      status.put("results", results.entrySet().stream().map(e -> Map.of("name", e.getKey(), "type", "string",
          "value", e.getValue())).toList());
      status.put("podName", name() + "-pod");
      return Json.mapper().convertValue(Map.of("apiVersion", "tekton.dev/v1", "kind", "TaskRun",
          "metadata", Map.of("name", name(), "namespace", run.namespace, "labels", labels),
          "spec", Map.of("taskRef", Map.of("name", task, "kind", "Task"), "serviceAccountName", "model-retraining"),
          "status", status), GenericKubernetesResource.class);
    }
  }

  /** A retraining CronJob as tekton/triggers/retraining ships it, with the controller's status times. */
  static CronJob cronJob(String namespace, String model, String schedule, String timeZone, boolean suspend,
      Instant lastSchedule, Instant lastSuccessful) {
    return new CronJobBuilder().withNewMetadata().withName(model + "-retraining").withNamespace(namespace)
        .addToLabels("app.kubernetes.io/part-of", "model-training").addToLabels("aiops-catalog/model", model)
        .endMetadata().withNewSpec().withSchedule(schedule).withTimeZone(timeZone).withSuspend(suspend)
        .withConcurrencyPolicy("Forbid").withStartingDeadlineSeconds(3600L).withNewJobTemplate().withNewSpec()
        .withBackoffLimit(2).withNewTemplate().withNewSpec().withRestartPolicy("Never").withServiceAccountName(
            "retraining-trigger").addNewContainer().withName("create-pipelinerun")
        .withImage("docker.io/bitnami/kubectl:1.31.4").withCommand("kubectl")
        .withArgs("create", "-f", "/etc/retraining/" + model + ".yaml").endContainer().endSpec().endTemplate()
        .endSpec().endJobTemplate().endSpec().withNewStatus()
        .withLastScheduleTime(lastSchedule == null ? null : lastSchedule.toString())
        .withLastSuccessfulTime(lastSuccessful == null ? null : lastSuccessful.toString()).endStatus().build();
  }
}
