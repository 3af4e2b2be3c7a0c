package io.aiops.catalog.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo with `--engine podman`: every step in its built image (images/build.sh), the notebook and the
 * model-server sidecar in the local notebook-python image, one pod per task; gate PASS, validate PASS.
 */
@EnabledIfSystemProperty(named = "image.tests", matches = "true")
class TrainAndGatePodmanIT {
  @TempDir Path out;

  @Test
  void trainsGatesServesAndValidatesInTheImages() throws Exception {
    Path log = out.resolveSibling(out.getFileName() + ".log");
    Process run = new ProcessBuilder(ReportInChromiumIT.java(), "-jar", ReportInChromiumIT.JAR.toString(), "run",
        TrainAndGateIT.ROOT.resolve("tekton/pipelines/train-and-gate").toString(), "--checkout",
        "source=" + TrainAndGateIT.ROOT, "--engine", "podman", "--out", out.toString(), "--no-report")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(run.waitFor(20, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log);
    assertThat(run.exitValue()).as(output).isZero();

    JsonNode record = TrainAndGateIT.JSON.readTree(out.resolve("run.json").toFile());
    assertThat(record.path("engine").asText()).isEqualTo("podman");
    assertThat(record.path("status").asText()).isEqualTo("Succeeded");
    assertThat(CatalogRunTest.task(record, "train").path("results").path("model-sha256").asText())
        .matches("[0-9a-f]{64}");
    assertThat(CatalogRunTest.task(record, "gate").path("results").path("verdict").asText()).isEqualTo("PASS");
    assertThat(CatalogRunTest.task(record, "validate").path("status").asText()).isEqualTo("SUCCEEDED");
    String validate = CatalogRunTest.task(record, "validate").path("artifactDirs").get(0).asText();
    assertThat(Files.readString(out.resolve(validate).resolve("command.txt"))).startsWith("podman run")
        .contains("--read-only");
  }
}
