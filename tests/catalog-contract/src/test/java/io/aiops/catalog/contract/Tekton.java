package io.aiops.catalog.contract;

import io.aiops.catalog.runner.yaml.StrictModel;
import io.aiops.catalog.runner.yaml.TektonYaml;
import io.aiops.catalog.runner.yaml.TektonYaml.Doc;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.Task;
import java.util.List;
import java.util.Objects;

/** The parts of a Task or a Pipeline that the README and metadata checks compare. */
record Tekton(boolean isTask, String description, List<ParamSpec> params, List<String> resultNames,
    List<String> undescribedResults, List<String> workspaceNames) {

  static Tekton of(Doc doc) {
    if (doc.model() instanceof Task task) {
      var s = task.getSpec();
      var results = Objects.requireNonNullElse(s.getResults(), List.<io.fabric8.tekton.v1.TaskResult>of());
      return new Tekton(true, s.getDescription(), Objects.requireNonNullElse(s.getParams(), List.of()),
          results.stream().map(io.fabric8.tekton.v1.TaskResult::getName).toList(),
          results.stream().filter(r -> r.getDescription() == null || r.getDescription().isBlank())
              .map(io.fabric8.tekton.v1.TaskResult::getName).toList(),
          Objects.requireNonNullElse(s.getWorkspaces(), List.<io.fabric8.tekton.v1.WorkspaceDeclaration>of())
              .stream().map(io.fabric8.tekton.v1.WorkspaceDeclaration::getName).toList());
    }
    if (doc.model() instanceof Pipeline pipeline) {
      var s = pipeline.getSpec();
      var results = Objects.requireNonNullElse(s.getResults(), List.<io.fabric8.tekton.v1.PipelineResult>of());
      return new Tekton(false, s.getDescription(), Objects.requireNonNullElse(s.getParams(), List.of()),
          results.stream().map(io.fabric8.tekton.v1.PipelineResult::getName).toList(),
          results.stream().filter(r -> r.getDescription() == null || r.getDescription().isBlank())
              .map(io.fabric8.tekton.v1.PipelineResult::getName).toList(),
          Objects.requireNonNullElse(s.getWorkspaces(),
              List.<io.fabric8.tekton.v1.PipelineWorkspaceDeclaration>of())
              .stream().map(io.fabric8.tekton.v1.PipelineWorkspaceDeclaration::getName).toList());
    }
    return null;
  }
}
