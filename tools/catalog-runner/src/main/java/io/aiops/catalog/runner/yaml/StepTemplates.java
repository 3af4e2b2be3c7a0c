package io.aiops.catalog.runner.yaml;

import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.StepTemplate;
import java.util.List;

/** A Task's steps as Tekton runs them, stepTemplate merged in. */
public final class StepTemplates {
  private StepTemplates() {}

  /**
   * Each step as Tekton runs it: what the step leaves unset comes from the stepTemplate; env is merged by name, the
   * step's value winning (pkg/apis/pipeline/v1/merge.go MergeStepsWithStepTemplate).
   */
  public static List<Step> merge(StepTemplate t, List<Step> steps) {
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
