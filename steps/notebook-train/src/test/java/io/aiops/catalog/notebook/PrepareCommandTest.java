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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given a notebook, when prepare runs, then the parameters are injected papermill-style, or nothing is written. */
@QuarkusMainTest
class PrepareCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void injectsTypedValuesAfterTheParametersCellReplacingTheEarlierInjectedCell(QuarkusMainLauncher launcher)
      throws IOException {
    Path nb = copy("notebooks/with-parameters.ipynb", dir);
    Path out = dir.resolve("prepared.ipynb");
    Path data = dir.resolve("run/x \"quoted\".csv");

    LaunchResult run = launcher.launch("prepare", "--notebook=" + nb, "--output=" + out, "--training-hours=720",
        "--data-source=prometheus", "--data-path=" + data, "--model-dir=" + dir.resolve("models/m"),
        "--model-name=m", "-p", "CONTAMINATION=0.1", "VERBOSE=true", "NOTE=7", "--results-dir=" + dir.resolve("r"));

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    JsonNode cells = JSON.readTree(out.toFile()).get("cells");
    assertThat(cells).hasSize(5);
    assertThat(tags(cells.get(1))).containsExactly("parameters");
    JsonNode injected = cells.get(2);
    assertThat(tags(injected)).containsExactly("injected-parameters");
    assertThat(injected.get("id").asText()).isNotBlank().isNotEqualTo("old");
    assertThat(source(injected)).contains(
        "TRAINING_HOURS = 720\n", "DATA_SOURCE = \"prometheus\"\n",
        "DATA_PATH = " + JSON.writeValueAsString(data.toString()) + "\n",
        "MODEL_NAME = \"m\"\n", "CONTAMINATION = 0.1\n", "VERBOSE = True\n", "NOTE = 7\n",
        "_notebook_train_os.environ.update({\"TRAINING_HOURS\":\"720\",\"DATA_SOURCE\":\"prometheus\"");
    assertThat(cells.findValuesAsText("id")).doesNotContain("old");
    JsonNode recorded = JSON.readTree(out.toFile()).at("/metadata/papermill/parameters");
    assertThat(recorded.get("TRAINING_HOURS").isIntegralNumber()).isTrue();
    assertThat(recorded.get("TRAINING_HOURS").asInt()).isEqualTo(720);
    assertThat(recorded.get("VERBOSE").asBoolean()).isTrue();
    assertThat(recorded.get("DATA_SOURCE").asText()).isEqualTo("prometheus");
    assertThat(dir.resolve("models/m")).isDirectory();
    // the notebook image may run as another UID: the directories it writes to are group-writable
    assertThat(Files.getPosixFilePermissions(dir.resolve("models/m")))
        .contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE);
    assertThat(Files.getPosixFilePermissions(dir.resolve("run")))
        .contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE);
    assertThat(dir.resolve("r/prepared-notebook")).hasContent(out.toString());
  }

  @Test
  void aValueThatDoesNotFitItsDefaultsTypeStopsBeforeAnythingIsWritten(QuarkusMainLauncher launcher) {
    Path nb = copy("notebooks/with-parameters.ipynb", dir);
    Path out = dir.resolve("prepared.ipynb");

    LaunchResult run = launcher.launch("prepare", "--notebook=" + nb, "--output=" + out,
        "--model-dir=" + dir.resolve("models"), "-p", "CONTAMINATION=lots");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("parameter CONTAMINATION: 'lots' is not a number")
        .contains("0.05");
    assertThat(out).doesNotExist();
    assertThat(dir.resolve("models")).as("no side effect before validation").doesNotExist();
  }

  @Test
  void trainingHoursMustBeAPositiveNumber(QuarkusMainLauncher launcher) {
    Path nb = copy("notebooks/with-parameters.ipynb", dir);
    LaunchResult run = launcher.launch("prepare", "--notebook=" + nb, "--output=" + dir.resolve("o.ipynb"),
        "--training-hours=abc");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("TRAINING_HOURS").contains("'abc'");
    assertThat(dir.resolve("o.ipynb")).doesNotExist();
  }

  @Test
  void withoutAParametersCellTheValuesGoOnTopWithAWarning(QuarkusMainLauncher launcher) throws IOException {
    Path nb = copy("notebooks/no-parameters.ipynb", dir);

    LaunchResult run = launcher.launch("prepare", "--notebook=" + nb, "--output=" + nb, "--training-hours=24",
        "--data-source=synthetic");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getErrorOutput()).contains("WARN").contains("no cell tagged 'parameters'");
    JsonNode cells = JSON.readTree(nb.toFile()).get("cells");
    assertThat(tags(cells.get(0))).containsExactly("injected-parameters");
    assertThat(cells.get(0).has("id")).as("nbformat 4.4 cells carry no id").isFalse();
    assertThat(source(cells.get(0))).contains("TRAINING_HOURS = 24\n", "DATA_SOURCE = \"synthetic\"\n");
  }

  @Test
  void anUnknownDataSourceIsRefused(QuarkusMainLauncher launcher) {
    Path nb = copy("notebooks/with-parameters.ipynb", dir);
    LaunchResult run = launcher.launch("prepare", "--notebook=" + nb, "--output=" + nb, "--data-source=thanos");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("DATA_SOURCE").contains("synthetic, prometheus, hybrid");
  }

  @Test
  void malformedNotebooksAreRefusedSayingWhatAndWhere(QuarkusMainLauncher launcher) {
    assertRefused(launcher, "notebooks/not-json.ipynb", "is not JSON (line 4");
    assertRefused(launcher, "notebooks/nbformat3.ipynb", "nbformat 3 is not supported");
    assertRefused(launcher, "notebooks/bad-cell.ipynb", "cell 1 has a \"source\" that is neither a string nor");
  }

  private void assertRefused(QuarkusMainLauncher launcher, String fixture, String message) {
    Path nb = Fixtures.fixture(fixture);
    Path out = dir.resolve("out-" + nb.getFileName());
    LaunchResult run = launcher.launch("prepare", "--notebook=" + nb, "--output=" + out, "--training-hours=24");
    assertThat(run.exitCode()).as(fixture).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains(message).doesNotContain("Exception");
    assertThat(out).doesNotExist();
  }

  static List<String> tags(JsonNode cell) {
    List<String> tags = new ArrayList<>();
    cell.path("metadata").path("tags").forEach(t -> tags.add(t.asText()));
    return tags;
  }

  static String source(JsonNode cell) {
    StringBuilder s = new StringBuilder();
    cell.get("source").forEach(l -> s.append(l.asText()));
    return s.toString();
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
