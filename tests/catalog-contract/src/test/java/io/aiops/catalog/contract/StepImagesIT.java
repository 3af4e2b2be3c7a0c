package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.runner.yaml.TektonYaml.Doc;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every Task's step in its built image (images/build.sh, or tests/run.sh with IMAGE_TESTS=1), started as OpenShift's
 * restricted SCC starts it: a random UID in group 0, capabilities dropped, a read-only root filesystem, the Task's
 * own command with `--help` and with one real call, workspaces bind-mounted, results in /tekton/results.
 */
@EnabledIfSystemProperty(named = "image.tests", matches = "true")
class StepImagesIT {
  @TempDir Path tmp;

  /** One real call per step, offline: what it is given in its workspace, its args, the exit code it must end with. */
  record RealCall(String step, Map<String, Path> workspaceFiles, List<String> args, int exit, String says) {}

  static Stream<RealCall> realCalls() {
    Path root = Catalog.ROOT;
    Path gpuFixtures = root.resolve("tests/fixtures/gpu-preflight");
    return Stream.of(
        // real work on files in the workspace
        new RealCall("accuracy-gate", Map.of(), List.of("--data=/workspace/data/scored.csv", "--label-column=Class",
            "--prediction-column=prediction", "--score-column=score", "--threshold=recall >= 0.5",
            "--results-dir=/tekton/results"), 0, ""),
        new RealCall("notebook-train", Map.of("nb.ipynb",
            root.resolve("tests/fixtures/notebook-train/notebooks/with-parameters.ipynb")),
            List.of("extract", "--notebook=/workspace/data/nb.ipynb", "--out-dir=/workspace/data/extracted"), 0, ""),
        new RealCall("gpu-preflight", Map.of("smi.txt", gpuFixtures.resolve("nvidia-smi-q-h100x8-healthy.txt")),
            List.of("analyze", "--nvidia-smi-q=/workspace/data/smi.txt", "--results-dir=/tekton/results"), 0, ""),
        // the gate's figures read from the workspace; no Secret mounted: told, never a failure
        new RealCall("notify", Map.of("metrics.json", root.resolve("tests/fixtures/notify/gate-fail-metrics.json")),
            List.of("--status=Failed", "--pipeline=pr-model-gate", "--pipeline-run=pr-7",
                "--gate-metrics=/workspace/data/metrics.json", "--results-dir=/tekton/results"), 0,
            "nothing to notify"),
        // a broken backup is refused before any service is contacted
        new RealCall("metrics-restore", Map.of(), List.of("--file=/workspace/data/broken.json",
            "--backup-dir=/workspace/data", "--service-url=http://127.0.0.1:9", "--results-dir=/tekton/results"), 2,
            "broken.json"),
        // the dependency is absent (no network in the container): exit 4, one line, in the image's own JVM and TLS
        new RealCall("metrics-backup", Map.of(), List.of("--service-url=http://127.0.0.1:9", "--ready-timeout=2s",
            "--backup-dir=/workspace/data", "--results-dir=/tekton/results"), 4, "127.0.0.1:9"),
        new RealCall("model-validate", Map.of(), List.of("--url=http://127.0.0.1:9", "--model-name=m",
            "--ready-timeout=2s", "--results-dir=/tekton/results"), 4, "127.0.0.1:9"),
        new RealCall("gpu-deadlock", Map.of(), List.of("--namespace=models", "--timeout=5s",
            "--results-dir=/tekton/results"), 4, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realCalls")
  void theTasksCommandRunsInTheImageAsRestrictedScc(RealCall call) throws Exception {
    String image = Podman.stepImage(call.step());
    List<String> command = taskCommand(call.step());

    Podman.Result help = Podman.runStep(image, readOnly(), command, List.of("--help"));
    assertThat(help.exit()).as(help.output()).isZero();
    assertThat(help.output()).contains("Usage:");

    Path data = Podman.groupWritableDir(tmp.resolve("data"));
    Path results = Podman.groupWritableDir(tmp.resolve("results"));
    for (var f : call.workspaceFiles().entrySet()) {
      Files.copy(f.getValue(), data.resolve(f.getKey()));
    }
    if (call.step().equals("accuracy-gate")) {
      Files.writeString(data.resolve("scored.csv"),
          "Class,prediction,score\n0,0,0.1\n1,1,0.9\n0,0,0.2\n1,1,0.8\n0,1,0.6\n1,0,0.4\n");
    }
    if (call.step().equals("metrics-restore")) {
      Files.writeString(data.resolve("broken.json"), "{\"format\": ");
    }
    Podman.groupWritableDir(data);
    List<String> opts = new ArrayList<>(readOnly());
    opts.addAll(List.of("-v", data + ":/workspace/data", "-v", results + ":/tekton/results",
        "--workdir=/workspace/data"));
    Podman.Result run = Podman.runStep(image, opts, command, call.args());
    assertThat(run.exit()).as(run.output()).isEqualTo(call.exit());
    assertThat(run.output()).contains(call.says()).doesNotContain("\tat ");
    if (call.exit() == 0 && call.args().contains("--results-dir=/tekton/results")) {
      try (var written = Files.list(results)) {
        assertThat(written.toList()).as("results written by a random UID into /tekton/results").isNotEmpty();
      }
    }
    if (call.step().equals("notebook-train")) {
      assertThat(data.resolve("extracted/train.py")).isRegularFile();
    }
  }

  @Test
  void writingOutsideWorkspacesFailsAsUnderRestrictedScc() throws Exception {
    String image = Podman.stepImage("notebook-train");
    // the root filesystem writable (restricted SCC does not make it read-only): the random UID alone is refused
    Podman.Result root = Podman.runRestricted(image, List.of("--entrypoint=/bin/sh"),
        List.of("-c", "id -g; touch /x"));
    assertThat(root.exit()).as(root.output()).isNotZero();
    assertThat(root.output()).startsWith("0\n").contains("Permission denied");
    // nor is HOME: Jib's app layer lays /home/jboss down again as 185:0 mode 755, over the base's group-writable
    // one, so a random UID can read the app but write only /tmp (and its volumes); steps never write HOME
    Podman.Result home = Podman.runRestricted(image, List.of("--entrypoint=/bin/sh"),
        List.of("-c", "touch /tmp/x && echo tmp-written; touch /home/jboss/x"));
    assertThat(home.exit()).as(home.output()).isNotZero();
    assertThat(home.output()).startsWith("tmp-written\n").contains("Permission denied");
    // a step told to write outside its workspaces fails, saying where, in one line
    Path data = Podman.groupWritableDir(tmp.resolve("data"));
    Files.copy(Catalog.ROOT.resolve("tests/fixtures/notebook-train/notebooks")
        .resolve("with-parameters.ipynb"), data.resolve("nb.ipynb"));
    Podman.groupWritableDir(data);
    Podman.Result step = Podman.runStep(image, List.of("-v", data + ":/workspace/data"),
        taskCommand("notebook-train"), List.of("extract", "--notebook=/workspace/data/nb.ipynb",
            "--out-dir=/extracted"));
    assertThat(step.exit()).as(step.output()).isNotZero();
    assertThat(step.output()).contains("--out-dir /extracted cannot be created: / is not writable")
        .doesNotContain("\tat ");
  }

  /** The step's command in its Task (step, else stepTemplate): Tekton runs exactly that, not the image's entrypoint. */
  static List<String> taskCommand(String taskName) {
    for (Doc doc : Catalog.docs(Catalog.files())) {
      if (doc.model() instanceof Task task && taskName.equals(doc.name())) {
        Step step = task.getSpec().getSteps().get(0);
        for (Step s : task.getSpec().getSteps()) {
          if ("$(params.image)".equals(s.getImage())) {
            step = s;
            break;
          }
        }
        List<String> command = step.getCommand() != null && !step.getCommand().isEmpty() ? step.getCommand()
            : task.getSpec().getStepTemplate().getCommand();
        assertThat(command).as(taskName + " command").isNotEmpty();
        return command;
      }
    }
    throw new AssertionError("no Task " + taskName);
  }

  private static List<String> with(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> readOnly() {
    return List.of("--read-only");
  }
}
