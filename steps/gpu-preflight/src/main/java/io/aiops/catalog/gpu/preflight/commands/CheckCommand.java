package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.gpu.preflight.PreflightResult;
import io.aiops.catalog.gpu.preflight.checks.Inputs;
import io.aiops.catalog.gpu.preflight.checks.Iperf3Result;
import io.aiops.catalog.gpu.preflight.checks.Judge;
import io.aiops.catalog.gpu.preflight.coordinator.TerminationMessage;
import io.aiops.catalog.gpu.preflight.report.NodeReport;
import io.aiops.catalog.gpu.preflight.report.Pushgateway;
import io.aiops.catalog.gpu.preflight.tools.NetworkChecks;
import io.aiops.catalog.gpu.preflight.tools.NodeAgent;
import io.aiops.catalog.gpu.preflight.tools.ToolRunner;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = {"Runs the checks on this node (agent mode; the Job that 'run' creates on each node).",
        "Exit 0 for PASS/WARN, 3 for FAIL (also beside an ERROR), 4 when a check could not run."})
public class CheckCommand implements Callable<Integer> {
  static final List<String> ALL = List.of("inventory", "remapped", "ecc", "pcie-link", "slowdown", "xid", "nvlink",
      "pciebw", "dcgm", "ping", "iperf3");

  @Mixin StepOptions step;
  @Mixin JudgeOptions judge;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(names = "--node", paramLabel = "NAME", defaultValue = "${env:NODE_NAME}",
      description = "This node's name (env NODE_NAME; default: the host name).")
  String node;

  @Option(names = "--checks", paramLabel = "LIST", split = ",",
      defaultValue = "inventory,remapped,ecc,pcie-link,slowdown,xid,nvlink,pciebw,dcgm",
      description = "Checks to run, from: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
      completionCandidates = CheckNames.class)
  List<String> checks;

  @Option(names = "--peers", paramLabel = "HOSTS", split = ",",
      description = "Other nodes (names or addresses) for ping and iperf3.")
  List<String> peers = List.of();

  @Mixin NetworkOptions network;

  @Option(names = "--bandwidth-test", paramLabel = "PATH", defaultValue = "bandwidthTest",
      description = "NVIDIA's bandwidthTest binary. Default: ${DEFAULT-VALUE}.")
  String bandwidthTest;

  @Option(names = "--dcgm-level", paramLabel = "1|2|3", defaultValue = "1",
      description = "dcgmi diag -r level: 1 seconds, 2 about 2 min, 3 about 15 min. Default: ${DEFAULT-VALUE}.")
  int dcgmLevel;

  @Option(names = "--dcgm-host", paramLabel = "HOST[:PORT]",
      description = "nv-hostengine to run the diagnostic on (dcgmi --host); default: dcgmi's own (localhost:5555).")
  String dcgmHost;

  @Option(names = "--tool-timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
      description = "Timeout of each tool run but dcgmi. Default: ${DEFAULT-VALUE}.")
  Duration toolTimeout;

  @Option(names = "--dcgm-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Timeout of dcgmi diag. Default: 5m, 20m, 45m for levels 1, 2, 3.")
  Duration dcgmTimeout;

  @Option(names = "--xid-window", paramLabel = "DURATION", defaultValue = "2h", converter = DurationConverter.class,
      description = "How far back to read the kernel log for Xid events. Default: ${DEFAULT-VALUE}.")
  Duration xidWindow;

  @Option(names = "--journal-dir", paramLabel = "DIR",
      description = "The host's journal mounted in the pod (journalctl --directory), e.g. /host/var/log/journal.")
  @Output
  String journalDir;

  @Option(names = "--slowdown-samples", paramLabel = "N", defaultValue = "10",
      description = "Clock-event samples, one per second. Default: ${DEFAULT-VALUE}.")
  int slowdownSamples;

  @Option(names = "--termination-log", paramLabel = "FILE",
      description = "Also write a compact JSON verdict here (the coordinator reads it from the pod status).")
  Path terminationLog;

  @Override
  public Integer call() {
    Set<String> chosen = validChecks();
    Judge j = judge.judge();
    Pushgateway push = output.pushgateway(step.log());
    String name = node == null || node.isBlank() ? hostName() : node;
    NodeAgent agent = new NodeAgent(new ToolRunner(), new NodeAgent.Settings(bandwidthTest, dcgmLevel, dcgmHost,
        toolTimeout,
        dcgmTimeout != null ? dcgmTimeout : Duration.ofMinutes(dcgmLevel == 1 ? 5 : dcgmLevel == 2 ? 20 : 45),
        xidWindow, journalDir, slowdownSamples, Duration.ofSeconds(1)), step.log());
    Inputs in = agent.collect(chosen);
    NetworkChecks net = new NetworkChecks(new ToolRunner());
    if (chosen.contains(NetworkChecks.PING)) {
      net.ping(peers, network.pingTimeout).forEach(in::add);
    }
    if (chosen.contains(Iperf3Result.NAME)) {
      net.iperf(in, network.plan(peers));
    }
    NodeReport report = only(j.judge(name, in), chosen);
    output.emit(report, spec.commandLine().getOut());
    if (terminationLog != null) {
      TerminationMessage.write(terminationLog, report);
    }
    step.log().info("%s: %s (%s)", name, report.verdict(), report.nodeStatus());
    step.results().put(PreflightResult.VERDICT, report.verdict()).put(PreflightResult.NODES_CHECKED, 1)
        .put(PreflightResult.FAILED_NODES, !report.verdict().ok() ? name : "").write();
    return output.push(push, report, report.verdict().exitCode(), step.log());
  }

  private Set<String> validChecks() {
    Set<String> chosen = new LinkedHashSet<>();
    for (String c : checks) {
      String check = c.strip().equals("iperf") ? "iperf3" : c.strip();
      if (!ALL.contains(check)) {
        throw StepException.usage("unknown check " + c + "; known: " + String.join(",", ALL));
      }
      chosen.add(check);
    }
    if ((chosen.contains("ping") || chosen.contains("iperf3")) && peers.isEmpty()) {
      throw StepException.usage("ping and iperf3 need --peers (the other nodes to reach)");
    }
    network.validate(dcgmLevel);
    return chosen;
  }

  /** Keeps the chosen checks; one that produced nothing is an ERROR, never a silent pass. */
  static NodeReport only(NodeReport r, Set<String> chosen) {
    List<Finding> kept = new ArrayList<>(r.findings().stream().filter(f -> chosen.contains(f.check())).toList());
    for (String c : chosen) {
      if (kept.stream().noneMatch(f -> f.check().equals(c))) {
        kept.add(Finding.error(c, "the check produced no result (no GPU visible?)"));
      }
    }
    return new NodeReport(r.node(), kept);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  static class CheckNames extends ArrayList<String> {
    CheckNames() {
      super(ALL);
    }
  }
}
