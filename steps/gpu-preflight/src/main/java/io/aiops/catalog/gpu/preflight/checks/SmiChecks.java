package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import io.aiops.catalog.gpu.preflight.checks.SmiQuery.Gpu;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks judged from {@code nvidia-smi -q}, GPU by GPU: remapped rows, clock slowdown (one sample), ECC,
 * PCIe link width and NVSwitch fabric state. A section the GPU does not have ({@code N/A}) is SKIP; a section
 * missing from the output is ERROR: the capture cannot be judged.
 */
public final class SmiChecks {
  public static final String REMAPPED = "remapped";
  public static final String SLOWDOWN = "slowdown";
  public static final String ECC = "ecc";
  public static final String PCIE_LINK = "pcie-link";
  public static final String NVLINK = "nvlink";
  /** Clock-event reasons that make a GPU slow for reasons outside the user's program. */
  private static final List<String> SLOW_REASONS = List.of("HW Slowdown", "HW Slowdown/HW Thermal Slowdown",
      "HW Slowdown/HW Power Brake Slowdown", "SW Thermal Slowdown");

  private SmiChecks() {}

  public static List<Finding> remapped(SmiQuery q, Thresholds t) {
    List<Finding> out = new ArrayList<>();
    for (Gpu gpu : q.gpus()) {
      Optional<String> section = gpu.get("Remapped Rows");
      Optional<String> pending = gpu.get("Remapped Rows/Pending");
      if (section.filter(SmiQuery::notApplicable).isPresent() || pending.filter(SmiQuery::notApplicable).isPresent()) {
        out.add(Finding.of(REMAPPED, gpu.label(), Status.SKIP, "row remapping not applicable on " + gpu.product()));
      } else if (pending.isEmpty()) {
        out.add(new Finding(REMAPPED, gpu.label(), Status.ERROR, "no Remapped Rows section in the output", null, false));
      } else if (yes(gpu.get("Remapped Rows/Remapping Failure Occurred"))) {
        out.add(Finding.fatal(REMAPPED, gpu.label(), "row remapping failure occurred: evict and reset or replace"));
      } else if (yes(pending)) {
        out.add(Finding.of(REMAPPED, gpu.label(), Status.FAIL, "row remapping pending ("
            + count(gpu, "Remapped Rows/Uncorrectable Error") + " uncorrectable rows): the GPU needs a reset"));
      } else {
        long rows = count(gpu, "Remapped Rows/Uncorrectable Error");
        out.add(rows > t.uncorrectableRowsWarn()
            ? Finding.measured(REMAPPED, gpu.label(), Status.WARN, rows + " uncorrectable rows remapped (over "
                + t.uncorrectableRowsWarn() + ")", rows)
            : Finding.measured(REMAPPED, gpu.label(), Status.PASS, "no remapping pending", rows));
      }
    }
    return out;
  }

  /** One snapshot of the clock-event reasons: an active HW slowdown is WARN (sampling decides FAIL). */
  public static List<Finding> slowdown(SmiQuery q) {
    List<Finding> out = new ArrayList<>();
    for (Gpu gpu : q.gpus()) {
      String section = gpu.values().keySet().stream().anyMatch(k -> k.startsWith("Clocks Event Reasons/"))
          ? "Clocks Event Reasons/" : "Clocks Throttle Reasons/";
      List<String> active = new ArrayList<>();
      boolean seen = false;
      for (String reason : SLOW_REASONS) {
        Optional<String> v = gpu.get(section + reason);
        seen |= v.isPresent();
        if (v.filter("Active"::equalsIgnoreCase).isPresent()) {
          active.add(reason.substring(reason.lastIndexOf('/') + 1));
        }
      }
      out.add(!seen ? new Finding(SLOWDOWN, gpu.label(), Status.ERROR, "no clock event reasons in the output", null, false)
          : active.isEmpty() ? Finding.of(SLOWDOWN, gpu.label(), Status.PASS, "no slowdown active")
          : Finding.of(SLOWDOWN, gpu.label(), Status.WARN, "active in one sample: " + String.join(", ", active)));
    }
    return out;
  }

