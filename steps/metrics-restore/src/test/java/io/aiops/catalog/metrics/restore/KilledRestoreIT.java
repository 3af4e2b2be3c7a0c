package io.aiops.catalog.metrics.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.aiops.catalog.trustyai.ScheduledRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real step (target/quarkus-app/quarkus-run.jar, a separate JVM) restoring into a service that answers 503 to
 * 10% of POSTs, killed with SIGKILL mid-run while POSTs are in flight, then run again: the service ends with each
 * backed-up metric exactly once.
 */
class KilledRestoreIT {
  static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  TrustyAiStub stub;
  WireMockServer trustyai;
  @TempDir Path backups;
  @TempDir Path work;

  @BeforeEach
  void startService() {
    stub = new TrustyAiStub();
    stub.unavailableRate = 0.10;
    stub.latencyMs = 40;
    trustyai = TrustyAiStub.start(stub);
  }

  @AfterEach
  void stopService() {
    trustyai.stop();
  }

  @Test
  void killedMidRunThenReRunLeavesEachMetricExactlyOnce() throws Exception {
    List<ScheduledRequest> backed = Backups.many(240);
    Backups.write(backups, backed);
    Path journal = backups.resolve("trustyai-metrics-20261125-061200.restore-journal.jsonl");

    Process first = start("first");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (stub.posts.get() < 80 && first.isAlive() && Instant.now().isBefore(deadline)) {
      Thread.sleep(5);
    }
    assertThat(first.isAlive()).as("still running at 80 POSTs: " + log("first")).isTrue();
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(300); // the POSTs the dead client left in the server finish there

    Map<Integer, String> last = lastOpPerEntry(journal);
    long done = last.values().stream().filter("done"::equals).count();
    assertThat(last.values()).as("entries left in doubt by the killed run").contains("intent");
    assertThat(stub.listing().size()).as("POSTs the service acted on whose answer the killed run never read")
        .isGreaterThan((int) done);
    assertThat(stub.listing().size()).isLessThan(backed.size());

    Process second = start("second");
    assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();

    assertThat(second.exitValue()).as(log("second")).isZero();
    Backups.assertSameMetrics(stub.listing(), backed);
    assertThat(Files.readString(work.resolve("results-second/restored"))).isEqualTo("240");
    assertThat(log("second")).contains("adopted");
  }

  private Process start(String name) throws IOException {
    Files.createDirectories(work.resolve("results-" + name));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString(),
        "--service-url", trustyai.baseUrl(), "--backup-dir", backups.toString(), "--file", "latest",
        "--concurrency", "8", "--http-retries", "6", "--results-dir", work.resolve("results-" + name).toString())
        .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).start();
  }

  private String log(String name) throws IOException {
    return Files.readString(work.resolve(name + ".log"));
  }

  private static Map<Integer, String> lastOpPerEntry(Path journal) throws IOException {
    Map<Integer, String> last = new HashMap<>();
    for (String line : Files.readAllLines(journal)) {
      try {
        JsonNode event = TrustyAiStub.JSON.readTree(line);
        if (event.has("entry")) {
          last.put(event.get("entry").asInt(), event.get("op").asText());
        }
      } catch (IOException torn) {
        // the kill may cut the last line in half: the journal reader ignores it too
      }
    }
    return last;
  }
}
