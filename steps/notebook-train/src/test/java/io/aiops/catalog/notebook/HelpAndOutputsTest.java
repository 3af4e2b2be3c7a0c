package io.aiops.catalog.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help renders without picocli warnings; an output that cannot be written is exit 2 before any fetch. */
@QuarkusMainTest
class HelpAndOutputsTest {
  @Test
  void fetchDataHelpHasNoFormatWarning(QuarkusMainLauncher launcher) {
    LaunchResult help = launcher.launch("fetch-data", "--help");

    assertThat(help.exitCode()).isZero();
    // picocli wraps the description to the terminal width: compare the words, not the line breaks
    assertThat(help.getOutput().replaceAll("\\s+", " ")).contains("prometheus = 80% real + 20% synthetic anomalies");
    assertThat(help.getErrorOutput()).doesNotContain("WARN").doesNotContain("picocli");
  }

  @Test
  void anOutUnderAFileIsExit2BeforeAnyRequest(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    // port 1 on loopback: nothing listens; an early check means it is never tried
    LaunchResult run = launcher.launch("fetch-data", "--hours", "1", "--out", file.resolve("train.csv").toString(),
        "--prometheus-url", "http://127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("cannot be created: " + file + " is a file")
        .doesNotContain("connection refused");
  }
}
