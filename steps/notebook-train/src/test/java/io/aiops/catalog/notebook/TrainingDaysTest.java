package io.aiops.catalog.notebook;

import static io.aiops.catalog.notebook.Fixtures.copy;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's TRAINING_DAYS, still understood wherever TRAINING_HOURS is: converted to hours, said to be deprecated,
 * and winning over the hours a Task always passes by default.
 */
@QuarkusMainTest
class TrainingDaysTest {
  @TempDir Path dir;

  LaunchResult prepare(QuarkusMainLauncher launcher, String... more) throws IOException {
    Path nb = copy("notebooks/with-parameters.ipynb", dir);
    String[] base = {"prepare", "--notebook=" + nb, "--output=" + dir.resolve("out.ipynb")};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return launcher.launch(args);
  }

  @Test
  void trainingDaysBecomesHoursWithAWarningAndWinsOverTheDefaultHours(QuarkusMainLauncher launcher)
      throws IOException {
    LaunchResult run = prepare(launcher, "--training-hours=168", "--training-days=30");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getErrorOutput()).contains("TRAINING_DAYS=30 is deprecated: read as TRAINING_HOURS=720 "
        + "(training-hours=168 is not used); give training-hours instead");
    assertThat(Files.readString(dir.resolve("out.ipynb"))).contains("TRAINING_HOURS = 720\\n")
        .doesNotContain("TRAINING_DAYS");
  }

  @Test
  void theSeedsParameterNameIsConvertedToo(QuarkusMainLauncher launcher) throws IOException {
    LaunchResult run = prepare(launcher, "-p", "TRAINING_DAYS=7");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getErrorOutput()).contains("TRAINING_DAYS=7 is deprecated: read as TRAINING_HOURS=168");
    assertThat(Files.readString(dir.resolve("out.ipynb"))).contains("TRAINING_HOURS = 168\\n");
  }

  @Test
  void daysThatAreNotADayCountAreRefusedBeforeAnythingIsWritten(QuarkusMainLauncher launcher) throws IOException {
    LaunchResult run = prepare(launcher, "--training-days=a week");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("TRAINING_DAYS: 'a week' is not a positive number of days");
    assertThat(dir.resolve("out.ipynb")).doesNotExist();
  }

  @Test
  void fetchDataTakesDaysAsTheWindow(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("fetch-data", "--data-source=synthetic", "--days=2",
        "--out=" + dir.resolve("data.csv"), "--preset=anomaly-detector", "--end=2026-01-10T00:00:00Z");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getErrorOutput()).contains("TRAINING_DAYS=2 is deprecated: read as TRAINING_HOURS=48");
  }
}
