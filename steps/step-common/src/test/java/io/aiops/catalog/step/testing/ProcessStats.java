package io.aiops.catalog.step.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a benchmarked process cost, read from Linux's /proc while it runs (the last values before it exits): wall
 * time, CPU (utime + stime, in clock ticks of USER_HZ, 100 on Linux) and peak resident memory (VmHWM).
 */
public final class ProcessStats {
  private ProcessStats() {}

  public record Sample(double wallMs, double cpuMs, double peakRssMb, int exit) {}

  /** Polls {@code process} every {@code pollMillis} until it exits; {@code startNanos} is when it was started. */
  /** Extra JVM options a bench gives the process it measures: {@code -Dbench.stepJvmArgs="..."} (e.g. a JFR recording). */
  public static java.util.List<String> stepJvmArgs() {
    String args = System.getProperty("bench.stepJvmArgs", "").strip();
    return args.isEmpty() ? java.util.List.of() : java.util.List.of(args.split("\\s+"));
  }

  public static Sample watch(Process process, long startNanos, long pollMillis) throws InterruptedException {
    long ticks = 0;
    long hwmKb = 0;
    while (!process.waitFor(pollMillis, TimeUnit.MILLISECONDS)) {
      ticks = Math.max(ticks, cpuTicks(process.pid()));
      hwmKb = Math.max(hwmKb, peakRssKb(process.pid()));
    }
    return new Sample((System.nanoTime() - startNanos) / 1e6, ticks * 10.0, hwmKb / 1024.0, process.exitValue());
  }

  /** utime + stime of a live process in clock ticks; 0 once it is gone. */
  public static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (Exception exited) {
      return 0;
    }
  }

  /** Peak resident memory of a live process in KB; 0 once it is gone. */
  public static long peakRssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (Exception exited) {
      // gone between two polls
    }
    return 0;
  }
}
