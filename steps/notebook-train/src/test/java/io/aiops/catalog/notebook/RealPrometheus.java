package io.aiops.catalog.notebook;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian package {@code prometheus}) on a free port, over 30 days of 1-minute samples backfilled
 * with {@code promtool tsdb create-blocks-from openmetrics}: the metrics the two query presets read, with a counter
 * reset (day 10) and a two-hour gap (day 20). The TSDB is built once per JVM under target/ and reused.
 */
final class RealPrometheus implements AutoCloseable {
  static final Instant END = Instant.parse("2026-10-01T00:00:00Z");
  static final Duration SPAN = Duration.ofDays(30);
  static final Instant START = END.minus(SPAN);
  static final Instant RESET_AT = START.plus(Duration.ofDays(10));
  static final Instant GAP_FROM = START.plus(Duration.ofDays(20));
  static final Instant GAP_TO = GAP_FROM.plus(Duration.ofHours(2));

  private final Process process;
  final URI url;

  private RealPrometheus(Process process, URI url) {
    this.process = process;
    this.url = url;
  }

  static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/prometheus")) && Files.isExecutable(Path.of("/usr/bin/promtool"));
  }

  static synchronized RealPrometheus start(Path workDir) throws IOException, InterruptedException {
    Path tsdb = backfilled(Path.of("target/prometheus-backfill"));
    Path data = workDir.resolve("tsdb");
    copyTree(tsdb, data);
    Path config = workDir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1m\nscrape_configs: []\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
        "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=100y",
        "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(workDir.resolve("prometheus.log").toFile()).start();
    RealPrometheus prometheus = new RealPrometheus(p, URI.create("http://127.0.0.1:" + port));
    prometheus.awaitReady(workDir);
    return prometheus;
  }

  private void awaitReady(Path workDir) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited: " + Files.readString(workDir.resolve("prometheus.log")));
      }
      try {
        var r = client.send(HttpRequest.newBuilder(url.resolve("/-/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("prometheus not ready in 60 s: " + Files.readString(workDir.resolve("prometheus.log")));
  }

  /** GET against the server, for the tests' own direct queries. */
  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static Path backfilled(Path dir) throws IOException, InterruptedException {
    Path done = dir.resolve("DONE");
    if (Files.exists(done)) {
      return dir.resolve("tsdb");
    }
    Files.createDirectories(dir);
    Path om = dir.resolve("backfill.om");
    writeOpenMetrics(om);
    Path tsdb = dir.resolve("tsdb");
    Process p = new ProcessBuilder("/usr/bin/promtool", "tsdb", "create-blocks-from", "openmetrics", "-q",
        om.toString(), tsdb.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("promtool failed: " + out);
    }
    Files.delete(om);
    Files.writeString(done, "backfilled\n");
    return tsdb;
  }

  /** The series, family by family, each sample in time order (what the OpenMetrics parser requires). */
  static void writeOpenMetrics(Path file) throws IOException {
    Random random = new Random(42);
    String labels = "{container=\"app\",namespace=\"demo\",pod=\"app-0\"}";
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      counter(w, "container_cpu_usage_seconds", labels, random, 2.0 * 60, 0.2 * 60, true);
      gauge(w, "container_memory_working_set_bytes", labels, random, 4e9, 3e8);
      counter(w, "kube_pod_container_status_restarts", "{container=\"app\",namespace=\"demo\"}", random, 0.01, 0.01,
          false);
      counter(w, "container_network_receive_bytes", "{namespace=\"demo\",pod=\"app-0\"}", random, 2e6 * 60, 3e5 * 60,
          false);
      counter(w, "container_network_transmit_bytes", "{namespace=\"demo\",pod=\"app-0\"}", random, 1.5e6 * 60,
          2e5 * 60, false);
      counter(w, "node_cpu_seconds", "{cpu=\"0\",mode=\"idle\",node=\"n1\"}", random, 0.6 * 60, 0.05 * 60, false);
      gauge(w, "node_memory_MemAvailable_bytes", "{node=\"n1\"}", random, 8e9, 1e9);
      gauge(w, "node_memory_MemTotal_bytes", "{node=\"n1\"}", random, 16e9, 0);
      w.write("# EOF\n");
    }
  }

  private static void counter(BufferedWriter w, String family, String labels, Random r, double meanIncrement,
      double sd, boolean reset) throws IOException {
    w.write("# TYPE " + family + " counter\n");
    double value = 1000;
    for (Instant t : instants()) {
      if (reset && t.equals(RESET_AT)) {
        value = 0; // the container restarted: the counter starts again
      }
      value += Math.max(0, meanIncrement + sd * r.nextGaussian());
      sample(w, family + "_total", labels, value, t);
    }
  }

  private static void gauge(BufferedWriter w, String family, String labels, Random r, double mean, double sd)
      throws IOException {
    w.write("# TYPE " + family + " gauge\n");
    for (Instant t : instants()) {
      double daily = Math.sin(2 * Math.PI * (t.getEpochSecond() % 86400) / 86400.0);
      sample(w, family, labels, mean + sd * daily + sd / 3 * r.nextGaussian(), t);
    }
  }

  private static void sample(BufferedWriter w, String name, String labels, double value, Instant t)
      throws IOException {
    w.write(name + labels + " " + value + " " + t.getEpochSecond() + "\n");
  }

  private static List<Instant> instants() {
    List<Instant> all = new java.util.ArrayList<>();
    for (Instant t = START; !t.isAfter(END); t = t.plusSeconds(60)) {
      if (t.isBefore(GAP_FROM) || !t.isBefore(GAP_TO)) {
        all.add(t);
      }
    }
    return all;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
