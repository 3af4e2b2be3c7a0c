package io.aiops.catalog.metrics.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.aiops.catalog.trustyai.ScheduledRequest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given a backup and a TrustyAI service (the stateful stub), when metrics-restore runs, then the service holds it. */
@QuarkusMainTest
class MetricsRestoreCommandTest {
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

  LaunchResult restore(QuarkusMainLauncher launcher, String... extra) {
    List<String> args = new ArrayList<>(List.of("--service-url", trustyai.baseUrl(), "--backup-dir",
        backups.toString(), "--results-dir", results.toString(), "--ready-timeout", "20s"));
    args.addAll(List.of(extra));
    return launcher.launch(args.toArray(String[]::new));
  }

  String result(String name) throws IOException {
    return Files.readString(results.resolve(name));
  }

  @Test
  void roundTripRestoresTheCapturedBackupIntoAnEmptyServiceEqualApartFromIds(QuarkusMainLauncher launcher)
      throws IOException {
    List<ScheduledRequest> backed = Backups.captured();
    Path file = Backups.write(backups, backed);

    LaunchResult run = restore(launcher, "--file", "latest");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(Backups.contents(stub.listing())).isEqualTo(Backups.contentsOf(backed));
    assertThat(Backups.contents(stub.listing())).isEqualTo(Backups.contents(
        Backups.requestsOf(TrustyAiStub.sample("list_all_after_restore.json")).stream()
            .map(ScheduledRequest::request).toList()));
    assertThat(result("restored")).isEqualTo("6");
    assertThat(result("skipped")).isEqualTo("0");
    assertThat(result("failed")).isEqualTo("0");
    JsonNode idMap = TrustyAiStub.JSON.readTree(backups.resolve("id-map.json").toFile());
    Map<String, ObjectNode> live = stub.scheduledById();
    for (ScheduledRequest r : backed) {
      String newId = idMap.path("ids").path(r.id()).asText();
      assertThat(newId).isNotEqualTo(r.id());
      assertThat(RequestContent.canonical(live.get(newId))).isEqualTo(RequestContent.canonical(r.request()));
    }
    assertThat(backups.resolve("trustyai-metrics-20261125-061200.restore-journal.jsonl")).exists();
    assertThat(file).exists();
  }

  @Test
  void dryRunPrintsThePlanAndPostsNothing(QuarkusMainLauncher launcher) throws IOException {
    List<ScheduledRequest> backed = Backups.captured();
    Backups.write(backups, backed);
    stub.schedule(backed.get(0).request());

    LaunchResult run = restore(launcher, "--dry-run", "--skip-existing");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(stub.posts.get()).isZero();
    assertThat(stub.listing()).hasSize(1);
    assertThat(run.getErrorOutput()).contains("plan: skip").contains("plan: create").contains("nothing was posted");
    assertThat(result("restored")).isEqualTo("5");
    assertThat(result("skipped")).isEqualTo("1");
    assertThat(backups.resolve("id-map.json")).doesNotExist();
    assertThat(backups.resolve("trustyai-metrics-20261125-061200.restore-journal.jsonl")).doesNotExist();
  }

  @Test
  void skipExistingComparesWholeContentAndCountsDuplicates(QuarkusMainLauncher launcher) throws IOException {
    ScheduledRequest spd = Backups.captured().stream().filter(r -> r.metricName().equals("SPD")).findFirst()
        .orElseThrow();
    ObjectNode otherSpd = spd.request().deepCopy().put("protectedAttribute", "age");
    otherSpd.set("privilegedAttribute", TrustyAiStub.JSON.createObjectNode().put("type", "DOUBLE").put("value", 30.0));
    otherSpd.set("unprivilegedAttribute", TrustyAiStub.JSON.createObjectNode().put("type", "DOUBLE").put("value", 60));
    List<ScheduledRequest> backed = List.of(spd, new ScheduledRequest(UUID.randomUUID().toString(),
        spd.request().deepCopy()), new ScheduledRequest(UUID.randomUUID().toString(), otherSpd));
    Backups.write(backups, backed);
    // live: the same SPD, scheduled the way a user posts it (plain values, no @type): the service fills the rest
    ObjectNode posted = (ObjectNode) TrustyAiStub.JSON.readTree(TrustyAiStub.sampleText("req_spd.json"));
    posted.put("metricName", "SPD").remove("batchSize");
    posted.put("batchSize", 100);
    stub.schedule(posted);

    LaunchResult run = restore(launcher, "--skip-existing");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(result("skipped")).isEqualTo("1");
    assertThat(result("restored")).isEqualTo("2");
    assertThat(stub.posts.get()).isEqualTo(2);
    assertThat(stub.listing()).hasSize(3);
    assertThat(stub.listing().stream().filter(r -> r.path("protectedAttribute").asText().equals("gender")))
        .hasSize(2);
  }

