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
        io.aiops.catalog.runner.yaml.StepTemplates.merge(s.getStepTemplate(), list(s.getSteps())), s.getStepTemplate(), list(s.getSidecars()),
        list(s.getResults()), list(s.getWorkspaces()));
  }

  static TaskView of(String name, EmbeddedTask s) {
    return new TaskView(name, Map.of(), list(s.getParams()), io.aiops.catalog.runner.yaml.StepTemplates.merge(s.getStepTemplate(), list(s.getSteps())),
        s.getStepTemplate(), list(s.getSidecars()), list(s.getResults()), list(s.getWorkspaces()));
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }
}
