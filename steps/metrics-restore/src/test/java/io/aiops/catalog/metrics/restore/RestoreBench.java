package io.aiops.catalog.metrics.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aiops.catalog.step.LogFormat;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.http.RetryPolicy;
import io.aiops.catalog.step.http.StepHttp;
import io.aiops.catalog.step.http.TlsTrust;
import io.aiops.catalog.trustyai.ScheduledRequest;
import io.aiops.catalog.trustyai.TrustyAiService;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (surefire runs *Test only): restore 2,000 metrics into a service answering each request
 * after 20 ms, with ours (--concurrency 8: plan from the listing, journaled POSTs, verify) against a sequential
 * client posting one request after the other as the seed's restore-metrics.sh does, in one run.
 *
 * <p>Run: {@code ./mvnw -B -o -q -f steps/metrics-restore/pom.xml test -Dtest=RestoreBench
 * -Dsurefire.failIfNoSpecifiedTests=false} (figures on stdout and in target/bench/restore-bench.txt).
 */
class RestoreBench {
  static final int METRICS = Integer.getInteger("bench.metrics", 2000);
  static final int LATENCY_MS = Integer.getInteger("bench.latencyMs", 20);

  @Test
  void restoreTwoThousandMetricsConcurrentVersusSequential() throws Exception {
    TrustyAiStub stub = new TrustyAiStub();
    stub.latencyMs = LATENCY_MS;
    WireMockServer server = TrustyAiStub.start(stub, false);
    StringBuilder report = new StringBuilder();
    try {
      List<ScheduledRequest> backup = Backups.many(METRICS);
      StepLog quiet = new StepLog("bench", LogFormat.text, false, new PrintStream(OutputStream.nullOutputStream()));
      TrustyAiService service = new TrustyAiService(URI.create(server.baseUrl()),
          new StepHttp(TlsTrust.verified(null, null), Optional.empty(), RetryPolicy.DEFAULT, Duration.ofSeconds(30),
              quiet));
      // warm-up: JIT, connections, the stub's first requests
      sequential(service, Backups.many(50));
      ours(service, Backups.many(50), 8, quiet);
      stub.clear();

      stub.maxInFlight.set(0);
      long seq = sequential(service, backup);
      assertThat(Backups.contents(stub.listing())).isEqualTo(Backups.contentsOf(backup));
      int seqServerMax = stub.maxInFlight.get();
      stub.clear();

      // the seed's own way: a bash loop forking jq and curl for each request (bench/restore/seed-restore.sh)
      Path seedDir = Files.createTempDirectory("restore-bench-seed");
      Path seedFile = Backups.write(seedDir, backup);
      long seedScript = seedScript(seedFile, server.baseUrl());
      assertThat(Backups.contents(stub.listing())).isEqualTo(Backups.contentsOf(backup));
      stub.clear();

      stub.maxInFlight.set(0);
      Run eight = ours(service, backup, 8, quiet);
      int eightServerMax = stub.maxInFlight.get();
      assertThat(Backups.contents(stub.listing())).isEqualTo(Backups.contentsOf(backup));
      stub.clear();

      stub.maxInFlight.set(0);
      Run sixteen = ours(service, backup, 16, quiet);
      int sixteenServerMax = stub.maxInFlight.get();
      stub.clear();

      report.append(String.format("restore of %d metrics, %d ms per request, %d CPUs, load average %.1f%n", METRICS,
          LATENCY_MS, Runtime.getRuntime().availableProcessors(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
      report.append(String.format("sequential (seed's way)   : %6d ms  (max in flight at the server %d)%n", seq,
          seqServerMax));
      report.append(String.format("seed script (jq + curl)   : %6d ms%n", seedScript));
      report.append(String.format("ours --concurrency 8      : %6d ms  %5.1fx vs sequential client, %5.1fx vs seed "
          + "script  (max in flight: client %d, server %d)%n", eight.millis, (double) seq / eight.millis,
          (double) seedScript / eight.millis, eight.maxInFlight, eightServerMax));
      report.append(String.format("ours --concurrency 16     : %6d ms  %5.1fx  (max in flight: client %d, server %d)%n",
          sixteen.millis, (double) seq / sixteen.millis, sixteen.maxInFlight, sixteenServerMax));
      System.out.print(report);
      Path out = Path.of("target/bench/restore-bench.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report.toString());

      assertThat(eight.maxInFlight).isLessThanOrEqualTo(8);
      assertThat(eightServerMax).isLessThanOrEqualTo(8);
      assertThat(sixteen.maxInFlight).isLessThanOrEqualTo(16);
      assertThat(sixteenServerMax).isLessThanOrEqualTo(16);
    } finally {
      server.stop();
    }
  }

  record Run(long millis, int maxInFlight) {}

  /** bench/seed-restore.sh over the same backup: the baseline the issue names (the seed's sequential way). */
  static long seedScript(Path backupFile, String url) throws Exception {
    long start = System.nanoTime();
    Process p = new ProcessBuilder("bash", "../../bench/restore/seed-restore.sh", backupFile.toString(), url).inheritIO().start();
    assertThat(p.waitFor()).isZero();
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** One POST, wait for its answer, the next: restore-metrics.sh's loop of curl calls. */
  static long sequential(TrustyAiService service, List<ScheduledRequest> backup) {
    long start = System.nanoTime();
    for (ScheduledRequest r : backup) {
      assertThat(service.schedule(r.request()).ok()).isTrue();
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** The whole restore as the step runs it: read and check the file, listing, plan, journaled POSTs, verify. */
  static Run ours(TrustyAiService service, List<ScheduledRequest> backup, int concurrency, StepLog log)
      throws Exception {
    Path dir = Files.createTempDirectory("restore-bench");
    Backups.write(dir, backup);
    long start = System.nanoTime();
    BackupSource source = BackupSource.load("latest", dir, log);
    List<ScheduledRequest> live = service.listAll();
    try (RestoreJournal journal = RestoreJournal.read(source.sibling(".restore-journal.jsonl"), source.sha256(),
        log)) {
      RestorePlan plan = RestorePlan.make(source.backup().requests(), live, journal, false);
      RestoreRun.Done done = new RestoreRun(service, journal, log).execute(source, live, plan, concurrency, true);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(done.report().failures()).isEmpty();
      assertThat(done.report().count(RestoreResult.RESTORED)).isEqualTo(backup.size());
      return new Run(millis, done.maxInFlight());
    }
  }
}