  @Test
  void aRefusedRequestIsReportedWithTheViolationNotRetriedAndTheRestRestored(QuarkusMainLauncher launcher)
      throws IOException {
    List<ScheduledRequest> backed = new ArrayList<>(Backups.captured());
    ObjectNode gone = backed.get(0).request().deepCopy().put("modelId", "gone-model");
    backed.add(new ScheduledRequest("11111111-2222-3333-4444-555555555555", gone));
    Backups.write(backups, backed);

    LaunchResult run = restore(launcher);

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("1 of 7 metric request(s) not restored")
        .contains("requests[6] (id 11111111-2222-3333-4444-555555555555)")
        .contains("HTTP 400: No metadata found for model=gone-model").doesNotContain("Exception");
    assertThat(stub.posts.get()).isEqualTo(7);
    assertThat(stub.listing()).hasSize(6);
    assertThat(result("restored")).isEqualTo("6");
    assertThat(result("failed")).isEqualTo("1");
    JsonNode idMap = TrustyAiStub.JSON.readTree(backups.resolve("id-map.json").toFile());
    assertThat(idMap.path("failed").get(0).path("reason").asText()).contains("gone-model");
  }

  @Test
  void answersLostAfterTheServiceActedAreResolvedFromTheListingNotDoubled(QuarkusMainLauncher launcher)
      throws IOException {
    List<ScheduledRequest> backed = Backups.many(60);
    Backups.write(backups, backed);
    stub.lostAnswerRate = 0.3;
    stub.unavailableRate = 0.1;

    LaunchResult run = restore(launcher, "--http-retries", "6");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getErrorOutput()).contains("adopted");
    Backups.assertSameMetrics(stub.listing(), backed);
    assertThat(result("restored")).isEqualTo("60");
  }

  @Test
  void reRunAfterASuccessfulRestorePostsNothingAndAfterTheServiceLostItRestoresAgain(QuarkusMainLauncher launcher)
      throws IOException {
    List<ScheduledRequest> backed = Backups.captured();
    Backups.write(backups, backed);
    assertThat(restore(launcher).exitCode()).isZero();
    int posts = stub.posts.get();

    LaunchResult again = restore(launcher);

    assertThat(again.exitCode()).as(again.getErrorOutput()).isZero();
    assertThat(stub.posts.get()).isEqualTo(posts);
    assertThat(again.getErrorOutput()).contains("6 already restored by an earlier run");
    assertThat(stub.listing()).hasSize(6);

    stub.clear();
    LaunchResult afterRestart = restore(launcher);

    assertThat(afterRestart.exitCode()).as(afterRestart.getErrorOutput()).isZero();
    assertThat(Backups.contents(stub.listing())).isEqualTo(Backups.contentsOf(backed));
  }

  @Test
  void noVerifyAndConcurrencyOneStillRestoreEverything(QuarkusMainLauncher launcher) throws IOException {
    Backups.write(backups, Backups.captured());

    LaunchResult run = restore(launcher, "--no-verify", "--concurrency", "1", "--file",
        backups.resolve("trustyai-metrics-20261125-061200.json").toString());

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(stub.listing()).hasSize(6);
    assertThat(run.getErrorOutput()).contains("at most 1 POSTs in flight");
  }

  @Test
  void verifyOnlyNamesTheBackedUpMetricsTheServiceDoesNotListAndPostsNothing(QuarkusMainLauncher launcher)
      throws IOException {
    List<ScheduledRequest> backed = Backups.captured();
    Backups.write(backups, backed);
    for (int i = 1; i < backed.size(); i++) {
      stub.schedule(backed.get(i).request());
    }
    stub.schedule(backed.get(1).request());

    LaunchResult run = restore(launcher, "--verify-only");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("1 of 6 backed-up metric request(s) are not listed")
        .contains(Outcome.describe(0, backed.get(0)));
    assertThat(stub.posts.get()).isZero();
    assertThat(result("failed")).isEqualTo("1");
    assertThat(result("skipped")).isEqualTo("5");
  }

  @Test
  void helpListsTheOptionsAndExitCodes(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.getOutput()).contains("--skip-existing").contains("--[no-]verify").contains("Exit codes:");
  }
}
