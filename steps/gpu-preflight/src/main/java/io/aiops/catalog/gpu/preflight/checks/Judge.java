package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.gpu.preflight.report.NodeReport;
import io.aiops.catalog.step.check.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns collected outputs into a node report: picks the GPU model's profile from nvidia-smi's product name (NVLinks,
 * PCIe floor), applies the run's overrides, and runs every parser that has an input. The expected GPU count is only
 * ever the run's (the node's capacity or --expected-gpus): without one, inventory reports the count it sees.
 */
public final class Judge {
  private final GpuProfiles profiles;
  private final Integer expectedGpus;
  private final Integer expectedNvlinks;
  private final Double pcieMinGbps;
  private final Thresholds limits;

  /** @param limits XID lists, row and iperf limits; the null overrides fall back to the profile, then defaults */
  public Judge(GpuProfiles profiles, Integer expectedGpus, Integer expectedNvlinks, Double pcieMinGbps,
      Thresholds limits) {
    this.profiles = profiles;
    this.expectedGpus = expectedGpus;
    this.expectedNvlinks = expectedNvlinks;
    this.pcieMinGbps = pcieMinGbps;
    this.limits = limits;
  }

  public NodeReport judge(String node, Inputs in) {
    SmiQuery q = in.nvidiaSmiQ == null ? null : SmiQuery.parse(in.nvidiaSmiQ);
    Thresholds t = thresholds(q);
    List<Finding> out = new ArrayList<>(in.collected);
    if (q != null) {
      out.addAll(InventoryCheck.all(q, in.lspciOutput(), t));
      out.addAll(SmiChecks.remapped(q, t));
      out.addAll(in.clockEventsCsv == null ? SmiChecks.slowdown(q) : List.of());
      out.addAll(SmiChecks.ecc(q));
      out.addAll(SmiChecks.pcieLink(q));
      out.addAll(SmiChecks.fabric(q));
    }
    if (in.clockEventsCsv != null) {
      out.addAll(ClockEventSamples.judge(in.clockEventsCsv, t.slowdownFailRatio()));
    }
    if (in.dcgmJson != null) {
      out.addAll(DcgmDiag.judge(in.dcgmJson));
    }
    in.bandwidth.forEach(b -> out.add(BandwidthTest.judge(b.text(), Optional.ofNullable(b.label()),
        t.pcieMinGbps())));
    in.iperf.forEach(i -> out.add(Iperf3Result.judge(i.text(), i.label(), t.iperfMinGbps())));
    if (in.kernelLog != null) {
      out.addAll(XidCheck.judge(in.kernelLog, t, in.kernelLogSource));
    }
    if (in.nvlinkStatus != null) {
      out.addAll(NvlinkStatus.judge(in.nvlinkStatus, t.expectedNvlinks()));
    }
    return new NodeReport(node, out);
  }

  /** Profile of the first GPU's model (nodes hold one model), then the run's overrides. */
  Thresholds thresholds(SmiQuery q) {
    Optional<GpuProfiles.Profile> profile = q == null || q.gpus().isEmpty() ? Optional.empty()
        : profiles.forProduct(q.gpus().get(0).product());
    Thresholds base = limits.withExpected(null, profile.map(GpuProfiles.Profile::nvlinks).orElse(null),
        profile.map(GpuProfiles.Profile::pcieMinGbps).orElse(null));
    return base.withExpected(expectedGpus, expectedNvlinks, pcieMinGbps);
  }
}
