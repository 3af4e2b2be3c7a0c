package io.aiops.catalog.gpu.preflight.report;

import io.aiops.catalog.step.testing.LocalProcesses;
import io.aiops.catalog.step.testing.RealPushgateway;
import static io.aiops.catalog.gpu.preflight.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Metrics pushed to a real Prometheus Pushgateway (Debian prometheus-pushgateway), then scraped back. */
@QuarkusMainTest
class PushgatewayIT {
  @RegisterExtension static final RealPushgateway gateway = RealPushgateway.perTestClass();


  @Test
  void pushedSeriesAreScrapedBackAndARepushReplacesTheNodesGroup(QuarkusMainLauncher launcher) throws Exception {
    LaunchResult fail = launcher.launch("analyze", "--node=a10-node", "--pushgateway-url=" + gateway.url(),
        "--nvidia-smi-q=" + path("nvidia-smi-q-a10-remapped-rows-pending.txt"));
    assertThat(fail.exitCode()).as(fail.getErrorOutput()).isEqualTo(3);
    String metrics = gateway.scrape();
    assertThat(metrics).contains("gpu_preflight_check_status{check=\"remapped\",gpu=\"00000000:07:00.0\","
        + "instance=\"\",job=\"gpu-preflight\",node=\"a10-node\"} 3");
    assertThat(metrics).contains("gpu_preflight_node_verdict{instance=\"\",job=\"gpu-preflight\",node=\"a10-node\"} 3");

    LaunchResult healthy = launcher.launch("analyze", "--node=a10-node", "--pushgateway-url=" + gateway.url(),
        "--nvidia-smi-q=" + path("nvidia-smi-q-h100x8-healthy.txt"));
    assertThat(healthy.exitCode()).as(healthy.getErrorOutput()).isZero();
    String after = gateway.scrape();
    assertThat(after).doesNotContain("gpu=\"00000000:07:00.0\"")
        .contains("gpu_preflight_node_verdict{instance=\"\",job=\"gpu-preflight\",node=\"a10-node\"} 1");
  }

  @Test
  void anUnreachablePushgatewayIsAWarnExit4WhenRequiredAndABadUrlExit2(QuarkusMainLauncher launcher,
      @org.junit.jupiter.api.io.TempDir Path results) throws Exception {
    int closed = LocalProcesses.freePort();
    LaunchResult down = launcher.launch("analyze", "--pushgateway-url=http://127.0.0.1:" + closed, "--http-retries=0",
        "--nvidia-smi-q=" + path("nvidia-smi-q-h100x8-healthy.txt"), "--results-dir=" + results);
    assertThat(down.exitCode()).as("the verdict's (WARN), the push is only metrics").isZero();
    assertThat(results.resolve("verdict")).hasContent("WARN");
    assertThat(down.getErrorOutput().lines().filter(l -> l.contains("metrics not pushed"))).singleElement()
        .asString().startsWith("WARN").contains("127.0.0.1:" + closed);

    LaunchResult required = launcher.launch("analyze", "--pushgateway-url=http://127.0.0.1:" + closed,
        "--http-retries=0", "--pushgateway-required", "--nvidia-smi-q=" + path("nvidia-smi-q-h100x8-healthy.txt"),
        "--results-dir=" + results.resolve("required"));
    assertThat(required.exitCode()).isEqualTo(4);
    assertThat(results.resolve("required/verdict")).as("written before the push").hasContent("WARN");
    assertThat(required.getErrorOutput()).contains("metrics not pushed and --pushgateway-required")
        .contains("127.0.0.1:" + closed);

    LaunchResult failed = launcher.launch("analyze", "--pushgateway-url=http://127.0.0.1:" + closed,
        "--http-retries=0", "--pushgateway-required", "--nvidia-smi-q=" + path("nvidia-smi-q-a10-remapped-rows-pending.txt"));
    assertThat(failed.exitCode()).as("a FAIL keeps its exit code").isEqualTo(3);
    LaunchResult bad = launcher.launch("analyze", "--pushgateway-url=ftp://x", "--kernel-log=" + path("kernel-log-xid-DERIVED.txt"));
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.getErrorOutput()).contains("--pushgateway-url must be http(s)://host:port");
  }
}
