package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.gpu.preflight.Fixtures;
import io.aiops.catalog.step.check.Status;
import static io.aiops.catalog.gpu.preflight.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given a must-gather of captured outputs, when analyze runs, then verdict, exit code and reports follow them. */
@QuarkusMainTest
class AnalyzeCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path results;
  @TempDir Path reports;

  @Test
  void pendingRowRemapFailsWithExit3AndWritesAllThreeReports(QuarkusMainLauncher launcher) throws IOException {
    LaunchResult run = launcher.launch("analyze", "--node=a10-node",
        "--nvidia-smi-q=" + path("nvidia-smi-q-a10-remapped-rows-pending.txt"),
        "--bandwidth-csv=" + path("cuda-bandwidthTest-csv-shmoo-htod-pinned-v100-pcie-real.txt"),
        "--results-dir=" + results, "--report-dir=" + reports);

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getOutput()).contains("Host  a10-node").contains("[[ REMAPPED ]] FAIL")
        .contains("Node Status: REMAPPED Failed");
    assertThat(results.resolve("verdict")).hasContent("FAIL");
    assertThat(results.resolve("failed-nodes")).hasContent("a10-node");
    JsonNode json = JSON.readTree(reports.resolve("report.json").toFile());
    assertThat(json.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(json.get("evict").asBoolean()).isFalse();
    assertThat(Files.readString(reports.resolve("metrics.prom")))
        .contains("gpu_preflight_check_status{node=\"a10-node\",gpu=\"00000000:07:00.0\",check=\"remapped\"} 3")
        .contains("gpu_preflight_check_value{node=\"a10-node\",gpu=\"0\",check=\"pciebw\"} 12.4");
  }

  @Test
  void warnOnlyNodeExitsZeroAndDcgm4FailIsExit3(QuarkusMainLauncher launcher) {
    LaunchResult warn = launcher.launch("analyze",
        "--nvidia-smi-q=" + path("nvidia-smi-q-h100x8-healthy.txt"), "--results-dir=" + results);
    assertThat(warn.exitCode()).as(warn.getErrorOutput()).isZero();
    assertThat(results.resolve("verdict")).hasContent("WARN");

    LaunchResult dcgm = launcher.launch("analyze", "--format=json",
        "--dcgm-json=" + path("dcgmi-diag-r2-j-dcgm4-pcie-fail-gpu1-DERIVED.json"));
    assertThat(dcgm.exitCode()).isEqualTo(3);
    assertThat(dcgm.getOutput()).contains("did not exceed minimum required value of 12.00");
  }

  @Test
  void aSingleGpuCaptureWithoutAnExpectedCountReportsTheCountAndPasses(QuarkusMainLauncher launcher)
      throws IOException {
    // the one real single-GPU nvidia-smi -q capture we have (an A10); its pending row remap fails 'remapped'
    LaunchResult run = launcher.launch("analyze", "--node=one-gpu", "--format=json",
        "--nvidia-smi-q=" + path("nvidia-smi-q-a10-remapped-rows-pending.txt"), "--results-dir=" + results);
    JsonNode inventory = finding(run.getOutput(), "inventory");
    assertThat(inventory.get("status").asText()).as(run.getErrorOutput()).isEqualTo("PASS");
    assertThat(inventory.get("reason").asText()).startsWith("1 GPU visible").contains("no expected count given");
    assertThat(inventory.get("value").asInt()).isEqualTo(1);
  }

  @Test
  void anEightGpuCaptureIsJudgedOnlyAgainstTheCountGiven(QuarkusMainLauncher launcher) throws IOException {
    LaunchResult free = launcher.launch("analyze", "--format=json",
        "--nvidia-smi-q=" + path("nvidia-smi-q-h100x8-healthy.txt"), "--results-dir=" + results);
    assertThat(free.exitCode()).as(free.getErrorOutput()).isZero();
    assertThat(finding(free.getOutput(), "inventory").get("reason").asText()).startsWith("8 GPUs visible");

    LaunchResult same = launcher.launch("analyze", "--format=json", "--expected-gpus=8",
        "--nvidia-smi-q=" + path("nvidia-smi-q-h100x8-healthy.txt"));
    assertThat(same.exitCode()).as(same.getErrorOutput()).isZero();
    assertThat(finding(same.getOutput(), "inventory").get("reason").asText()).isEqualTo("8 GPUs as expected");

    LaunchResult fewer = launcher.launch("analyze", "--format=json", "--expected-gpus=9",
        "--nvidia-smi-q=" + path("nvidia-smi-q-h100x8-healthy.txt"), "--results-dir=" + results);
    assertThat(fewer.exitCode()).as(fewer.getErrorOutput()).isEqualTo(3);
    JsonNode inventory = finding(fewer.getOutput(), "inventory");
    assertThat(inventory.get("status").asText()).isEqualTo("FAIL");
    assertThat(inventory.get("reason").asText()).isEqualTo("8 GPUs visible, 9 expected");
    assertThat(inventory.get("fatal").asBoolean()).as("a GPU missing from the node: drain it").isTrue();
    assertThat(results.resolve("verdict")).hasContent("FAIL");
  }

  @Test
  void aProfileFileThatNamesAGpuCountIsRefused(QuarkusMainLauncher launcher, @TempDir Path dir) throws IOException {
    Path profiles = Files.writeString(dir.resolve("profiles.json"),
        "{\"profiles\": [{\"match\": \"H100\", \"gpus\": 8, \"nvlinks\": 18}]}");
    LaunchResult run = launcher.launch("analyze", "--profiles=" + profiles,
        "--nvidia-smi-q=" + path("nvidia-smi-q-h100x8-healthy.txt"), "--results-dir=" + results);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("names \"gpus\", which is not read").contains("--expected-gpus");
    assertThat(results.resolve("verdict")).doesNotExist();
  }

  static JsonNode finding(String reportJson, String check) throws IOException {
    for (JsonNode f : JSON.readTree(reportJson).get("findings")) {
      if (f.get("check").asText().equals(check)) {
        return f;
      }
    }
    throw new AssertionError("no " + check + " finding in " + reportJson);
  }

  @Test
  void anInputThatCannotBeJudgedExits4AndAMissingFileExits2(QuarkusMainLauncher launcher) {
    LaunchResult truncated = launcher.launch("analyze",
        "--nvidia-smi-q=" + path("nvidia-smi-q-truncated-DERIVED.txt"), "--results-dir=" + results);
    assertThat(truncated.exitCode()).isEqualTo(4);
    assertThat(results.resolve("verdict")).hasContent("ERROR");

    LaunchResult missing = launcher.launch("analyze", "--kernel-log=/nonexistent/journal.txt");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.getErrorOutput()).contains("/nonexistent/journal.txt does not exist");

    LaunchResult nothing = launcher.launch("analyze");
    assertThat(nothing.exitCode()).isEqualTo(2);
    assertThat(nothing.getErrorOutput()).contains("give at least one input");
  }

  @Test
  void fatalXidMarksEvictAndConfigurableListCanIgnoreIt(QuarkusMainLauncher launcher) {
    LaunchResult fatal = launcher.launch("analyze", "--format=json",
        "--kernel-log=" + path("kernel-log-xid-DERIVED.txt"));
    assertThat(fatal.exitCode()).isEqualTo(3);
    assertThat(fatal.getOutput()).contains("\"evict\" : true").contains("Xid 79");

    LaunchResult relaxed = launcher.launch("analyze", "--fatal-xids=48,56-58", "--ignored-xids=13,31,79",
        "--kernel-log=" + path("kernel-log-xid-DERIVED.txt"));
    assertThat(relaxed.exitCode()).as(relaxed.getErrorOutput()).isZero();

    LaunchResult bad = launcher.launch("analyze", "--fatal-xids=48,x", "--kernel-log=" + path("kernel-log-xid-DERIVED.txt"));
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.getErrorOutput()).contains("--fatal-xids");
  }
}
