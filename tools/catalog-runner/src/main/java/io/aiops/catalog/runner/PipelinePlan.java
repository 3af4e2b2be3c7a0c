package io.aiops.catalog.runner;

import io.aiops.catalog.runner.yaml.StrictModel;
import io.aiops.catalog.runner.yaml.TektonYaml;
import io.aiops.catalog.step.StepException;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.WhenExpression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/** A Pipeline loaded with its Tasks, strictly parsed, its DAG checked (unknown tasks, cycles) before anything runs. */
final class PipelinePlan {
  record Node(PipelineTask task, TaskView view, boolean isFinally, Set<String> after) {
    String name() {
      return task.getName();
    }

    /** "hub task git-clone" when a resolver fetches this task on a cluster; null for ours and inline ones. */
    String remoteRef() {
      if (view != null) {
        return null;
      }
      Map<String, Object> ref = task.getTaskRef().getAdditionalProperties();
      String name = ref.get("params") instanceof List<?> params ? params.stream()
          .filter(p -> p instanceof Map<?, ?> m && "name".equals(m.get("name")))
          .map(p -> String.valueOf(((Map<?, ?>) p).get("value"))).findFirst().orElse("?") : "?";
      return ref.get("resolver") + " task " + name;
    }
  }

  final Pipeline pipeline;
  final Path file;
  final Map<String, Node> nodes = new LinkedHashMap<>();

  private PipelinePlan(Pipeline pipeline, Path file) {
    this.pipeline = pipeline;
    this.file = file;
  }

  static PipelinePlan load(Path pipelineDir, Path catalogRoot) {
    Path file = pipelineFile(pipelineDir);
    Pipeline pipeline = (Pipeline) strict(file, "Pipeline");
    PipelinePlan plan = new PipelinePlan(pipeline, file);
    Map<String, Task> tasks = new HashMap<>();
    List<PipelineTask> regular = Objects.requireNonNullElse(pipeline.getSpec().getTasks(), List.of());
    List<PipelineTask> fin = Objects.requireNonNullElse(pipeline.getSpec().getFinally(), List.of());
    for (PipelineTask pt : Stream.concat(regular.stream(), fin.stream()).toList()) {
      TaskView view;
      if (pt.getTaskSpec() != null) {
        view = TaskView.of(pt.getName(), pt.getTaskSpec());
      } else if (pt.getTaskRef() != null && pt.getTaskRef().getName() != null) {
        String ref = pt.getTaskRef().getName();
        Task task = tasks.computeIfAbsent(ref, r -> (Task) strict(taskFile(catalogRoot, r), "Task"));
        view = TaskView.of(task);
      } else if (pt.getTaskRef() != null && pt.getTaskRef().getAdditionalProperties().get("resolver") != null) {
        // a hub, git or bundles task: the cluster resolves it; here it is reported as not run (see remoteRef)
        view = null;
      } else {
        throw StepException.usage(file + ": task " + pt.getName() + " has neither taskRef.name nor taskSpec");
      }
      plan.nodes.put(pt.getName(), new Node(pt, view, fin.contains(pt), dependencies(pt)));
    }
    plan.checkGraph();
    return plan;
  }

  private static Set<String> dependencies(PipelineTask pt) {
    Set<String> after = new LinkedHashSet<>(Objects.requireNonNullElse(pt.getRunAfter(), List.of()));
    for (Param p : Objects.requireNonNullElse(pt.getParams(), List.<Param>of())) {
      if (p.getValue() != null) {
        after.addAll(Substitution.referencedTasks(p.getValue().getStringVal()));
        Objects.requireNonNullElse(p.getValue().getArrayVal(), List.<String>of())
            .forEach(v -> after.addAll(Substitution.referencedTasks(v)));
      }
    }
    for (WhenExpression w : Objects.requireNonNullElse(pt.getWhen(), List.<WhenExpression>of())) {
      after.addAll(Substitution.referencedTasks(w.getInput()));
      Objects.requireNonNullElse(w.getValues(), List.<String>of())
          .forEach(v -> after.addAll(Substitution.referencedTasks(v)));
    }
    return after;
  }

  private void checkGraph() {
    for (Node n : nodes.values()) {
      for (String dep : n.after()) {
        if (!nodes.containsKey(dep)) {
          throw StepException.usage(file + ": task " + n.name() + " runs after or uses results of '" + dep
              + "', which the pipeline does not have");
        }
      }
    }
    Map<String, Integer> state = new HashMap<>();
    for (String name : nodes.keySet()) {
      List<String> path = new ArrayList<>();
      if (cycle(name, state, path)) {
        throw StepException.usage(file + ": the tasks form a cycle: " + String.join(" -> ", path));
      }
    }
  }

  private boolean cycle(String name, Map<String, Integer> state, List<String> path) {
    int s = state.getOrDefault(name, 0);
    if (s == 2) {
      return false;
    }
    path.add(name);
    if (s == 1) {
      return true;
    }
    state.put(name, 1);
    for (String dep : nodes.get(name).after()) {
      if (cycle(dep, state, path)) {
        return true;
      }
    }
    state.put(name, 2);
    path.remove(path.size() - 1);
    return false;
  }

  private static Path pipelineFile(Path dir) {
    if (Files.isRegularFile(dir)) {
      return dir;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        if (TektonYaml.trees(f).stream().anyMatch(t -> "Pipeline".equals(t.path("kind").asText()))) {
          return f;
        }
      }
    } catch (IOException e) {
      throw StepException.usage("cannot read pipeline directory " + dir + ": " + e.getMessage());
    }
    throw StepException.usage("no Pipeline YAML in " + dir + ": give a directory under tekton/pipelines/");
  }

  /** What a cluster would have to admit for this run: the Pipeline's folder (samples too) and its Tasks. */
  java.util.Set<Path> admittedFiles(Path catalogRoot) {
    java.util.Set<Path> files = new java.util.LinkedHashSet<>(
        io.aiops.catalog.runner.admission.Admission.yamlUnder(file.getParent()));
    nodes.values().stream().filter(n -> n.task().getTaskRef() != null && n.task().getTaskRef().getName() != null)
        .forEach(n -> files.add(taskFile(catalogRoot, n.task().getTaskRef().getName())));
    return files;
  }

  static Path taskFile(Path catalogRoot, String name) {
    Path file = catalogRoot.resolve("tekton/tasks").resolve(name).resolve(name + ".yaml");
    if (!Files.isRegularFile(file)) {
      throw StepException.usage("Task " + name + " not found at " + file);
    }
    return file;
  }

  private static Object strict(Path file, String kind) {
    try {
      for (TektonYaml.Doc doc : TektonYaml.docs(file)) {
        if (kind.equals(doc.kind())) {
          List<String> unknown = StrictModel.unknownFields(doc.model());
          if (!unknown.isEmpty()) {
            throw StepException.usage(file + ": " + String.join("; ", unknown));
          }
          return doc.model();
        }
      }
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw StepException.usage(file + ": " + e.getMessage());
    }
    throw StepException.usage(file + " holds no " + kind);
  }
}
