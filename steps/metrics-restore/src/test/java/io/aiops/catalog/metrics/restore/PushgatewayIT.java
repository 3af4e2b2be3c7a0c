package io.aiops.catalog.metrics.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.aiops.catalog.trustyai.ScheduledRequest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.aiops.catalog.step.testing.LocalProcesses;
import io.aiops.catalog.step.testing.RealPushgateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a real Pushgateway (Debian prometheus-pushgateway), when a restore leaves a metric unrestored, then the
 * gateway holds the series the MetricsRestoreLeftMetricsUnrestored alert reads, and the next good restore clears it.
 */
@QuarkusMainTest
class PushgatewayIT {
  @RegisterExtension static final RealPushgateway gateway = RealPushgateway.perTestClass();
  TrustyAiStub stub;
  WireMockServer trustyai;
  @TempDir Path backups;
  @TempDir Path results;


  @BeforeEach
  void startService() {
    stub = new TrustyAiStub();
    trustyai = TrustyAiStub.start(stub);
  }

  @AfterEach
  void stopService() {
    trustyai.stop();
  }

  static int freePort() throws IOException {
    return LocalProcesses.freePort();
  }

  static String scrape() throws Exception {
    return gateway.scrape();
  }

  LaunchResult restore(QuarkusMainLauncher launcher, String pushgateway, String... extra) {
    return restoreFrom(launcher, backups, pushgateway, extra);
  }

  LaunchResult restoreFrom(QuarkusMainLauncher launcher, Path dir, String pushgateway, String... extra) {
    List<String> args = new ArrayList<>(List.of("--service-url", trustyai.baseUrl(), "--backup-dir",
        dir.toString(), "--results-dir", results.toString(), "--ready-timeout", "2s", "--namespace", "my-models",
        "--pushgateway-url", pushgateway, "--pushgateway-label", "upgrade=rhoai-2.16"));
    args.addAll(List.of(extra));
    return launcher.launch(args.toArray(String[]::new));
  }

  @Test
  void anUnrestoredMetricIsPushedAndTheNextGoodRestoreClearsIt(QuarkusMainLauncher launcher) throws Exception {
    List<ScheduledRequest> backed = new ArrayList<>(Backups.captured());
    ObjectNode gone = backed.get(0).request().deepCopy().put("modelId", "gone-model");
    backed.add(new ScheduledRequest("11111111-2222-3333-4444-555555555555", gone));
    Backups.write(backups, backed);

    LaunchResult failed = restore(launcher, gateway.url());

    assertThat(failed.exitCode()).as(failed.getErrorOutput()).isEqualTo(3);
    String labels = "instance=\"\",job=\"metrics-restore\",namespace=\"my-models\",upgrade=\"rhoai-2.16\"";
    String group = "instance=\"\",job=\"metrics-restore\",namespace=\"my-models\",result=\"%s\","
        + "upgrade=\"rhoai-2.16\"";
    assertThat(scrape()).contains("metrics_restore_unrestored{" + labels + "} 1")
        .contains("metrics_restore_requests{" + group.formatted("restored") + "} 6")
        .contains("metrics_restore_requests{" + group.formatted("failed") + "} 1")
        .contains("push_time_seconds{" + labels + "}");

    Backups.write(backups.resolve("second"), Backups.captured());
    stub.clear();
    LaunchResult good = restoreFrom(launcher, backups.resolve("second"), gateway.url());

    assertThat(good.exitCode()).as(good.getErrorOutput()).isZero();
    assertThat(scrape()).contains("metrics_restore_unrestored{" + labels + "} 0")
        .contains("metrics_restore_requests{" + group.formatted("restored") + "} 6");
  }

  @Test
  void aGatewayDownAfterAGoodRestoreIsExit4AndABadLabelIsExit2BeforeAnyPost(QuarkusMainLauncher launcher)
      throws Exception {
    Backups.write(backups, Backups.captured());
    int closed = freePort();

    LaunchResult down = restore(launcher, "http://127.0.0.1:" + closed, "--http-retries", "0");

    assertThat(down.exitCode()).as(down.getErrorOutput()).isEqualTo(4);
    assertThat(down.getErrorOutput()).contains("127.0.0.1:" + closed);
    assertThat(stub.listing()).hasSize(6);

    int posted = stub.posts.get();
    LaunchResult bad = restore(launcher, gateway.url(), "--pushgateway-label", "job=x");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.getErrorOutput()).contains("--pushgateway-label job=...");
    assertThat(stub.posts.get()).isEqualTo(posted);
  }
}
