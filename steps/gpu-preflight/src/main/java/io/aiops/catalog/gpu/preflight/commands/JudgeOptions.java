package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.gpu.preflight.checks.GpuProfiles;
import io.aiops.catalog.gpu.preflight.checks.Judge;
import io.aiops.catalog.gpu.preflight.checks.Thresholds;
import io.aiops.catalog.step.StepException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** Thresholds a run may override (a picocli mixin shared by analyze and check); unset means the model's profile. */
public class JudgeOptions {
  @Option(names = "--expected-gpus", paramLabel = "N",
      description = "GPUs the node must show; fewer fails inventory. Default: none, the count is reported (and "
          + "must match lspci); 'run' passes each node's GPU capacity.")
  Integer expectedGpus;

  @Option(names = "--expected-nvlinks", paramLabel = "N",
      description = "Active NVLinks each GPU must have. Default: the model's profile.")
  Integer expectedNvlinks;

  @Option(names = "--pcie-min-gbps", paramLabel = "GB/s",
      description = "Host-to-device bandwidth floor per GPU. Default: the model's profile, else 4.")
  Double pcieMinGbps;

  @Option(names = "--profiles", paramLabel = "FILE",
      description = "GPU model profile file (JSON, see gpu-profiles.json) instead of the built-in one.")
  Path profiles;

  @Option(names = "--remapped-rows-warn", paramLabel = "N", defaultValue = "0",
      description = "Uncorrectable remapped rows above which a GPU is WARN. Default: ${DEFAULT-VALUE}.")
  int remappedRowsWarn;

  @Option(names = "--fatal-xids", paramLabel = "LIST", split = ",",
      description = "Xid codes that fail the node. Default: 48,56-58,62-65,68,69,73,74,79-81,92,119,120,144-150.")
  String[] fatalXids;

  @Option(names = "--ignored-xids", paramLabel = "LIST", split = ",",
      description = "Xid codes caused by applications, ignored. Default: 13,31,43,45,94.")
  String[] ignoredXids;

  @Option(names = "--iperf-min-gbps", paramLabel = "Gbit/s", defaultValue = "0",
      description = "iperf3 throughput floor per stream; 0 checks reachability only. Default: ${DEFAULT-VALUE}.")
  double iperfMinGbps;

  public Judge judge() {
    if (expectedGpus != null && expectedGpus < 0 || pcieMinGbps != null && pcieMinGbps < 0) {
      throw StepException.usage("--expected-gpus and --pcie-min-gbps must not be negative");
    }
    Path file = profiles == null || profiles.toString().isBlank() ? null : profiles;
    GpuProfiles p = file == null ? GpuProfiles.builtIn() : GpuProfiles.load(file);
    Thresholds limits = Thresholds.defaults().withLimits(remappedRowsWarn,
        codes(fatalXids, Thresholds.DEFAULT_FATAL_XIDS, "--fatal-xids"),
        codes(ignoredXids, Thresholds.DEFAULT_IGNORED_XIDS, "--ignored-xids"), iperfMinGbps);
    return new Judge(p, expectedGpus, expectedNvlinks, pcieMinGbps, limits);
  }

  /** "48,56-58" to {48, 56, 57, 58}. */
  static Set<Integer> codes(String[] items, Set<Integer> fallback, String option) {
    if (items == null || items.length == 0 || items.length == 1 && items[0].isBlank()) {
      return fallback;
    }
    try {
      return Arrays.stream(items).map(String::strip).filter(s -> !s.isEmpty()).flatMap(s -> {
        String[] range = s.split("-", 2);
        int from = Integer.parseInt(range[0].strip());
        int to = range.length == 2 ? Integer.parseInt(range[1].strip()) : from;
        if (to < from) {
          throw new NumberFormatException(s);
        }
        return java.util.stream.IntStream.rangeClosed(from, to).boxed();
      }).collect(Collectors.toUnmodifiableSet());
    } catch (NumberFormatException e) {
      throw StepException.usage(option + ": expected codes and ranges like 48,56-58, got " + String.join(",", items));
    }
  }
}
