package io.aiops.catalog.notebook;

import static io.aiops.catalog.notebook.Fixtures.copy;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class ExtractCommandTest {
  @TempDir Path dir;

  @Test
  void trainAndWrapperCellsBecomeScriptsAfterTheParameters(QuarkusMainLauncher launcher) {
    Path nb = copy("notebooks/with-parameters.ipynb", dir);
    LaunchResult run = launcher.launch("extract", "--notebook=" + nb, "--out-dir=" + dir.resolve("build"));

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(dir.resolve("build/train.py")).content()
        .contains("# --- cell 1 ---\nTRAINING_HOURS = 168")
        .contains("# --- cell 2 ---\nTRAINING_HOURS = 24")
        .contains("# (IPython) %matplotlib inline\nprint(TRAINING_HOURS)")
        .doesNotContain("class Model");
    assertThat(dir.resolve("build/wrapper.py")).content().contains("class Model:\n    pass").doesNotContain("168");
    assertThat(run.getErrorOutput()).contains("IPython line '%matplotlib inline' commented out");
  }

  @Test
  void aNotebookWithoutTrainCellsIsRefused(QuarkusMainLauncher launcher) {
    Path nb = copy("notebooks/no-parameters.ipynb", dir);
    LaunchResult run = launcher.launch("extract", "--notebook=" + nb, "--out-dir=" + dir.resolve("build"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("has no code cell tagged 'Train'");
    assertThat(dir.resolve("build")).doesNotExist();
  }
}
