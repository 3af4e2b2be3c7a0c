package io.aiops.catalog.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is exit 2 with what to fix, before any request. */
@QuarkusMainTest
class UsageTest {
  @Test
  void needsAnInferenceServiceOrAUrl(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("give --isvc").contains("--url");
  }

  @Test
  void sweepNeedsTheBoundItLooksFor(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("--url", "http://127.0.0.1:1", "--model-name", "m", "--sweep",
        "--load-requests", "10");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("--sweep needs").contains("--max-p95-ms");
  }

  @Test
  void raggedSampleIsRejectedNamingTheRow(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
    Path sample = java.nio.file.Files.writeString(dir.resolve("s.csv"), "1,2,3\n4,5\n");
    LaunchResult run = launcher.launch("--url", "http://127.0.0.1:1", "--model-name", "m", "--sample",
        sample.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("row 2 has 2 values, row 1 has 3").doesNotContain("Exception");
  }

  @Test
  void helpListsTheExitCodes(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.getOutput()).contains("--max-p95-ms").contains("--sweep").contains("Exit codes:");
  }
}
