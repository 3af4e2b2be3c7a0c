package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.runner.yaml.StrictModel;
import io.aiops.catalog.runner.yaml.TektonYaml;
import io.aiops.catalog.runner.yaml.TektonYaml.Doc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each contract check fails on a broken copy of a real Task: the metrics-backup Task with exactly one defect.
 * The unbroken copy passes every check, so each failure is caused by its defect.
 */
class BrokenYamlTest {
  static final Path TASK = Catalog.ROOT.resolve("tekton/tasks/metrics-backup");

  @TempDir Path dir;

  @Test
  void theUnbrokenCopyPassesEveryCheck() throws IOException {
    Doc doc = copy(task -> {});
    CatalogChecks checks = Catalog.checksOver(List.of(doc));
    assertThat(checks.strictParse(doc.file())).isEmpty();
    assertThat(checks.readme(doc)).isEmpty();
    assertThat(checks.noScriptInjection(doc)).isEmpty();
    assertThat(checks.argsMatchStep(doc)).isEmpty();
    assertThat(checks.images(doc)).isEmpty();
    assertThat(checks.security(doc)).isEmpty();
    assertThat(checks.metadata(doc)).isEmpty();
  }

  @Test
  void unknownFieldFailsStrictParsing() throws IOException {
    Doc doc = copy(task -> step(task).set("computeResource", step(task).get("computeResources")));
    assertThat(Catalog.checksOver(List.of()).strictParse(doc.file())).anyMatch(p -> p.contains("computeResource"));
  }

  @Test
  void aV1beta1TaskIsRefused() throws IOException {
    Doc doc = copy(task -> task.put("apiVersion", "tekton.dev/v1beta1"));
    assertThat(Catalog.checksOver(List.of()).strictParse(doc.file())).anyMatch(p -> p.contains("tekton.dev/v1beta1"));
  }

  @Test
  void readmeDefaultDifferentFromTheYamlFails() throws IOException {
    Doc doc = copy(task -> param(task, "ready-timeout").put("default", "5m"));
    assertThat(Catalog.checksOver(List.of(doc)).readme(doc)).anyMatch(p -> p.contains("`ready-timeout`")
        && p.contains("| `5m` |") && p.contains("| `2m` |"));
  }

  @Test
  void paramMissingFromTheReadmeFails() throws IOException {
    Doc doc = copy(task -> ((ArrayNode) task.with("spec").withArray("params")).addObject()
        .put("name", "extra").put("description", "An extra knob.").put("default", "x"));
    assertThat(Catalog.checksOver(List.of(doc)).readme(doc))
        .anyMatch(p -> p.contains("`extra`") && p.contains("has no such row"));
  }

  @Test
  void readmeDescriptionDifferentFromTheYamlFails() throws IOException {
    Doc doc = copy(task -> param(task, "ready-timeout").put("description", "How long to wait, at most."));
    assertThat(Catalog.checksOver(List.of(doc)).readme(doc)).anyMatch(p -> p.contains("How long to wait, at most.")
        && p.contains("How long to wait for the service to be ready"));
  }

  @Test
  void scriptInterpolatingParamsFails() throws IOException {
    Doc doc = copy(task -> step(task).put("script", "#!/bin/sh\nbackup --namespace $(params.namespace)\n"));
    assertThat(Catalog.checksOver(List.of(doc)).noScriptInjection(doc)).anyMatch(p -> p.contains("script"));
  }

  @Test
  void flagUnknownToTheStepFails() throws IOException {
    Doc doc = copy(task -> ((ArrayNode) step(task).get("args")).add("--backupdir=/tmp"));
    assertThat(Catalog.checksOver(List.of(doc)).argsMatchStep(doc))
        .anyMatch(p -> p.contains("--backupdir is not an option of metrics-backup"));
  }

  @Test
  void resultTheStepDoesNotDeclareFails() throws IOException {
    Doc doc = copy(task -> ((ArrayNode) task.with("spec").withArray("results")).addObject()
        .put("name", "backup-size").put("description", "Bytes."));
    assertThat(Catalog.checksOver(List.of(doc)).argsMatchStep(doc)).anyMatch(p -> p.contains("backup-size"));
  }

  @Test
  void latestImageFails() throws IOException {
    Doc doc = copy(task -> param(task, "image").put("default", "quay.io/aiops-catalog/metrics-backup:latest"));
    assertThat(Catalog.checksOver(List.of(doc)).images(doc)).anyMatch(p -> p.contains(":latest"));
  }

