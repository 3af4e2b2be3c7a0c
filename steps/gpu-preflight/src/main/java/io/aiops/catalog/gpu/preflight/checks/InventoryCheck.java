package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * GPU count from nvidia-smi against the PCI bus and the expected count. A GPU that fell off the bus disappears from
 * nvidia-smi (or makes it print an NVML error) but stays on the PCI bus: any disagreement fails the node, never skips.
 */
public final class InventoryCheck {
  public static final String NAME = "inventory";

  private InventoryCheck() {}

  /**
   * @param lspci output of {@code lspci -d 10de:}, when it could be run
   * @param expected the GPUs the node should have (its capacity, or the user's count), null when not given: then the
   *     count is reported and only nvidia-smi against lspci is judged
   */
  public static Finding judge(SmiQuery q, Optional<String> lspci, Integer expected) {
    if (!q.nvmlErrors().isEmpty()) {
      return Finding.fatal(NAME, null, "NVML: " + q.nvmlErrors().get(0));
    }
    for (SmiQuery.Gpu gpu : q.gpus()) {
      if (SmiChecks.yes(gpu.get("GPU Reset Status/Reset Required"))) {
        return Finding.fatal(NAME, gpu.label(), "GPU reports Reset Required: Yes");
      }
    }
    int listed = q.gpus().size();
    if (q.attached().isEmpty() && listed == 0) {
      return Finding.error(NAME, "no GPU in the nvidia-smi output (empty, or not nvidia-smi -q output)");
    }
    if (q.attached().isPresent() && listed != q.attached().get()) {
      return Finding.error(NAME, "nvidia-smi output incomplete: its header says " + q.attached().get()
          + " GPUs, " + listed + " listed (truncated capture?)");
    }
    if (lspci.isPresent()) {
      long onBus = countPciGpus(lspci.get());
      if (onBus != listed) {
        return new Finding(NAME, null, Status.FAIL, "lspci sees " + onBus + " NVIDIA GPUs, nvidia-smi " + listed
            + ": a GPU fell off the bus or lost its driver", (double) listed, true);
      }
    }
    if (expected != null && expected != listed) {
      return new Finding(NAME, null, Status.FAIL, gpus(listed) + " visible, " + expected + " expected",
          (double) listed, listed < expected);
    }
    return Finding.measured(NAME, null, Status.PASS, gpus(listed) + (expected != null ? " as expected"
        : " visible (no expected count given: not judged)") + (lspci.isPresent() ? ", same on the PCI bus" : ""),
        listed);
  }

  private static String gpus(int n) {
    return n + (n == 1 ? " GPU" : " GPUs");
  }

  /** Display and 3D controllers only: NVSwitches (bridges) and HDMI audio functions share the vendor id. */
  static long countPciGpus(String lspci) {
    return lspci.lines().map(l -> l.toLowerCase(Locale.ROOT))
        .filter(l -> l.contains("3d controller") || l.contains("vga compatible controller")
            || l.contains(" 0302:") || l.contains(" 0300:"))
        .count();
  }

  public static List<Finding> all(SmiQuery q, Optional<String> lspci, Thresholds t) {
    return List.of(judge(q, lspci, t.expectedGpus()));
  }
}
