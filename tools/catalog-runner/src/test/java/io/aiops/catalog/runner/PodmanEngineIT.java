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
 * `catalog run --engine podman`: each step in its built image (images/build.sh), one pod per task, as Tekton and
 * OpenShift's restricted SCC run it. Needs the image tests' set-up (IMAGE_TESTS=1 bash tests/run.sh does it all).
 */
@EnabledIfSystemProperty(named = "image.tests", matches = "true")
class PodmanEngineIT {
  static final Path ROOT = TrainAndGateIT.ROOT;

  @TempDir Path out;

  @Test
  void aStepInItsPodHasARandomUidInGroupZeroItsMemoryLimitAndOnlyItsVolumesWritable() throws Exception {
    Path log = out.resolveSibling(out.getFileName() + ".log");
    Process run = new ProcessBuilder(ReportInChromiumIT.java(), "-jar", ReportInChromiumIT.JAR.toString(), "run",
        CatalogRunTest.CATALOG.resolve("tekton/pipelines/in-pod").toString(), "--catalog", ROOT.toString(),
        "--engine", "podman", "--out", out.toString(), "--no-report")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(run.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log);
    assertThat(run.exitValue()).as(output).isEqualTo(3);
    JsonNode record = CatalogRunTest.JSON.readTree(out.resolve("run.json").toFile());
    assertThat(record.path("engine").asText()).isEqualTo("podman");

    JsonNode conventions = CatalogRunTest.task(record, "conventions");
    assertThat(conventions.path("status").asText()).as(conventions.toString()).isEqualTo("SUCCEEDED");
    String[] ids = conventions.path("results").path("ids").asText().split(":");
    assertThat(Long.parseLong(ids[0])).as("an OpenShift-range UID, not the image's 185").isBetween(1_000_700_000L,
        1_000_709_999L);
    assertThat(ids[1]).isEqualTo("0");
    assertThat(conventions.path("results").path("memory").asText()).isEqualTo(Long.toString(300L * 1024 * 1024));
    assertThat(conventions.path("results").path("root-write").asText()).isEqualTo("no");
    assertThat(out.resolve("workspaces/shared/from-the-pod")).hasContent("hello");
    String entrypointDir = conventions.path("artifactDirs").get(1).asText();
    assertThat(Files.readString(out.resolve(entrypointDir).resolve("command.txt")))
        .contains("--entrypoint=[\"/opt/step/run\"]").contains("--user " + ids[0] + ":0").contains("--read-only");
    assertThat(Files.readString(out.resolve(entrypointDir).resolve("log.txt"))).contains("0.1.0");

    JsonNode overLimit = CatalogRunTest.task(record, "over-limit");
    assertThat(overLimit.path("status").asText()).isEqualTo("FAILED");
    assertThat(overLimit.path("reason").asText()).contains("5000 bytes, over Tekton's 4096-byte limit");
  }
}