  @Test
  void inventedDigestFails() throws IOException {
    Doc doc = copy(task -> param(task, "image").put("default", "quay.io/aiops-catalog/metrics-backup@sha256:"
        + "0".repeat(64)));
    assertThat(Catalog.checksOver(List.of(doc)).images(doc)).anyMatch(p -> p.contains("not yet published"));
  }

  @Test
  void rootOrFixedUidFails() throws IOException {
    Doc doc = copy(task -> ((ObjectNode) template(task).get("securityContext")).put("runAsUser", 0)
        .put("runAsNonRoot", false));
    assertThat(Catalog.checksOver(List.of(doc)).security(doc))
        .anyMatch(p -> p.contains("runAsNonRoot")).anyMatch(p -> p.contains("runAsUser"));
  }

  @Test
  void missingResourcesFails() throws IOException {
    Doc doc = copy(task -> {
      step(task).remove("computeResources");
      template(task).remove("computeResources");
    });
    assertThat(Catalog.checksOver(List.of(doc)).security(doc)).anyMatch(p -> p.contains("computeResources"));
  }

  @Test
  void missingCommandFails() throws IOException {
    Doc doc = copy(task -> template(task).remove("command"));
    assertThat(Catalog.checksOver(List.of(doc)).security(doc)).anyMatch(p -> p.contains("command not set"));
  }

  @Test
  void ourImageRunningAnythingButItsEntrypointFails() throws IOException {
    Doc doc = copy(task -> template(task).putArray("command").add("java").add("-jar").add("/home/jboss/quarkus-run.jar"));
    assertThat(Catalog.checksOver(List.of(doc)).security(doc)).anyMatch(p -> p.contains("run /opt/step/run"));
  }

  @Test
  void missingCatalogMetadataFails() throws IOException {
    Doc doc = copy(task -> ((ObjectNode) task.with("metadata").with("annotations"))
        .remove("tekton.dev/displayName"));
    assertThat(Catalog.checksOver(List.of(doc)).metadata(doc)).anyMatch(p -> p.contains("tekton.dev/displayName"));
  }

  @Test
  void pipelineReferringToAnUnknownTaskOrParamFails() throws IOException {
    Path file = Files.copy(fixture("pipeline-wrong-refs.yaml"), dir.resolve("pipeline.yaml"));
    Doc pipeline = TektonYaml.docs(file).get(0);
    Doc task = copy(t -> {});
    List<String> problems = Catalog.checksOver(List.of(task, pipeline)).references(pipeline);
    assertThat(problems).anyMatch(p -> p.contains("no-such-task")).anyMatch(p -> p.contains("param bogus"));
  }

  @Test
  void tektonLintFailsOnAnUndefinedParam() throws Exception {
    Files.copy(fixture("lint-undefined-param.yaml"), dir.resolve("pipeline.yaml"));
    assertThat(TektonLint.installed()).as("tekton-lint missing: run the README's test command").isTrue();
    TektonLint.Outcome lint = TektonLint.run(dir, List.of("*.yaml"));
    assertThat(lint.hasErrors()).as(lint.output()).isTrue();
    assertThat(lint.output()).contains("nope");
  }

  // ---- fixture building ------------------------------------------------------------------------------------

  private Doc copy(Consumer<ObjectNode> defect) throws IOException {
    ObjectNode task = (ObjectNode) TektonYaml.trees(TASK.resolve("metrics-backup.yaml")).get(0);
    defect.accept(task);
    Path file = dir.resolve("metrics-backup.yaml");
    TektonYaml.YAML.writeValue(file.toFile(), task);
    Files.copy(TASK.resolve("README.md"), dir.resolve("README.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Object model;
    try {
      model = TektonYaml.model(task);
    } catch (IllegalArgumentException refused) {
      model = null; // the defect is the kind itself: only strictParse looks at this copy
    }
    return new Doc(file, 0, task, model);
  }

  private static ObjectNode step(ObjectNode task) {
    return (ObjectNode) task.with("spec").withArray("steps").get(0);
  }

  private static ObjectNode template(ObjectNode task) {
    return (ObjectNode) task.with("spec").with("stepTemplate");
  }

  private static ObjectNode param(ObjectNode task, String name) {
    for (var p : task.with("spec").withArray("params")) {
      if (p.path("name").asText().equals(name)) {
        return (ObjectNode) p;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static Path fixture(String name) {
    return Path.of("src/test/resources/broken", name).toAbsolutePath();
  }
}
