package io.aiops.catalog.metrics.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.aiops.catalog.trustyai.ScheduledRequest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given a damaged backup, metrics-restore exits 2 naming the entry and field, and the service gets no POST. */
@QuarkusMainTest
class BadBackupTest {
  TrustyAiStub stub;
  WireMockServer trustyai;
  @TempDir Path backups;

  @BeforeEach
  void startService() {
    stub = new TrustyAiStub();
    trustyai = TrustyAiStub.start(stub);
  }

  @AfterEach
  void stopService() {
    trustyai.stop();
  }

  LaunchResult restore(QuarkusMainLauncher launcher, String file) {
    return launcher.launch("--service-url", trustyai.baseUrl(), "--backup-dir", backups.toString(), "--file", file);
  }

  void assertRefusedBeforeAnyRequest(LaunchResult run, String... message) {
    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains(message).doesNotContain("Exception");
    assertThat(trustyai.getAllServeEvents()).isEmpty();
    assertThat(stub.posts.get()).isZero();
  }

  /** The captured backup with its 5th entry changed by {@code edit}, valid JSON otherwise. */
  Path backupWithEntry4(java.util.function.Consumer<ObjectNode> edit) {
    List<ScheduledRequest> requests = new ArrayList<>(Backups.captured());
    edit.accept(requests.get(4).request());
    return Backups.write(backups, requests);
  }

  @Test
  void malformedJson(QuarkusMainLauncher launcher) {
    Path file = Backups.writeRaw(backups, "trustyai-metrics-20261125-061200.json",
        "{\"requests\":[{\"id\":\"a\",\"request\":{\"modelId\":".getBytes(StandardCharsets.UTF_8));

    assertRefusedBeforeAnyRequest(restore(launcher, file.toString()), "is not valid JSON", "line 1");
  }

  @Test
  void unknownMetric(QuarkusMainLauncher launcher) {
    Path file = backupWithEntry4(r -> r.put("metricName", "ENTROPY"));

    assertRefusedBeforeAnyRequest(restore(launcher, file.toString()), "requests[4]", "02428fb8",
        "\"request.metricName\" is 'ENTROPY'");
  }

  @Test
  void missingField(QuarkusMainLauncher launcher) {
    Path file = backupWithEntry4(r -> r.remove("protectedAttribute"));

    assertRefusedBeforeAnyRequest(restore(launcher, file.toString()), "requests[4]",
        "\"request.protectedAttribute\" is missing");
  }

  @Test
  void checksumMismatchAgainstMetadata(QuarkusMainLauncher launcher) throws IOException {
    Path file = Backups.write(backups, Backups.captured());
    String text = Files.readString(file).replace("\"batchSize\" : 100", "\"batchSize\" : 101");
    Files.writeString(file, text);

    assertRefusedBeforeAnyRequest(restore(launcher, "latest"), "trustyai-metrics-20261125-061200.metadata.json",
        "field \"sha256\"", "nothing was restored");
  }

  @Test
  void missingFileAndNoLatest(QuarkusMainLauncher launcher) {
    assertRefusedBeforeAnyRequest(restore(launcher, "latest"), "no backup in " + backups);
    assertRefusedBeforeAnyRequest(restore(launcher, backups.resolve("nope.json").toString()), "does not exist");
  }

  @Test
  void concurrencyOutOfRange(QuarkusMainLauncher launcher) {
    Backups.write(backups, Backups.captured());

    assertRefusedBeforeAnyRequest(launcher.launch("--service-url", trustyai.baseUrl(), "--backup-dir",
        backups.toString(), "--concurrency", "0"), "--concurrency 0 is out of range");
  }

  /** The captured backup as JSON with {@code edit} applied to its top level (checksum kept consistent). */
  Path backupEdited(java.util.function.Consumer<ObjectNode> edit) {
    try {
      Path file = Backups.write(backups, Backups.captured());
      ObjectNode root = (ObjectNode) TrustyAiStub.JSON.readTree(file.toFile());
      edit.accept(root);
      return Backups.writeRaw(backups, file.getFileName().toString(), TrustyAiStub.JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void duplicateIdsAreRefusedNotCollapsedInTheIdMap(QuarkusMainLauncher launcher) {
    List<ScheduledRequest> requests = new ArrayList<>(Backups.captured());
    requests.add(new ScheduledRequest(requests.get(0).id(), requests.get(1).request()));
    Path file = Backups.write(backups, requests);

    assertRefusedBeforeAnyRequest(restore(launcher, file.toString()), "has id " + requests.get(0).id() + " twice",
        "requests[0] and requests[6]");
  }

  @Test
  void aFormatVersionThatIsNotAVersionIsRefusedNotReadAsTheOldFormat(QuarkusMainLauncher launcher) {
    assertRefusedBeforeAnyRequest(restore(launcher, backupEdited(r -> r.put("formatVersion", -5)).toString()),
        "field \"formatVersion\" is -5, not a version number");
    assertRefusedBeforeAnyRequest(restore(launcher, backupEdited(r -> r.put("formatVersion", "one")).toString()),
        "field \"formatVersion\" is \"one\"");
  }

  @Test
  void aCreatedAtThatIsNotADateIsExit2(QuarkusMainLauncher launcher) {
    assertRefusedBeforeAnyRequest(restore(launcher, backupEdited(r -> r.put("createdAt", "yesterday")).toString()),
        "field \"createdAt\" is \"yesterday\", not an ISO-8601 instant");
  }

  @Test
  void aFifoOrASymlinkLoopIsSaidAsSuchAndNothingHangs(QuarkusMainLauncher launcher) throws Exception {
    Path fifo = backups.resolve("fifo.json");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    assertRefusedBeforeAnyRequest(restore(launcher, fifo.toString()), "is not a regular file (a FIFO");
    Path a = backups.resolve("a.json");
    Files.createSymbolicLink(a, backups.resolve("b.json"));
    Files.createSymbolicLink(backups.resolve("b.json"), a);
    assertRefusedBeforeAnyRequest(restore(launcher, a.toString()), "loops (too many levels of symbolic links)");
  }

  @Test
  void anUnwritableResultsDirIsFoundBeforeAnyPost(QuarkusMainLauncher launcher) throws IOException {
    Path file = Backups.write(backups, Backups.captured());
    Path notADir = Files.writeString(backups.resolve("results-is-a-file"), "x");

    assertRefusedBeforeAnyRequest(launcher.launch("--service-url", trustyai.baseUrl(), "--file", file.toString(),
        "--results-dir", notADir.toString()), "--results-dir " + notADir + " is a file, not a directory");
  }

  @Test
  void readyTimeoutBoundsTheWaitForAServerThatNeverAnswers(QuarkusMainLauncher launcher) throws Exception {
    Path file = Backups.write(backups, Backups.captured());
    try (var silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      launcher.launch("--version"); // the first launch builds the app: not part of the wait measured
      long start = System.nanoTime();
      LaunchResult run = launcher.launch("--service-url", "http://127.0.0.1:" + silent.getLocalPort(), "--file",
          file.toString(), "--ready-timeout", "5s", "--http-timeout", "60s");
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;

      assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(4);
      assertThat(run.getErrorOutput()).contains("not ready after 5s");
      // one try alone took the whole 60 s request timeout before; the bound leaves room for the app's start
      assertThat(seconds).isLessThan(45);
    }
  }
}
