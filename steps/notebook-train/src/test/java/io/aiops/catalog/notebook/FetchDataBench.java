package io.aiops.catalog.notebook;

import io.aiops.catalog.step.testing.ProcessStats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetch-data benchmark (not a test: surefire only picks up *Test, failsafe *IT). Run on demand, see
 * bench/prometheus-fetch/README.md: 30 days x 1 minute x 5 series from the real Prometheus, the packaged step with its heap capped
 * at 64 MB ({@code -Dbench.heap}); prints wall time, peak RSS and the peak heap seen by the GC.
 * {@code -Dbench.hours=2160} asks for 90 days (the server holds 30: the other 60 come back empty, the chunks are
 * still planned, fetched and written in the same heap).
 */
class FetchDataBench {
  private static final String HEAP = System.getProperty("bench.heap", "64m");
  private static final int HOURS = Integer.getInteger("bench.hours", 720);
  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  @TempDir Path dir;

  @Test
  void fetchThirtyDaysOfFiveSeries() throws Exception {
    Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("package the module first").exists();
    try (RealPrometheus prometheus = RealPrometheus.start(dir)) {
      for (int i = 0; i < Integer.getInteger("bench.runs", 3); i++) {
        run(prometheus, jar, i);
        baseline(prometheus, i);
      }
    }
  }

  /** The seed's way in Python (bench/prometheus-fetch/seed_fetch.py), same server, window and step. */
  private void baseline(RealPrometheus prometheus, int i) throws Exception {
    Path csv = dir.resolve("seed-" + i + ".csv");
    long end = RealPrometheus.END.getEpochSecond();
    List<String> cmd = List.of("python3", "../../bench/prometheus-fetch/seed_fetch.py", prometheus.url.toString()
        .replaceAll("/$", ""), "src/main/resources/presets/anomaly-detector.yaml", Long.toString(end - HOURS * 3600L),
        Long.toString(end), "60", csv.toString());
    long start = System.nanoTime();
    ProcessStats.Sample seed = ProcessStats.watch(new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("seed-out-" + i).toFile()).start(), start, 20);
    double seconds = seed.wallMs() / 1000;
    assertThat(seed.exit()).as(Files.readString(dir.resolve("seed-out-" + i))).isZero();
    long rows = Files.lines(csv).count() - 1;
    System.out.printf("BENCH baseline %d: the seed's way (Python, query_range chunks one at a time, joined on the "
        + "timestamp): %d rows in %.2f s wall; peak RSS %d MB%n", i, rows, seconds, (long) seed.peakRssMb());
  }

  private void run(RealPrometheus prometheus, Path jar, int i) throws Exception {
    Path csv = dir.resolve("data-" + i + ".csv");
    Path gcLog = dir.resolve("gc-" + i + ".log");
    // the JVM flags of the Task's step, plus the heap cap the benchmark is about
    List<String> cmd = new ArrayList<>(List.of("java", "-Xmx" + HEAP, "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xlog:gc:file=" + gcLog));
    cmd.addAll(ProcessStats.stepJvmArgs());
    cmd.addAll(List.of("-jar", jar.toString(), "fetch-data", "--prometheus-url=" + prometheus.url, "--preset=anomaly-detector", "--hours=" + HOURS,
        "--end=" + RealPrometheus.END, "--step=1m", "--out=" + csv));
    long start = System.nanoTime();
    ProcessStats.Sample run = ProcessStats.watch(new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out-" + i).toFile()).start(), start, 20);
    double seconds = run.wallMs() / 1000;
    assertThat(run.exit()).as(Files.readString(dir.resolve("out-" + i))).isZero();
    long rows = Files.lines(csv).count() - 1;
    long peakHeapMb = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = GC.matcher(line);
      if (m.find()) {
        peakHeapMb = Math.max(peakHeapMb, Long.parseLong(m.group(1)));
      }
    }
    System.out.printf("BENCH run %d: %d rows x 5 series (%d points) in %.2f s wall, %.2f s CPU (whole JVM, start-up "
        + "included); peak RSS %d MB, peak heap before GC %d MB of -Xmx%s; %d h asked%n", i, rows, rows * 5, seconds,
        run.cpuMs() / 1000, (long) run.peakRssMb(), peakHeapMb, HEAP, HOURS);
  }
}
