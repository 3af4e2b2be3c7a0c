package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NVIDIA's {@code bandwidthTest --htod --memory=pinned --device=N --csv}: the host-to-device figure of the largest
 * transfer (in shmoo mode small transfers are latency-bound and say nothing about the link).
 */
public final class BandwidthTest {
  public static final String NAME = "pciebw";
  private static final Pattern LINE = Pattern.compile(
      "bandwidthTest-H2D-\\w+,\\s*Bandwidth\\s*=\\s*([0-9.]+)\\s*GB/s,.*Size\\s*=\\s*(\\d+)\\s*bytes");
  private static final Pattern DEVICE = Pattern.compile("^\\s*Device (\\d+):", Pattern.MULTILINE);

  private BandwidthTest() {}

  /** @param gpu the device index the test ran on; empty: taken from the output's "Device N:" line */
  public static Finding judge(String output, Optional<String> gpu, double minGbps) {
    String device = gpu.orElseGet(() -> {
      Matcher d = DEVICE.matcher(output == null ? "" : output);
      return d.find() ? d.group(1) : null;
    });
    if (output == null || output.isBlank()) {
      return new Finding(NAME, device, Status.ERROR, "bandwidthTest gave no output", null, false);
    }
    double best = -1;
    long bestSize = -1;
    Matcher m = LINE.matcher(output);
    while (m.find()) {
      long size = Long.parseLong(m.group(2));
      if (size >= bestSize) {
        bestSize = size;
        best = Double.parseDouble(m.group(1));
      }
    }
    if (best < 0) {
      String last = output.strip().lines().reduce((a, b) -> b).orElse("");
      return new Finding(NAME, device, Status.ERROR, "no host-to-device figure in bandwidthTest output (last line: "
          + last + ")", null, false);
    }
    if (output.contains("Result = FAIL")) {
      return new Finding(NAME, device, Status.ERROR, "bandwidthTest reported Result = FAIL", best, false);
    }
    if (!output.contains("Result = PASS")) {
      // bandwidthTest always ends with its Result line: without it the run died or the capture was cut
      return new Finding(NAME, device, Status.ERROR, "bandwidthTest output has no Result line (killed or "
          + "truncated)", best, false);
    }
    return best < minGbps
        ? Finding.measured(NAME, device, Status.FAIL, String.format("%.1f GB/s host-to-device, under %.1f GB/s",
            best, minGbps), best)
        : Finding.measured(NAME, device, Status.PASS, String.format("%.1f GB/s host-to-device", best), best);
  }
}
