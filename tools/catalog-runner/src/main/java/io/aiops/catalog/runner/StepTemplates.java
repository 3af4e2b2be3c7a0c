package io.aiops.catalog.runner;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.StepTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tekton's stepTemplate: what a step leaves unset comes from the template; env merges by name, the step's wins. */
final class StepTemplates {
  private StepTemplates() {}

  static Step apply(StepTemplate t, Step step) {
    if (t == null) {
      return step;
    }
    StepBuilder b = new StepBuilder(step);
    if (step.getImage() == null) {
      b.withImage(t.getImage());
    }
    if (step.getCommand() == null || step.getCommand().isEmpty()) {
      b.withCommand(t.getCommand());
    }
    if (step.getArgs() == null || step.getArgs().isEmpty()) {
      b.withArgs(t.getArgs());
    }
    if (step.getWorkingDir() == null) {
      b.withWorkingDir(t.getWorkingDir());
    }
    if (step.getComputeResources() == null) {
      b.withComputeResources(t.getComputeResources());
    }
    if (step.getSecurityContext() == null) {
      b.withSecurityContext(t.getSecurityContext());
    }
    if (t.getEnv() != null && !t.getEnv().isEmpty()) {
      Map<String, EnvVar> env = new LinkedHashMap<>();
      t.getEnv().forEach(e -> env.put(e.getName(), e));
      if (step.getEnv() != null) {
        step.getEnv().forEach(e -> env.put(e.getName(), e));
      }
      b.withEnv(new ArrayList<>(env.values()));
    }
    return b.build();
  }
}
