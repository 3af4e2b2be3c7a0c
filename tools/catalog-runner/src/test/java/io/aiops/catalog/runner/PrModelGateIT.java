package io.aiops.catalog.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull-request pipeline on one machine, as far as it goes without a cluster: the shipped fraud-detection notebook
 * (Train/Wrapper tagged) trains in a real kernel, extract writes its scripts, the gate passes on the threshold alone
 * (no dev namespace to read bars from, nothing deployed), validate is skipped for want of an API, notify still runs.
 */
class PrModelGateIT {
  static final Path ROOT = TrainAndGateIT.ROOT;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path out;
  @TempDir Path model;

  @Test
  void trainsTheFraudNotebookAndGatesItWithoutACluster() throws Exception {
    Path log = out.resolveSibling(out.getFileName() + ".log");
    Process run = new ProcessBuilder(List.of(ReportInChromiumIT.java(), "-jar", ReportInChromiumIT.JAR.toString(),
        "run", ROOT.resolve("tekton/pipelines/pr-model-gate").toString(),
        "--checkout", "source=" + ROOT.resolve("tekton/pipelines/pr-model-gate"), "-w", "model=" + model,
        "-p", "repo-url=https://github.com/o/r.git", "-p", "revision=0123abc", "-p", "repo-full-name=o/r",
        "-p", "model-name=fraud-detector-pr-7", "-p", "bars-configmap=", "-p", "isvc-manifest=",
        "--out", out.toString(), "--no-report")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(run.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log);
    assertThat(run.exitValue()).as(output).isZero();

    JsonNode record = JSON.readTree(out.resolve("run.json").toFile());
    assertThat(CatalogRunTest.task(record, "gate").path("results").path("verdict").asText()).isEqualTo("PASS");
    assertThat(CatalogRunTest.task(record, "validate").path("status").asText()).isEqualTo("SKIPPED");
    assertThat(CatalogRunTest.task(record, "notify").path("status").asText()).isEqualTo("SUCCEEDED");
    Path trained = model.resolve("fraud-detector-pr-7");
    assertThat(trained.resolve("model.pkl")).as("the pull request's own model path").exists();
    assertThat(trained.resolve("wrapper.py")).exists();
    assertThat(model.resolve("reports/fraud-detector-pr-7/accuracy-gate/metrics.json")).exists();
  }
}
