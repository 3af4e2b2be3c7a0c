package io.aiops.catalog.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled retraining, twice on one model volume, as the CronJob would run it week after week: the first run
 * trains a candidate, gates it (no served model yet: its baseline clause is not judged) and promotes it behind the
 * current link; the second run's candidate is gated against the served model's own figures and, not better,
 * is never promoted: the served link does not move. Real Jupyter kernel, the built step jars.
 */
class ModelRetrainingIT {
  static final Path ROOT = TrainAndGateIT.ROOT;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path volume;
  @TempDir Path runs;

  @Test
  void promotesOnlyAGatedCandidateAndKeepsTheServedOneOtherwise() throws Exception {
    JsonNode first = retrain("first");
    assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("Succeeded");
    assertThat(CatalogRunTest.task(first, "clone").path("status").asText()).isEqualTo("SKIPPED");
    assertThat(CatalogRunTest.task(first, "gate").path("results").path("verdict").asText())
        .as("no served model yet: the baseline clause is not judged").isEqualTo("NO_BASELINE");
    String sha = CatalogRunTest.task(first, "train").path("results").path("model-sha256").asText();
    assertThat(sha).matches("[0-9a-f]{64}");
    Path current = volume.resolve("anomaly-detector/current");
    assertThat(Files.readSymbolicLink(current)).isEqualTo(Path.of("versions", sha.substring(0, 12)));
    assertThat(current.resolve("model.pkl")).exists();
    assertThat(current.resolve("gate/metrics.json")).as("the next run's baseline travels with the model").exists();
    assertThat(CatalogRunTest.task(first, "promote").path("results").path("promoted-version").asText())
        .isEqualTo("versions/" + sha.substring(0, 12));

    // the same data gives the same model: not better than the served one, so it must not replace it
    JsonNode second = retrain("second", "-p", "threshold=recall >= 0.8 && f1 > baseline.f1");
    assertThat(second.path("status").asText()).isEqualTo("Failed");
    assertThat(CatalogRunTest.task(second, "gate").path("results").path("verdict").asText()).isEqualTo("FAIL");
    assertThat(CatalogRunTest.task(second, "promote").path("status").asText()).isNotEqualTo("SUCCEEDED");
    assertThat(Files.readSymbolicLink(current)).isEqualTo(Path.of("versions", sha.substring(0, 12)));
    try (var candidates = Files.list(volume.resolve("candidates"))) {
      assertThat(candidates.count()).as("the blocked candidate stays for inspection").isEqualTo(2);
    }
  }

  JsonNode retrain(String name, String... more) throws Exception {
    Path out = runs.resolve(name);
    Path log = runs.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(ReportInChromiumIT.java(), "-jar",
        ReportInChromiumIT.JAR.toString(), "run", ROOT.resolve("tekton/pipelines/model-retraining").toString(),
        "--checkout", "source=" + ROOT, "-w", "model=" + volume, "--out", out.toString(), "--no-report",
        "-p", "model-name=anomaly-detector",
        "-p", "notebook-path=tekton/pipelines/model-retraining/notebooks/anomaly-detector.ipynb",
        "-p", "git-url=https://github.com/aiops-catalog/aiops-catalog.git", "-p", "data-source=synthetic"));
    command.addAll(List.of(more));
    Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(run.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(out.resolve("run.json")).as(Files.readString(log)).exists();
    return JSON.readTree(out.resolve("run.json").toFile());
  }
}
