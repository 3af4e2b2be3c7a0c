package io.aiops.catalog.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo, end to end: the train-and-gate pipeline from tekton/ run by the built runner with the built
 * step jars, a real Jupyter kernel training the notebook, a real model server, and the report in real Chromium.
 */
class TrainAndGateIT {
  static final Path ROOT = Path.of(System.getProperty("catalog.root", "../..")).toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path out;
  @TempDir Path profile;

  @Test
  void trainsGatesServesAndValidatesTheModelThenReportsIt() throws Exception {
    Path log = out.resolveSibling(out.getFileName() + ".log");
    Process run = new ProcessBuilder(ReportInChromiumIT.java(), "-jar", ReportInChromiumIT.JAR.toString(), "run",
        ROOT.resolve("tekton/pipelines/train-and-gate").toString(), "--checkout", "source=" + ROOT, "--out",
        out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(run.waitFor(15, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log);
    assertThat(run.exitValue()).as(output).isZero();
    assertThat(output.strip()).endsWith(out.resolve("report.html").toString());

    JsonNode record = JSON.readTree(out.resolve("run.json").toFile());
    assertThat(record.path("status").asText()).isEqualTo("Succeeded");
    JsonNode train = CatalogRunTest.task(record, "train");
    assertThat(train.path("results").path("model-sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(train.path("results").path("data-source").asText()).isEqualTo("synthetic");
    assertThat(CatalogRunTest.task(record, "gate").path("results").path("verdict").asText()).isEqualTo("PASS");
    assertThat(CatalogRunTest.task(record, "validate").path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(CatalogRunTest.task(record, "notify").path("status").asText()).isEqualTo("SKIPPED");
    assertThat(ROOT.resolve("tekton/pipelines/model-retraining/notebooks/anomaly-detector.ipynb"))
        .as("the checkout, not the working tree, got the injected parameters").content()
        .doesNotContain("injected-parameters");

    try (HeadlessChromium chromium = new HeadlessChromium(profile)) {
      chromium.open(out.resolve("report.html"));
      JsonNode plots = chromium.evaluate("Object.fromEntries([...document.querySelectorAll('svg.plot')].map(e => "
          + "[e.id, {w: e.getBoundingClientRect().width, bars: [...e.querySelectorAll('rect.bar')]"
          + ".filter(b => b.getBoundingClientRect().height > 0).length}]))");
      JsonNode matrix = chromium.evaluate("[...document.querySelectorAll('#confusion td')].map(td => td.innerText)");
      chromium.screenshot(Path.of("target", "report-train-and-gate.png"));

      assertThat(chromium.consoleErrors()).isEmpty();
      // train, gate, validate, and the finally's notify (skipped without a Secret, still a row of the run)
      assertThat(plots.path("timeline").path("bars").asInt()).isEqualTo(4);
      assertThat(plots.path("latency-histogram").path("w").asDouble()).isGreaterThan(100);
      assertThat(plots.path("latency-histogram").path("bars").asInt()).isPositive();
      assertThat(matrix).hasSize(4);
      int total = 0;
      for (JsonNode cell : matrix) {
        total += Integer.parseInt(cell.asText().trim());
      }
      assertThat(total).as("every holdout row in the matrix").isEqualTo(1000);
    }
  }
}
