package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code nvidia-smi nvlink -s}: active links per GPU against the count its model should have. */
public final class NvlinkStatus {
  private static final Pattern GPU = Pattern.compile("^GPU (\\d+): (.*?)(?: \\(UUID: .*\\))?\\s*$");
  private static final Pattern LINK = Pattern.compile("^\\s*Link (\\d+): (.*)$");

  private NvlinkStatus() {}

  /** @param expected active links each GPU should have; null: unknown model, report only */
  public static List<Finding> judge(String output, Integer expected) {
    List<Finding> out = new ArrayList<>();
    String gpu = null;
    int active = 0;
    int links = 0;
    for (String line : (output + "\nGPU 999999: end").split("\\R")) {
      Matcher g = GPU.matcher(line);
      Matcher l = LINK.matcher(line);
      if (g.matches()) {
        if (gpu != null) {
          out.add(finding(gpu, active, links, expected));
        }
        gpu = g.group(1);
        active = 0;
        links = 0;
      } else if (l.matches()) {
        links++;
        String state = l.group(2).strip();
        if (!state.contains("inactive") && !state.startsWith("<") && !state.equalsIgnoreCase("N/A")) {
          active++;
        }
      }
    }
    return out.isEmpty()
        ? List.of(Finding.error(SmiChecks.NVLINK, "no GPU in nvidia-smi nvlink -s output")) : out;
  }

  private static Finding finding(String gpu, int active, int links, Integer expected) {
    if (expected == null) {
      return Finding.measured(SmiChecks.NVLINK, gpu, Status.PASS, active + " of " + links
          + " links active (no expected count for this model)", active);
    }
    if (expected == 0 && active == 0) {
      return Finding.measured(SmiChecks.NVLINK, gpu, Status.SKIP, "PCIe GPU: no NVLink expected", 0);
    }
    return active < expected
        ? Finding.measured(SmiChecks.NVLINK, gpu, Status.FAIL, active + " NVLinks active, " + expected + " expected",
            active)
        : Finding.measured(SmiChecks.NVLINK, gpu, Status.PASS, active + " NVLinks active", active);
  }
}
