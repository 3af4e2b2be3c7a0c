package io.aiops.catalog.accuracy;

import static io.aiops.catalog.accuracy.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Path;
import io.aiops.catalog.step.testing.LocalProcesses;
import io.aiops.catalog.step.testing.RealPushgateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a real Pushgateway (Debian prometheus-pushgateway), when the gate fails on main, then the gateway holds the
 * series the AccuracyGateFailedOnDefaultBranch alert reads, and the next passing run of that model and branch
 * replaces them.
 */
@QuarkusMainTest
class PushgatewayIT {
  @RegisterExtension static final RealPushgateway gateway = RealPushgateway.perTestClass();
  @TempDir Path results;


  static int freePort() throws IOException {
    return LocalProcesses.freePort();
  }

  static String scrape() throws Exception {
    return gateway.scrape();
  }

  LaunchResult gate(QuarkusMainLauncher launcher, String data, String pushgateway, String threshold) {
    return launcher.launch("--data", data, "--label-column", "Class", "--positive-label", "1",
        "--prediction-column", "prediction", "--threshold", threshold, "--results-dir", results.toString(),
        "--pushgateway-url", pushgateway, "--pushgateway-label", "model=fraud-detection",
        "--pushgateway-label", "branch=main", "--http-retries", "0");
  }

  @Test
  void aFailOnMainIsPushedAndTheNextPassOfTheSameModelReplacesIt(QuarkusMainLauncher launcher) throws Exception {
    LaunchResult fail = gate(launcher, fixture("always-negative.csv"), gateway.url(),
        "accuracy >= 0.99 && recall >= 0.8");

    assertThat(fail.exitCode()).as(fail.getErrorOutput()).isEqualTo(3);
    String group = "branch=\"main\",instance=\"\",job=\"accuracy-gate\",model=\"fraud-detection\"";
    assertThat(scrape()).contains("accuracy_gate_failed{" + group + "} 1")
        .contains("accuracy_gate_failed_clauses{" + group + "} 1")
        .contains("accuracy_gate_verdict{" + group + ",verdict=\"FAIL\"} 1")
        .contains("accuracy_gate_figure{" + group.replace("branch=\"main\",", "branch=\"main\",figure=\"recall\",")
            + "} 0")
        .contains("push_time_seconds{" + group + "}");

    LaunchResult pass = gate(launcher, fixture("fraud-imbalanced.csv"), gateway.url(), "recall >= 0.8");

    assertThat(pass.exitCode()).as(pass.getErrorOutput()).isZero();
    assertThat(scrape()).contains("accuracy_gate_failed{" + group + "} 0")
        .contains("accuracy_gate_verdict{" + group + ",verdict=\"PASS\"} 1")
        .doesNotContain("verdict=\"FAIL\"")
        .contains("accuracy_gate_figure{" + group.replace("branch=\"main\",", "branch=\"main\",figure=\"recall\",")
            + "} 0.875");
  }

  @Test
  void aGatewayDownFailsAPassingGateWith4ButLeavesAFailingGatesExit3(QuarkusMainLauncher launcher)
      throws Exception {
    String down = "http://127.0.0.1:" + freePort();

    LaunchResult pass = gate(launcher, fixture("fraud-imbalanced.csv"), down, "recall >= 0.8");
    assertThat(pass.exitCode()).as(pass.getErrorOutput()).isEqualTo(4);
    assertThat(pass.getErrorOutput()).contains("connection refused");
    assertThat(results.resolve("verdict")).hasContent("PASS");

    LaunchResult fail = gate(launcher, fixture("always-negative.csv"), down, "recall >= 0.8");
    assertThat(fail.exitCode()).as(fail.getErrorOutput()).isEqualTo(3);
    assertThat(fail.getErrorOutput()).contains("connection refused").contains("below threshold: recall >= 0.8");
  }
}
