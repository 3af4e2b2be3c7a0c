package io.aiops.catalog.accuracy;

import static io.aiops.catalog.accuracy.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retraining pipeline names the served model's figures as the baseline; on a model's first run that file does
 * not exist yet. With --on-missing-baseline pass that is "no baseline" (the other clauses still judged); with
 * fail it stays a usage error, so a mistyped path is never silently ignored where the user asked for a baseline.
 */
@QuarkusMainTest
class FirstModelBaselineTest {
  @TempDir Path results;
  @TempDir Path out;

  LaunchResult gate(QuarkusMainLauncher launcher, String threshold, String onMissing) {
    return launcher.launch("--data", fixture("always-negative.csv"), "--label-column", "Class",
        "--positive-label", "1", "--prediction-column", "prediction", "--threshold", threshold,
        "--baseline-metrics", out.resolve("served/gate/metrics.json").toString(), "--on-missing-baseline", onMissing,
        "--results-dir", results.toString(), "--output-dir", out.toString());
  }

  @Test
  void absentBaselineOnAFirstRunSkipsOnlyTheBaselineClauses(QuarkusMainLauncher launcher) {
    LaunchResult run = gate(launcher, "accuracy >= 0.99 && f1 >= baseline.f1 - 0.02", "pass");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getErrorOutput()).contains("no baseline at " + out.resolve("served/gate/metrics.json")
        + " (a first model?)").contains("threshold holds: accuracy >= 0.99");
    assertThat(results.resolve("verdict")).hasContent("NO_BASELINE");
  }

  @Test
  void absentBaselineStillBlocksOnTheOtherClauses(QuarkusMainLauncher launcher) {
    LaunchResult run = gate(launcher, "recall >= 0.8 && f1 >= baseline.f1 - 0.02", "pass");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(results.resolve("verdict")).hasContent("FAIL");
  }

  @Test
  void absentBaselineWhereOneIsRequiredIsAUsageError(QuarkusMainLauncher launcher) {
    LaunchResult run = gate(launcher, "f1 >= baseline.f1", "fail");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("--baseline-metrics").contains("no such file");
  }
}
