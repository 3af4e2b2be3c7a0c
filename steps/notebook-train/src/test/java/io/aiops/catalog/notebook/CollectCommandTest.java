package io.aiops.catalog.notebook;

import static io.aiops.catalog.notebook.Fixtures.copy;
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

/** Given what a real nbconvert run left, when collect runs, then the failure kind and the report are right. */
@QuarkusMainTest
class CollectCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aCellErrorFailsWithTheFirstFailingCellAndKeepsNotebookHtmlAndErrorJson(QuarkusMainLauncher launcher)
      throws IOException {
    Path nb = copy("nbconvert/cell-error-executed.ipynb", dir);
    Path log = copy("nbconvert/cell-error.log", dir);
    Path reports = dir.resolve("reports");
    Files.writeString(dir.resolve("exit"), "0\n");

    LaunchResult run = launcher.launch("collect", "--notebook=" + nb, "--execute-log=" + log,
        "--execute-exit-code=" + dir.resolve("exit"), "--model=" + dir.resolve("model.pkl"),
        "--report-dir=" + reports, "--results-dir=" + dir.resolve("r"));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("cell 2 (execution count 3) raised ZeroDivisionError: division by zero")
        .contains("1 later cell(s) failed too").contains("mean = sum([]) / 0");
    JsonNode error = JSON.readTree(reports.resolve("error.json").toFile());
    assertThat(error.get("cellIndex").asInt()).isEqualTo(2);
    assertThat(error.get("ename").asText()).isEqualTo("ZeroDivisionError");
    assertThat(error.get("errorCells").asInt()).isEqualTo(2);
    assertThat(reports.resolve("executed.ipynb")).hasSameBinaryContentAs(nb);
    assertThat(reports.resolve("execute.log")).exists();
    assertThat(reports.resolve("executed.html")).content().contains("id=\"cell-2\"").contains("ZeroDivisionError")
        .doesNotContain("\u001b[");
    assertThat(dir.resolve("r/outcome")).hasContent("cell-error");
    assertThat(dir.resolve("r/model-sha256")).doesNotExist();
  }

  @Test
  void outputCutByAnIopubTimeoutFailsThoughNbconvertSucceeded(QuarkusMainLauncher launcher) {
    Path nb = copy("nbconvert/iopub-timeout-executed.ipynb", dir);
    Path log = copy("nbconvert/iopub-timeout.log", dir);
    LaunchResult run = launcher.launch("collect", "--notebook=" + nb, "--execute-log=" + log,
        "--model=" + dir.resolve("model.pkl"), "--iopub-timeout=0s", "--results-dir=" + dir.resolve("r"));
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("outputs were cut").contains("IOPub timeout (0s)");
    assertThat(dir.resolve("r/outcome")).hasContent("iopub-timeout");
  }

  @Test
  void nbconvertFailingWithoutANotebookIsReportedWithItsExitCodeAndLog(QuarkusMainLauncher launcher)
      throws IOException {
    Files.writeString(dir.resolve("exit"), "1");
    Files.writeString(dir.resolve("log"), "[NbConvertApp] Converting notebook nb.ipynb to notebook\n"
        + "FileNotFoundError: [Errno 2] No such file or directory: 'nb.ipynb'\n");
    LaunchResult run = launcher.launch("collect", "--notebook=" + dir.resolve("missing.ipynb"),
        "--execute-log=" + dir.resolve("log"), "--execute-exit-code=" + dir.resolve("exit"),
        "--model=" + dir.resolve("model.pkl"), "--results-dir=" + dir.resolve("r"));
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("jupyter nbconvert exited with 1").contains("FileNotFoundError");
    assertThat(dir.resolve("error.json")).exists();
    assertThat(dir.resolve("r/outcome")).hasContent("nbconvert-failed");
  }

  @Test
  void aCleanRunRecordsTheModelsSha256SizeAndDataSource(QuarkusMainLauncher launcher) throws IOException {
    Path nb = copy("nbconvert/cell-error-executed.ipynb", dir);
    stripErrors(nb);
    Path model = dir.resolve("models/m/model.pkl");
    Files.createDirectories(model.getParent());
    Files.write(model, new byte[4096]);
    Files.writeString(model.resolveSibling("metrics.json"), "{\"rows\": 10}");
    Files.writeString(dir.resolve("data.csv"), "timestamp,a\n");
    Files.writeString(dir.resolve("data.csv.source.json"), "{\"used\": \"hybrid\", \"rows\": 1234, "
        + "\"fallbackReason\": null}");

    LaunchResult run = launcher.launch("collect", "--notebook=" + nb, "--model=" + model,
        "--data=" + dir.resolve("data.csv"), "--report-dir=" + dir.resolve("rep"), "--results-dir=" + dir.resolve("r"));

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(dir.resolve("r/model-sha256")).hasContent(CollectReport.sha256(model));
    assertThat(dir.resolve("r/model-bytes")).hasContent("4096");
    assertThat(dir.resolve("r/data-source")).hasContent("hybrid");
    assertThat(dir.resolve("r/rows")).hasContent("1234");
    assertThat(dir.resolve("r/outcome")).hasContent("succeeded");
    assertThat(dir.resolve("rep/metrics.json")).hasContent("{\"rows\": 10}");
  }

  @Test
  void aMissingOrTrivialModelFailsACleanRun(QuarkusMainLauncher launcher) throws IOException {
    Path nb = copy("nbconvert/cell-error-executed.ipynb", dir);
    stripErrors(nb);
    LaunchResult run = launcher.launch("collect", "--notebook=" + nb, "--model=" + dir.resolve("none.pkl"));
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("saved no model at");

    Files.writeString(dir.resolve("tiny.pkl"), "x");
    run = launcher.launch("collect", "--notebook=" + nb, "--model=" + dir.resolve("tiny.pkl"));
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("is 1 bytes, under --min-model-bytes=256");
  }

  /** The same real notebook with its error outputs removed: a run in which every cell passed. */
  private static void stripErrors(Path nb) throws IOException {
    var root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(nb.toFile());
    root.get("cells").forEach(c -> ((com.fasterxml.jackson.databind.node.ObjectNode) c).putArray("outputs"));
    Files.writeString(nb, root.toString());
  }
}
