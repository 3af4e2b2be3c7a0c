package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.gpu.preflight.tools.NetworkChecks;
import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Autopilot's iperf3 knobs: plane, servers per node, clients per interface (a picocli mixin). */
public class NetworkOptions {
  @Option(names = "--plane", paramLabel = "data|mgmt", defaultValue = "data",
      description = "data: secondary interfaces (all but lo and eth0); mgmt: the default interface. "
          + "Default: ${DEFAULT-VALUE}.")
  String plane;

  @Option(names = "--iperf-port", paramLabel = "PORT", defaultValue = "5201",
      description = "First iperf3 server port on each peer. Default: ${DEFAULT-VALUE}.")
  int iperfPort;

  @Option(names = "--servers-per-node", paramLabel = "N", defaultValue = "1",
      description = "iperf3 servers on each peer (at least one per interface on the data plane). "
          + "Default: ${DEFAULT-VALUE}.")
  int serversPerNode;

  @Option(names = "--clients-per-iface", paramLabel = "N", defaultValue = "1",
      description = "Parallel streams (-P) per client and interface. Default: ${DEFAULT-VALUE}.")
  int clientsPerIface;

  @Option(names = "--iperf-duration", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
      description = "Length of each iperf3 test. Default: ${DEFAULT-VALUE}.")
  Duration iperfDuration;

  @Option(names = "--ping-timeout", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
      description = "Wait per ping reply. Default: ${DEFAULT-VALUE}.")
  Duration pingTimeout;

  void validate(int dcgmLevel) {
    if (!plane.equals("data") && !plane.equals("mgmt")) {
      throw StepException.usage("--plane must be data or mgmt, got " + plane);
    }
    if (serversPerNode < 1 || clientsPerIface < 1 || iperfPort < 1 || iperfPort > 65535) {
      throw StepException.usage("--servers-per-node and --clients-per-iface must be at least 1, --iperf-port 1-65535");
    }
    if (dcgmLevel < 1 || dcgmLevel > 4) {
      throw StepException.usage("--dcgm-level must be 1, 2, 3 or 4, got " + dcgmLevel);
    }
  }

  NetworkChecks.IperfPlan plan(List<String> peers) {
    return new NetworkChecks.IperfPlan(peers, iperfPort, serversPerNode, clientsPerIface, plane, iperfDuration);
  }
}
