package io.aiops.catalog.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a real run, opened in real headless Chromium: no console error, plots drawn, a screenshot. */
class ReportInChromiumIT {
  static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();

  @TempDir Path out;
  @TempDir Path profile;

  @Test
  void aRunsReportRendersItsTimelineAndTablesWithoutConsoleErrors() throws Exception {
    Path pipeline = CatalogRunTest.CATALOG.resolve("tekton/pipelines/failing");
    Process run = new ProcessBuilder(java(), "-jar", JAR.toString(), "run", pipeline.toString(), "--out",
        out.toString()).redirectErrorStream(true).redirectOutput(out.resolveSibling(out.getFileName() + ".log")
        .toFile()).start();
    assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).isEqualTo(3);
    Path report = out.resolve("report.html");
    assertThat(report).exists();

    try (HeadlessChromium chromium = new HeadlessChromium(profile)) {
      chromium.open(report);
      JsonNode plots = chromium.evaluate("[...document.querySelectorAll('svg.plot')].map(e => {"
          + "const r = e.getBoundingClientRect(); return {id: e.id, w: r.width, h: r.height, "
          + "bars: [...e.querySelectorAll('rect.bar')].filter(b => b.getBoundingClientRect().width > 0).length}})");
      JsonNode rows = chromium.evaluate("document.querySelectorAll('#tasks tr').length");
      JsonNode failure = chromium.evaluate("document.body.innerText");
      Path png = Path.of("target", "report-failing-run.png");
      chromium.screenshot(png);

      assertThat(chromium.consoleErrors()).isEmpty();
      assertThat(plots).hasSize(1);
      assertThat(plots.get(0).path("id").asText()).isEqualTo("timeline");
      assertThat(plots.get(0).path("w").asDouble()).isGreaterThan(100);
      assertThat(plots.get(0).path("h").asDouble()).isGreaterThan(50);
      assertThat(plots.get(0).path("bars").asInt()).isEqualTo(4);
      assertThat(rows.asInt()).isEqualTo(5);
      assertThat(failure.asText()).contains("first failure: breaks").contains("exited 7");
      assertThat(Files.size(png)).isGreaterThan(5_000);
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

}
