package io.aiops.catalog.gpu.preflight.tools;

import io.aiops.catalog.gpu.preflight.checks.BandwidthTest;
import io.aiops.catalog.gpu.preflight.checks.DcgmDiag;
import io.aiops.catalog.gpu.preflight.checks.Inputs;
import io.aiops.catalog.gpu.preflight.checks.InventoryCheck;
import io.aiops.catalog.gpu.preflight.checks.Judge;
import io.aiops.catalog.gpu.preflight.checks.SmiChecks;
import io.aiops.catalog.gpu.preflight.checks.SmiQuery;
import io.aiops.catalog.gpu.preflight.checks.XidCheck;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import io.aiops.catalog.step.StepLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the node tools the chosen checks need and collects their outputs; {@link Judge} decides. A tool that is
 * missing, times out or prints nothing becomes an ERROR finding for each check that needed it.
 */
public final class NodeAgent {
  static final Set<String> SMI_CHECKS = Set.of(InventoryCheck.NAME, SmiChecks.REMAPPED, SmiChecks.ECC,
      SmiChecks.PCIE_LINK, SmiChecks.NVLINK, SmiChecks.SLOWDOWN);

  /** How to run the tools: paths, timeouts and the sampling of clock events. */
  public record Settings(String bandwidthTest, int dcgmLevel, String dcgmHost, Duration toolTimeout,
      Duration dcgmTimeout, Duration xidWindow, String journalDir, int slowdownSamples, Duration slowdownInterval) {}

  private final ToolRunner tools;
  private final Settings s;
  private final StepLog log;

  public NodeAgent(ToolRunner tools, Settings settings, StepLog log) {
    this.tools = tools;
    this.s = settings;
    this.log = log;
  }

  public Inputs collect(Set<String> checks) {
    Inputs in = new Inputs();
    int gpus = -1;
    if (checks.stream().anyMatch(SMI_CHECKS::contains) || checks.contains(BandwidthTest.NAME)) {
      ToolRunner.Run q = run(List.of("nvidia-smi", "-q"), s.toolTimeout());
      // a lost GPU makes nvidia-smi exit non-zero with NVML's message: that text is the evidence, keep it
      String text = q.stdout() + (q.exitCode() != 0 ? "\n" + q.stderr() : "");
      if (q.missing() || q.timedOut() || text.isBlank()) {
        checks.stream().filter(c -> SMI_CHECKS.contains(c) || c.equals(BandwidthTest.NAME))
            .forEach(c -> in.add(Finding.error(c, q.problem())));
      } else {
        in.nvidiaSmiQ(text);
        gpus = SmiQuery.parse(text).gpus().size();
      }
    }
    if (checks.contains(InventoryCheck.NAME)) {
      ToolRunner.Run lspci = run(List.of("lspci", "-d", "10de:"), s.toolTimeout());
      if (lspci.ok()) {
        in.lspci(lspci.stdout());
      } else {
        in.add(Finding.error(InventoryCheck.NAME, "cannot cross-check the PCI bus: " + lspci.problem()));
      }
    }
    if (checks.contains(BandwidthTest.NAME) && gpus == 0) {
      in.add(Finding.error(BandwidthTest.NAME, "no GPU visible to run bandwidthTest on"));
    }
    for (int gpu = 0; checks.contains(BandwidthTest.NAME) && gpu < gpus; gpu++) {
      ToolRunner.Run bw = run(List.of(s.bandwidthTest(), "--htod", "--memory=pinned", "--device=" + gpu, "--csv"),
          s.toolTimeout());
      if (bw.missing() || bw.timedOut()) {
        in.add(new Finding(BandwidthTest.NAME, Integer.toString(gpu), Status.ERROR, bw.problem(), null, false));
      } else {
        in.bandwidth(Integer.toString(gpu), bw.stdout() + bw.stderr());
      }
    }
    if (checks.contains(DcgmDiag.NAME)) {
      List<String> diag = new ArrayList<>(List.of("dcgmi", "diag", "-r", Integer.toString(s.dcgmLevel()), "-j"));
      if (s.dcgmHost() != null && !s.dcgmHost().isBlank()) {
        diag.addAll(List.of("--host", s.dcgmHost())); // the GPU operator's nv-hostengine, e.g. $(HOST_IP):5555
      }
      ToolRunner.Run d = run(diag, s.dcgmTimeout());
      if (d.missing() || d.timedOut() || d.stdout().isBlank()) {
        in.add(Finding.error(DcgmDiag.NAME, d.problem()));
      } else {
        in.dcgm(d.stdout()); // dcgmi exits non-zero when a test fails; its JSON says which
      }
    }
    if (checks.contains(XidCheck.NAME)) {
      collectKernelLog(in);
    }
    if (checks.contains(SmiChecks.NVLINK)) {
      ToolRunner.Run n = run(List.of("nvidia-smi", "nvlink", "-s"), s.toolTimeout());
      if (n.ok()) {
        in.nvlink(n.stdout());
      } else {
        in.add(Finding.error(SmiChecks.NVLINK, n.problem()));
      }
    }
    if (checks.contains(SmiChecks.SLOWDOWN) && gpus > 0) {
      sampleClockEvents(in);
    }
    return in;
  }

  private void collectKernelLog(Inputs in) {
    String since = "-" + s.xidWindow().toSeconds() + "s";
    List<String> journal = new ArrayList<>(List.of("journalctl", "-k", "--no-pager", "-o", "short-iso",
        "--since=" + since));
    if (s.journalDir() != null && !s.journalDir().isBlank()) {
      journal.add("--directory=" + s.journalDir());
    }
    ToolRunner.Run j = run(journal, s.toolTimeout());
    if (j.ok()) {
      in.kernelLog(j.stdout(), "journalctl -k since " + since);
      return;
    }
    ToolRunner.Run d = run(List.of("dmesg", "--time-format", "iso"), s.toolTimeout());
    if (d.ok()) {
      in.kernelLog(d.stdout(), "dmesg (whole ring buffer: journalctl unavailable)");
    } else {
      in.add(Finding.error(XidCheck.NAME, "cannot read the kernel log: " + j.problem() + "; " + d.problem()));
    }
  }

  /** One sample says little: a slowdown that lasts shows in most of several samples taken a second apart. */
  private void sampleClockEvents(Inputs in) {
    StringBuilder csv = new StringBuilder();
    List<String> cmd = List.of("nvidia-smi", "--query-gpu=index,clocks_event_reasons.hw_slowdown,"
        + "clocks_event_reasons.hw_thermal_slowdown,clocks_event_reasons.hw_power_brake_slowdown", "--format=csv");
    for (int i = 0; i < s.slowdownSamples(); i++) {
      ToolRunner.Run r = run(cmd, s.toolTimeout());
      if (!r.ok()) {
        in.add(Finding.error(SmiChecks.SLOWDOWN, r.problem()));
        return;
      }
      csv.append(r.stdout()).append('\n');
      if (i + 1 < s.slowdownSamples()) {
        try {
          Thread.sleep(s.slowdownInterval().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    in.clockEvents(csv.toString());
  }

  private ToolRunner.Run run(List<String> cmd, Duration timeout) {
    log.debug("running %s", String.join(" ", cmd));
    ToolRunner.Run r = tools.run(cmd, timeout);
    if (!r.ok()) {
      log.debug("%s", r.problem());
    }
    return r;
  }
}