  public static List<Finding> ecc(SmiQuery q) {
    List<Finding> out = new ArrayList<>();
    for (Gpu gpu : q.gpus()) {
      Optional<String> mode = gpu.get("ECC Mode/Current");
      if (mode.isEmpty()) {
        out.add(new Finding(ECC, gpu.label(), Status.ERROR, "no ECC Mode section in the output", null, false));
        continue;
      }
      if (SmiQuery.notApplicable(mode.get())) {
        out.add(Finding.of(ECC, gpu.label(), Status.SKIP, "ECC not applicable on " + gpu.product()));
        continue;
      }
      long uncorrected = 0;
      for (Map.Entry<String, String> e : gpu.values().entrySet()) {
        String k = e.getKey();
        if (k.startsWith("ECC Errors/Volatile/") && (k.contains("Uncorrectable") || k.contains("Double Bit"))) {
          uncorrected += number(e.getValue());
        }
      }
      if (yes(gpu.get("Remapped Rows/Remapping Failure Occurred"))) {
        out.add(Finding.fatal(ECC, gpu.label(), "row remapping failure: memory errors can no longer be contained"));
      } else if (uncorrected > 0) {
        out.add(new Finding(ECC, gpu.label(), Status.FAIL, uncorrected + " uncorrected volatile ECC errors",
            (double) uncorrected, false));
      } else if (!mode.get().equalsIgnoreCase("Enabled")) {
        out.add(Finding.of(ECC, gpu.label(), Status.WARN, "ECC is " + mode.get() + ": memory errors go unnoticed"));
      } else {
        out.add(Finding.measured(ECC, gpu.label(), Status.PASS, "ECC enabled, no uncorrected volatile errors", 0));
      }
    }
    return out;
  }

  /** Width only: an idle GPU lowers its PCIe generation to save power, so the generation is judged under load. */
  public static List<Finding> pcieLink(SmiQuery q) {
    List<Finding> out = new ArrayList<>();
    for (Gpu gpu : q.gpus()) {
      Optional<String> cur = gpu.get("PCI/GPU Link Info/Link Width/Current");
      Optional<String> max = gpu.get("PCI/GPU Link Info/Link Width/Max");
      if (cur.isEmpty() || max.isEmpty()) {
        out.add(new Finding(PCIE_LINK, gpu.label(), Status.ERROR, "no PCIe link width in the output", null, false));
      } else if (SmiQuery.notApplicable(cur.get()) || SmiQuery.notApplicable(max.get())) {
        out.add(Finding.of(PCIE_LINK, gpu.label(), Status.SKIP, "PCIe link width not reported (virtual GPU?)"));
      } else {
        long c = number(cur.get());
        long m = number(max.get());
        out.add(c < m
            ? Finding.measured(PCIE_LINK, gpu.label(), Status.FAIL, "link width x" + c + " below its max x" + m, c)
            : Finding.measured(PCIE_LINK, gpu.label(), Status.PASS, "link width x" + c, c));
      }
    }
    return out;
  }

  /** NVSwitch systems report their fabric: training over NVLink needs State Completed and Status Success. */
  public static List<Finding> fabric(SmiQuery q) {
    List<Finding> out = new ArrayList<>();
    for (Gpu gpu : q.gpus()) {
      Optional<String> state = gpu.get("Fabric/State");
      if (state.isEmpty() || SmiQuery.notApplicable(state.get())) {
        continue;
      }
      String status = gpu.get("Fabric/Status").orElse("N/A");
      boolean ok = state.get().equalsIgnoreCase("Completed") && status.equalsIgnoreCase("Success");
      out.add(Finding.of(NVLINK, gpu.label(), ok ? Status.PASS : Status.FAIL,
          "fabric state " + state.get() + ", status " + status));
    }
    return out;
  }

  static boolean yes(Optional<String> value) {
    return value.filter("Yes"::equalsIgnoreCase).isPresent();
  }

  private static long count(Gpu gpu, String path) {
    return gpu.get(path).map(SmiChecks::number).orElse(0L);
  }

  /** The leading integer of "16x", "0", "4 bank(s)"; 0 for N/A. */
  static long number(String value) {
    String digits = value.strip().replaceAll("^(\\d+).*$", "$1");
    return digits.matches("\\d+") ? Long.parseLong(digits) : 0;
  }
}
