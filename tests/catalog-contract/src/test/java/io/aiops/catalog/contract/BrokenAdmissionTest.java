package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.runner.admission.Admission;
import io.aiops.catalog.runner.admission.AdmissionRules;
import io.aiops.catalog.runner.admission.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One broken example per admission rule: each is a real shipped file with one defect (or a small run of a real
 * Pipeline), and the rule names the defect's file and line. The unbroken copies pass, so the defect is the cause.
 */
class BrokenAdmissionTest {
  static final Path BACKUP = Catalog.ROOT.resolve("tekton/tasks/metrics-backup/metrics-backup.yaml");

  @TempDir Path dir;

  @Test
  void theUnbrokenCopiesAreAdmitted() throws IOException {
    assertThat(check(write("task.yaml", read(BACKUP)))).isEmpty();
    assertThat(check(write("cron.yaml", cronJob("docker.io/bitnami/kubectl:1.31.4", "")))).isEmpty();
  }

  @Test
  void anAlphaFieldIsRefusedUnderBeta() throws IOException {
    Path f = write("task.yaml", read(BACKUP).replace("    - name: backup\n",
        "    - name: backup\n      stdoutConfig:\n        path: $(workspaces.backups.path)/out.txt\n"));
    assertThat(check(f)).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo(AdmissionRules.GATED);
      assertThat(x.line()).isEqualTo(lineOf(f, "stdoutConfig:"));
      assertThat(x.message()).contains("enable-api-fields: alpha").contains("task_validation.go");
    });
  }

  @Test
  void aResolverOffByDefaultIsRefused() throws IOException {
    Path f = write("p.yaml", pipeline("        resolver: http\n        params:\n          - {name: url, value: "
        + "\"https://example.com/t.yaml\"}\n", ""));
    assertThat(check(f)).anyMatch(x -> x.rule().equals(AdmissionRules.GATED) && x.message().contains("http"));
  }

  @Test
  void aParamInsideAResourceQuantityIsRefused() throws IOException {
    Path f = write("task.yaml", read(BACKUP).replace("memory: 384Mi", "memory: $(params.memory)"));
    assertThat(check(f)).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo(AdmissionRules.SUBSTITUTION);
      assertThat(x.line()).isEqualTo(lineOf(f, "memory: $(params.memory)"));
    });
  }

  @Test
  void aParamInOurOwnScriptIsRefused() throws IOException {
    Path f = write("task.yaml", read(BACKUP).replace("    - name: backup\n      args:",
        "    - name: backup\n      script: |\n        backup --namespace $(params.namespace)\n      args:"));
    assertThat(check(f)).anyMatch(x -> x.rule().equals(AdmissionRules.SCRIPT)
        && x.message().contains("$(params.namespace)") && x.line() == lineOf(f, "script: |"));
  }

  @Test
  void aParamInAShellScriptAfterDashCIsRefused() throws IOException {
    Path f = write("task.yaml", read(BACKUP).replace("    - name: backup\n      args:",
        "    - name: backup\n      command: [\"sh\", \"-c\", \"backup --type $(params.type)\"]\n      args:"));
    assertThat(check(f)).anyMatch(x -> x.rule().equals(AdmissionRules.SCRIPT) && x.message().contains("-c"));
  }

  @Test
  void aResultInAHubTasksScriptParamIsRefused() throws IOException {
    Path f = write("p.yaml", pipeline(hub("kubernetes-actions", "0.2"),
        "      params:\n        - name: script\n          value: kubectl apply -n $(params.ns) -f x.yaml\n"));
    assertThat(check(f)).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo(AdmissionRules.SCRIPT);
      assertThat(x.message()).contains("kubernetes-actions@0.2").contains("$(params.ns)");
      assertThat(x.line()).isEqualTo(lineOf(f, "- name: script"));
    });
  }

  @Test
  void aHubTaskNobodyReadIsRefused() throws IOException {
    Path f = write("p.yaml", pipeline(hub("buildah", "0.9"), ""));
    assertThat(check(f)).anyMatch(x -> x.rule().equals(AdmissionRules.SCRIPT) && x.message().contains("buildah@0.9"));
  }

  @Test
  void twoClaimsOnOneTaskRunOfAShippedPipelineAreRefused() throws IOException {
    Path f = write("run.yaml", """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {generateName: retrain-}
        spec:
          pipelineRef: {name: model-retraining}
          params: [{name: model-name, value: m}, {name: notebook-path, value: n.ipynb}, {name: git-url, value: u}]
          workspaces:
            - name: source
              volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}
            - name: model
              persistentVolumeClaim: {claimName: models}
        """);
    assertThat(check(f)).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo(AdmissionRules.COSCHEDULE);
      assertThat(x.message()).contains("task train").contains("PVC models");
      assertThat(x.line()).isEqualTo(lineOf(f, "workspaces:"));
    });
    Path fixed = write("run.yaml", read(f).replace(
        "volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}",
        "persistentVolumeClaim: {claimName: models}\n      subPath: checkouts/m"));
    assertThat(check(fixed)).isEmpty();
  }

  @Test
  void aFixedUidAnywhereIsRefused() throws IOException {
    Path f = write("cron.yaml", cronJob("docker.io/bitnami/kubectl:1.31.4", "                runAsUser: 65532\n"));
    assertThat(check(f)).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo(AdmissionRules.RESTRICTED);
      assertThat(x.line()).isEqualTo(lineOf(f, "runAsUser: 65532"));
    });
    Path g = write("task.yaml", read(BACKUP).replace("runAsNonRoot: true", "runAsNonRoot: true, fsGroup: 0"));
    assertThat(check(g)).anyMatch(x -> x.rule().equals(AdmissionRules.RESTRICTED) && x.message().contains("fsGroup"));
  }

  @Test
  void aHubTaskWithAFixedUidIsRefusedUnlessTheNonrootV2BindingShips() throws IOException {
    Path f = write("p.yaml", pipeline(hub("git-clone", "0.9"), ""));
    assertThat(check(f)).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo(AdmissionRules.RESTRICTED);
      assertThat(x.message()).contains("git-clone@0.9").contains("65532");
    });
    Path binding = write("scc.yaml", read(Catalog.ROOT.resolve("tekton/pipelines/model-retraining/scc.yaml")));
    assertThat(check(f, binding)).isEmpty();
  }

  @Test
  void aCronJobImageThatRunsAsRootIsRefused() throws IOException {
    Path f = write("cron.yaml", cronJob("quay.io/openshift/origin-cli:4.15", ""));
    assertThat(check(f)).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo(AdmissionRules.ROOT_IMAGE);
      assertThat(x.line()).isEqualTo(lineOf(f, "image: quay.io/openshift/origin-cli:4.15"));
    });
  }

  @Test
  void resultsWhoseFramingLeavesNoRoomForValuesAreRefused() throws IOException {
    String many = IntStream.range(0, 60).mapToObj(i -> "    - name: figure-number-" + i + "-of-the-model\n"
        + "      description: A figure.\n").collect(Collectors.joining());
    Path f = write("task.yaml", read(BACKUP).replace("  results:\n", "  results:\n" + many));
    assertThat(check(f)).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo(AdmissionRules.RESULTS);
      assertThat(x.message()).containsPattern("6[0-9] results take [0-9]+ bytes").contains("4096");
    });
  }

  // ---- building -----------------------------------------------------------------------------------------------

  private List<Finding> check(Path... files) {
    return Admission.check(Catalog.ROOT, List.of(files));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static String read(Path f) throws IOException {
    return Files.readString(f);
  }

  private static int lineOf(Path f, String text) {
    List<String> lines;
    try {
      lines = Files.readAllLines(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + f);
  }

  private static String hub(String name, String version) {
    return "        resolver: hub\n        params:\n          - {name: catalog, value: tekton-catalog-tasks}\n"
        + "          - {name: type, value: artifact}\n          - {name: kind, value: task}\n"
        + "          - {name: name, value: " + name + "}\n          - {name: version, value: \"" + version + "\"}\n";
  }

  private static String pipeline(String taskRef, String rest) {
    return "apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata:\n  name: broken\nspec:\n  params:\n"
        + "    - {name: ns, type: string}\n  tasks:\n    - name: t\n      taskRef:\n" + taskRef + rest;
  }

  private static String cronJob(String image, String extraSecurity) {
    return """
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: broken
        spec:
          schedule: "0 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: c
                      image: %s
                      command: ["kubectl", "version"]
                      securityContext:
                        runAsNonRoot: true
        %s""".formatted(image, extraSecurity);
  }
}
