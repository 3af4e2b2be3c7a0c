package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples of {@code nvidia-smi --query-gpu=index,clocks_event_reasons.* --format=csv}: a HW slowdown active in most
 * samples (by default 60%) is a slow node and FAILs; seen in fewer, or in too few samples to tell, it is a WARN.
 */
public final class ClockEventSamples {
  /** Fewer samples than this cannot tell a lasting slowdown from a passing one. */
  public static final int MIN_SAMPLES_FOR_FAIL = 5;
  private static final List<String> SLOW = List.of("clocks_event_reasons.hw_slowdown",
      "clocks_event_reasons.hw_thermal_slowdown", "clocks_event_reasons.hw_power_brake_slowdown");

  private ClockEventSamples() {}

  /** @param csv one or more CSV captures concatenated (each sample may repeat the header) */
  public static List<Finding> judge(String csv, double failRatio) {
    Map<String, int[]> perGpu = new LinkedHashMap<>(); // gpu -> {samples, slow}
    Map<String, String> lastReasons = new LinkedHashMap<>();
    List<String> header = null;
    for (String line : csv.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = List.of(line.split(",", -1)).stream().map(String::strip).toList();
      if (cells.stream().anyMatch(c -> c.startsWith("clocks_event_reasons.") || c.equals("index"))) {
        header = cells.stream().map(c -> c.replaceAll("\\s*\\[.*]$", "")).toList();
        continue;
      }
      if (header == null || cells.size() != header.size()) {
        return List.of(Finding.error(SmiChecks.SLOWDOWN, "clock-event CSV has no header or a row of "
            + cells.size() + " cells for " + (header == null ? 0 : header.size()) + " columns (truncated?)"));
      }
      int indexCol = header.indexOf("index");
      String gpu = indexCol >= 0 ? cells.get(indexCol) : "0";
      List<String> active = new ArrayList<>();
      for (String col : SLOW) {
        int i = header.indexOf(col);
        if (i >= 0 && cells.get(i).equalsIgnoreCase("Active")) {
          active.add(col.substring(col.indexOf('.') + 1));
        }
      }
      int[] counts = perGpu.computeIfAbsent(gpu, g -> new int[2]);
      counts[0]++;
      if (!active.isEmpty()) {
        counts[1]++;
        lastReasons.put(gpu, String.join(", ", active));
      }
    }
    if (perGpu.isEmpty()) {
      return List.of(Finding.error(SmiChecks.SLOWDOWN, "no clock-event samples in the CSV"));
    }
    List<Finding> out = new ArrayList<>();
    perGpu.forEach((gpu, c) -> {
      double ratio = (double) c[1] / c[0];
      String seen = String.format("%d of %d samples", c[1], c[0]);
      out.add(c[1] == 0 ? Finding.measured(SmiChecks.SLOWDOWN, gpu, Status.PASS, "no HW slowdown in " + seen, 0)
          : c[0] >= MIN_SAMPLES_FOR_FAIL && ratio >= failRatio
              ? Finding.measured(SmiChecks.SLOWDOWN, gpu, Status.FAIL, lastReasons.get(gpu) + " active in " + seen,
                  ratio)
              : Finding.measured(SmiChecks.SLOWDOWN, gpu, Status.WARN, lastReasons.get(gpu) + " active in " + seen,
                  ratio));
    });
    return out;
  }
}
