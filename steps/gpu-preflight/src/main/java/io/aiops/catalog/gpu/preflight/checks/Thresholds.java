package io.aiops.catalog.gpu.preflight.checks;

import java.util.Set;

/**
 * The limits one run judges against: from the GPU model's profile, then the command line's overrides.
 *
 * @param expectedGpus GPUs the node should have (never from the model); null when not given (then nvidia-smi and
 *     lspci must agree, and the count is reported)
 * @param expectedNvlinks active NVLinks per GPU the model should have (0 for PCIe cards)
 * @param pcieMinGbps host-to-device bandwidth floor per GPU, GB/s
 * @param uncorrectableRowsWarn remapped uncorrectable rows above which a GPU is WARN
 * @param fatalXids Xid codes that fail the node; {@code ignoredXids} are application faults
 * @param iperfMinGbps network throughput floor, Gbit/s (0: reachability only)
 * @param slowdownFailRatio share of clock-event samples with a HW slowdown active that fails a GPU
 */
public record Thresholds(Integer expectedGpus, Integer expectedNvlinks, double pcieMinGbps, int uncorrectableRowsWarn,
    Set<Integer> fatalXids, Set<Integer> ignoredXids, double iperfMinGbps, double slowdownFailRatio) {

  /** NVIDIA's Xids that mean broken hardware or a GPU needing reset (XID catalog, driver 535+). */
  public static final Set<Integer> DEFAULT_FATAL_XIDS = Set.of(48, 56, 57, 58, 62, 63, 64, 65, 68, 69, 73, 74, 79, 80,
      81, 92, 119, 120, 144, 145, 146, 147, 148, 149, 150);
  /** Xids a user's program causes (illegal address, MMU fault, reset channel, preemptive cleanup): not the node. */
  public static final Set<Integer> DEFAULT_IGNORED_XIDS = Set.of(13, 31, 43, 45, 94);

  public static Thresholds defaults() {
    return new Thresholds(null, null, 4.0, 0, DEFAULT_FATAL_XIDS, DEFAULT_IGNORED_XIDS, 0.0, 0.6);
  }

  public Thresholds withExpected(Integer gpus, Integer nvlinks, Double pcieMin) {
    return new Thresholds(gpus != null ? gpus : expectedGpus, nvlinks != null ? nvlinks : expectedNvlinks,
        pcieMin != null ? pcieMin : pcieMinGbps, uncorrectableRowsWarn, fatalXids, ignoredXids, iperfMinGbps,
        slowdownFailRatio);
  }

  public Thresholds withLimits(int rowsWarn, Set<Integer> fatal, Set<Integer> ignored, double iperfMin) {
    return new Thresholds(expectedGpus, expectedNvlinks, pcieMinGbps, rowsWarn, fatal, ignored, iperfMin,
        slowdownFailRatio);
  }
}
