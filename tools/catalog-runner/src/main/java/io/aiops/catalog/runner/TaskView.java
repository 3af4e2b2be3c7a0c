package io.aiops.catalog.runner;

import io.fabric8.tekton.v1.EmbeddedTask;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Sidecar;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.StepTemplate;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskResult;
import io.fabric8.tekton.v1.WorkspaceDeclaration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the runner needs of a Task, whether referenced by name or embedded in the Pipeline. */
record TaskView(String name, Map<String, String> annotations, List<ParamSpec> params, List<Step> steps,
    StepTemplate stepTemplate, List<Sidecar> sidecars, List<TaskResult> results,
    List<WorkspaceDeclaration> workspaces) {

  static TaskView of(Task task) {
    var s = task.getSpec();
    return new TaskView(task.getMetadata().getName(),
        Objects.requireNonNullElse(task.getMetadata().getAnnotations(), Map.of()), list(s.getParams()),
        withTemplate(s.getStepTemplate(), list(s.getSteps())), s.getStepTemplate(), list(s.getSidecars()),
        list(s.getResults()), list(s.getWorkspaces()));
  }

  static TaskView of(String name, EmbeddedTask s) {
    return new TaskView(name, Map.of(), list(s.getParams()), withTemplate(s.getStepTemplate(), list(s.getSteps())),
        s.getStepTemplate(), list(s.getSidecars()), list(s.getResults()), list(s.getWorkspaces()));
  }

  /**
   * Each step as Tekton runs it: what the step leaves unset comes from the stepTemplate; env is merged by name, the
   * step's value winning (pkg/apis/pipeline/v1/merge.go MergeStepsWithStepTemplate).
   */
  static List<Step> withTemplate(StepTemplate t, List<Step> steps) {
    if (t == null) {
      return steps;
    }
    return steps.stream().map(s -> {
      var b = new io.fabric8.tekton.v1.StepBuilder(s);
      if (s.getImage() == null) {
        b.withImage(t.getImage());
      }
      if (s.getCommand() == null || s.getCommand().isEmpty()) {
        b.withCommand(t.getCommand());
      }
      if (s.getArgs() == null || s.getArgs().isEmpty()) {
        b.withArgs(t.getArgs());
      }
      if (s.getWorkingDir() == null) {
        b.withWorkingDir(t.getWorkingDir());
      }
      if (s.getSecurityContext() == null) {
        b.withSecurityContext(t.getSecurityContext());
      }
      if (s.getComputeResources() == null) {
        b.withComputeResources(t.getComputeResources());
      }
      java.util.Map<String, io.fabric8.kubernetes.api.model.EnvVar> env = new java.util.LinkedHashMap<>();
      list(t.getEnv()).forEach(e -> env.put(e.getName(), e));
      list(s.getEnv()).forEach(e -> env.put(e.getName(), e));
      b.withEnv(new java.util.ArrayList<>(env.values()));
      return b.build();
    }).toList();
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }
}
