package io.aiops.catalog.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a real Prometheus holding 30 days of 1-minute data (a counter reset, a gap), when fetch-data runs, then the
 * CSV holds exactly what Prometheus answers to direct queries, or the step fails with exit 4 naming URL and query.
 */
@QuarkusMainIntegrationTest
class FetchDataIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static RealPrometheus prometheus;
  @TempDir static Path promDir;
  @TempDir Path dir;

  @BeforeAll
  static void startPrometheus() throws Exception {
    assertThat(RealPrometheus.available()).as("needs Debian's prometheus package: apt-get install prometheus").isTrue();
    prometheus = RealPrometheus.start(promDir);
  }

  @AfterAll
  static void stopPrometheus() throws InterruptedException {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void thirtyDaysOfThePresetAreFetchedValueByValueAsPrometheusAnswersThem(QuarkusMainLauncher launcher)
      throws Exception {
    Path csv = dir.resolve("data.csv");
    LaunchResult run = launcher.launch("fetch-data", "--prometheus-url=" + prometheus.url, "--preset=anomaly-detector",
        "--hours=720", "--end=" + RealPrometheus.END, "--step=1m", "--out=" + csv,
        "--results-dir=" + dir.resolve("results"));

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    QuerySet preset = QuerySet.preset("anomaly-detector");
    Map<Instant, String[]> direct = directQueries(preset);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("timestamp,cpu_usage,memory_usage,pod_restarts,network_receive,network_transmit");
    assertThat(lines).hasSize(direct.size() + 1);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      String[] expected = direct.get(Instant.parse(cells[0]));
      assertThat(expected).as("Prometheus has a value at %s", cells[0]).isNotNull();
      for (int i = 0; i < expected.length; i++) {
        assertThat(cells[i + 1]).as("%s at %s", preset.queries().get(i).name(), cells[0])
            .isEqualTo(expected[i] == null ? "" : expected[i]);
      }
    }
    // rate() read through the counter reset of day 10: no negative or absurd CPU usage
    assertThat(lines.subList(1, lines.size())).allSatisfy(l -> {
      String cpu = l.split(",", -1)[1];
      if (!cpu.isEmpty()) {
        assertThat(Double.parseDouble(cpu)).isBetween(0.0, 10.0);
      }
    });
    // the 2-hour gap of day 20 is not papered over: no row once the 5-minute lookback has run out
    assertThat(lines).noneMatch(l -> l.startsWith(RealPrometheus.GAP_FROM.plus(Duration.ofMinutes(30)).toString()));
    assertThat(dir.resolve("results/data-source")).hasContent("prometheus");
    assertThat(dir.resolve("results/rows")).hasContent(Integer.toString(lines.size() - 1));
    JsonNode source = JSON.readTree(dir.resolve("data.csv.source.json").toFile());
    assertThat(source.get("used").asText()).isEqualTo("prometheus");
    assertThat(source.get("mixing").asText()).isEqualTo("80% Prometheus + 20% synthetic anomalies");
    assertThat(source.at("/pointsPerQuery/cpu_usage").asLong()).isGreaterThan(40_000);
  }

  @Test
  void prometheusItselfRefusesTheSeedsOneShotThirtyDayQuery() throws Exception {
    var response = prometheus.get("/api/v1/query_range?query=" + enc("sum(container_memory_working_set_bytes)")
        + "&start=" + RealPrometheus.START.getEpochSecond() + "&end=" + RealPrometheus.END.getEpochSecond()
        + "&step=60");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("11,000 points");
  }

  @Test
  void prometheusDownWithDataSourcePrometheusFailsWithUrlAndQueryNeverSynthetic(QuarkusMainLauncher launcher)
      throws IOException {
    String down = "http://127.0.0.1:" + freePort();
    Path csv = dir.resolve("data.csv");
    LaunchResult run = launcher.launch("fetch-data", "--prometheus-url=" + down, "--preset=anomaly-detector",
        "--hours=24", "--data-source=prometheus", "--http-retries=0", "--out=" + csv,
        "--results-dir=" + dir.resolve("results"));

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.getErrorOutput()).contains(down).contains("cpu_usage (sum(rate(container_cpu_usage_seconds_total")
        .contains("connection refused");
    assertThat(csv).doesNotExist();
    assertThat(dir.resolve("results/data-source")).doesNotExist();
  }

  @Test
  void fallbackToSyntheticIsAskedForAndRecordedLoudly(QuarkusMainLauncher launcher) throws IOException {
    String down = "http://127.0.0.1:" + freePort();
    Path csv = dir.resolve("data.csv");
    LaunchResult run = launcher.launch("fetch-data", "--prometheus-url=" + down, "--preset=anomaly-detector",
        "--hours=24", "--data-source=hybrid", "--fallback=synthetic", "--http-retries=0", "--out=" + csv,
        "--results-dir=" + dir.resolve("results"));

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getErrorOutput()).contains("WARN").contains("FALLBACK TO SYNTHETIC DATA").contains(down);
    assertThat(dir.resolve("results/data-source")).hasContent("synthetic");
    assertThat(Files.readString(dir.resolve("results/fallback-reason"))).contains("connection refused");
    assertThat(dir.resolve("results/rows")).hasContent("0");
    assertThat(Files.readAllLines(csv)).containsExactly(
        "timestamp,cpu_usage,memory_usage,pod_restarts,network_receive,network_transmit");
    JsonNode source = JSON.readTree(dir.resolve("data.csv.source.json").toFile());
    assertThat(source.get("requested").asText()).isEqualTo("hybrid");
    assertThat(source.get("used").asText()).isEqualTo("synthetic");
  }

  @Test
  void aQueryWithoutDataFailsNamingIt(QuarkusMainLauncher launcher) throws IOException {
    Path queries = dir.resolve("q.yaml");
    Files.writeString(queries, "queries:\n  - name: cpu\n    query: sum(rate(container_cpu_usage_seconds_total[5m]))\n"
        + "  - name: gpu\n    query: sum(DCGM_FI_DEV_GPU_UTIL)\n");
    LaunchResult run = launcher.launch("fetch-data", "--prometheus-url=" + prometheus.url, "--queries=" + queries,
        "--hours=48", "--end=" + RealPrometheus.END, "--out=" + dir.resolve("d.csv"));

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.getErrorOutput()).contains("returned no data for query gpu (sum(DCGM_FI_DEV_GPU_UTIL))")
        .contains(prometheus.url.toString());
    assertThat(dir.resolve("d.csv")).doesNotExist();
  }

  @Test
  void aBadQueryOrOneReturningSeveralSeriesIsAUsageError(QuarkusMainLauncher launcher) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "queries:\n  - name: broken\n    query: sum(rate(x[5m])\n");
    LaunchResult run = launcher.launch("fetch-data", "--prometheus-url=" + prometheus.url, "--queries=" + bad,
        "--hours=1", "--end=" + RealPrometheus.END, "--out=" + dir.resolve("d.csv"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("HTTP 400").contains("bad_data").contains("broken");

    Path many = dir.resolve("many.yaml");
    Files.writeString(many, "queries:\n  - name: all\n    query: '{namespace=\"demo\"}'\n");
    run = launcher.launch("fetch-data", "--prometheus-url=" + prometheus.url, "--queries=" + many,
        "--hours=1", "--end=" + RealPrometheus.END, "--out=" + dir.resolve("d.csv"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("returns").contains("series").contains("aggregate it");
  }

  /** The test's own reading: week-long query_range calls (each under the limit), values keyed by instant. */
  private static Map<Instant, String[]> directQueries(QuerySet set) throws Exception {
    Map<Instant, String[]> rows = new HashMap<>();
    List<QuerySet.Query> qs = set.queries();
    for (int q = 0; q < qs.size(); q++) {
      for (Instant from = RealPrometheus.START; !from.isAfter(RealPrometheus.END); from = from.plus(Duration.ofDays(7))) {
        Instant to = from.plus(Duration.ofDays(7)).minusSeconds(60);
        to = to.isAfter(RealPrometheus.END) ? RealPrometheus.END : to;
        var response = prometheus.get("/api/v1/query_range?query=" + enc(qs.get(q).promql()) + "&start="
            + from.getEpochSecond() + "&end=" + to.getEpochSecond() + "&step=60");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode series : JSON.readTree(response.body()).at("/data/result")) {
          for (JsonNode p : series.get("values")) {
            Instant t = Instant.ofEpochSecond(p.get(0).asLong());
            rows.computeIfAbsent(t, k -> new String[qs.size()])[q] = p.get(1).asText();
          }
        }
      }
    }
    return rows;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

}
