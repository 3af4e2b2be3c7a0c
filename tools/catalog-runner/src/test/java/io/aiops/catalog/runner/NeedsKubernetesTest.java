package io.aiops.catalog.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiops.catalog.step.StepException;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When `catalog run` without a cluster skips a Task: its needs-kubernetes annotation, against its params. */
class NeedsKubernetesTest {
  static TaskView task(String rule) {
    Task t = new TaskBuilder().withNewMetadata().withName("t")
        .addToAnnotations(TaskRunner.NEEDS_KUBERNETES, rule).endMetadata()
        .withNewSpec().addNewParam().withName("isvc").withNewDefault("").endParam()
        .addNewParam().withName("service-url").withNewDefault("").endParam().endSpec().build();
    return TaskView.of(t);
  }

  @Test
  void ifParamNeedsTheApiOnlyWhenTheParamIsSet() {
    assertThat(TaskRunner.needsKubernetes(task("if-param:isvc"), Map.of())).isFalse();
    assertThat(TaskRunner.needsKubernetes(task("if-param:isvc"), Map.of("isvc", ""))).isFalse();
    assertThat(TaskRunner.needsKubernetes(task("if-param:isvc"), Map.of("isvc", "fraud"))).isTrue();
  }

  @Test
  void unlessParamNeedsTheApiToFindWhatTheParamWouldHaveNamed() {
    assertThat(TaskRunner.needsKubernetes(task("unless-param:service-url"), Map.of())).isTrue();
    assertThat(TaskRunner.needsKubernetes(task("unless-param:service-url"), Map.of("service-url", "http://x")))
        .isFalse();
  }

  @Test
  void trueAlwaysAndAnythingElseIsRefused() {
    assertThat(TaskRunner.needsKubernetes(task("true"), Map.of())).isTrue();
    assertThatThrownBy(() -> TaskRunner.needsKubernetes(task("sometimes"), Map.of()))
        .isInstanceOf(StepException.class).hasMessageContaining("if-param:NAMES");
  }
}
