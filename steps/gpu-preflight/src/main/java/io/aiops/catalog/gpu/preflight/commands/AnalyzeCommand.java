package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.step.io.InputFiles;
import io.aiops.catalog.gpu.preflight.PreflightResult;
import io.aiops.catalog.gpu.preflight.checks.Inputs;
import io.aiops.catalog.gpu.preflight.checks.Judge;
import io.aiops.catalog.gpu.preflight.report.NodeReport;
import io.aiops.catalog.gpu.preflight.report.Pushgateway;
import io.aiops.catalog.step.check.Status;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = {"Judges captured tool outputs (a must-gather) with the same checks and verdicts as a live run.",
        "Exit 0 for PASS/WARN, 3 for FAIL (also beside an ERROR), 4 when an input cannot be judged."})
public class AnalyzeCommand implements Callable<Integer> {
  @Mixin StepOptions step;
  @Mixin JudgeOptions judge;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(names = "--node", paramLabel = "NAME", defaultValue = "offline", description = "Node name for the report.")
  String node;

  @Option(names = "--nvidia-smi-q", paramLabel = "FILE", description = "Output of nvidia-smi -q.")
  Path smiQ;

  @Option(names = "--lspci", paramLabel = "FILE", description = "Output of lspci -d 10de: (GPU inventory cross-check).")
  Path lspci;

  @Option(names = "--dcgm-json", paramLabel = "FILE", description = "Output of dcgmi diag -r N -j (DCGM 3.x or 4.x).")
  Path dcgm;

  @Option(names = "--bandwidth-csv", paramLabel = "FILE", description = "Output of bandwidthTest --htod --csv; repeatable.")
  List<Path> bandwidth = List.of();

  @Option(names = "--iperf-json", paramLabel = "FILE", description = "Output of iperf3 -c ... -J; repeatable.")
  List<Path> iperf = List.of();

  @Option(names = "--kernel-log", paramLabel = "FILE", description = "journalctl -k or dmesg output (Xid events).")
  Path kernelLog;

  @Option(names = "--nvlink-status", paramLabel = "FILE", description = "Output of nvidia-smi nvlink -s.")
  Path nvlink;

  @Option(names = "--clock-events-csv", paramLabel = "FILE",
      description = "Samples of nvidia-smi --query-gpu=index,clocks_event_reasons.* --format=csv.")
  Path clockEvents;

  @Override
  public Integer call() {
    Inputs in = new Inputs();
    if (smiQ != null) in.nvidiaSmiQ(read(smiQ));
    if (lspci != null) in.lspci(read(lspci));
    if (dcgm != null) in.dcgm(read(dcgm));
    bandwidth.forEach(f -> in.bandwidth(null, read(f)));
    iperf.forEach(f -> in.iperf(f.getFileName().toString(), read(f)));
    if (kernelLog != null) in.kernelLog(read(kernelLog), kernelLog.getFileName().toString());
    if (nvlink != null) in.nvlink(read(nvlink));
    if (clockEvents != null) in.clockEvents(read(clockEvents));
    if (smiQ == null && dcgm == null && bandwidth.isEmpty() && iperf.isEmpty() && kernelLog == null
        && nvlink == null && clockEvents == null) {
      throw StepException.usage("give at least one input: --nvidia-smi-q, --dcgm-json, --bandwidth-csv, "
          + "--iperf-json, --kernel-log, --nvlink-status or --clock-events-csv");
    }
    Judge j = judge.judge();
    Pushgateway push = output.pushgateway(step.log());
    NodeReport report = j.judge(node, in);
    output.emit(report, spec.commandLine().getOut());
    step.log().info("%s: %s (%s)", node, report.verdict(), report.nodeStatus());
    step.results().put(PreflightResult.VERDICT, report.verdict()).put(PreflightResult.NODES_CHECKED, 1)
        .put(PreflightResult.FAILED_NODES, !report.verdict().ok() ? node : "").write();
    return output.push(push, report, report.verdict().exitCode(), step.log());
  }

  /** Inputs are read before anything is judged or pushed: a wrong path is a usage error, not an ERROR verdict. */
  private static String read(Path file) {
    return InputFiles.readString("input", file);
  }
}
