package io.aiops.catalog.gpu.preflight.tools;

import io.aiops.catalog.gpu.preflight.checks.Inputs;
import io.aiops.catalog.gpu.preflight.checks.Iperf3Result;
import io.aiops.catalog.step.Parallel;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ping} and {@code iperf3} towards the other nodes. Planes as in Autopilot: {@code mgmt} is the pod's default
 * interface (one client, one server per node); {@code data} binds clients to each secondary interface (all but lo
 * and eth0), at least one server port per interface. Each (interface, port) pair is its own iperf3 client, run
 * concurrently; {@code clientsPerIface} is its number of parallel streams ({@code -P}).
 */
public final class NetworkChecks {
  public static final String PING = "ping";
  static final int PINGS_AT_ONCE = 8;
  private final ToolRunner tools;

  public NetworkChecks(ToolRunner tools) {
    this.tools = tools;
  }

  /**
   * Pings every peer, {@value #PINGS_AT_ONCE} at a time (each ping takes about 2 s, and its process is idle
   * waiting for replies), findings in the peers' order.
   */
  public List<Finding> ping(List<String> peers, Duration perPeer) {
    return Parallel.map(peers, PINGS_AT_ONCE, "pinging peers", peer -> pingOne(peer, perPeer));
  }

  private Finding pingOne(String peer, Duration perPeer) {
    long waitSeconds = Math.max(1, perPeer.toSeconds());
    // -c 3: a single lost packet is no verdict; -W bounds each reply wait so an unreachable peer cannot hang us
    ToolRunner.Run run = tools.run(List.of("ping", "-n", "-c", "3", "-W", Long.toString(waitSeconds), peer),
        perPeer.multipliedBy(3).plusSeconds(5));
    String detail = (run.stderr() + " " + run.stdout()).strip();
    if (run.missing() || run.timedOut()) {
      return new Finding(PING, peer, Status.ERROR, run.problem(), null, false);
    } else if (run.exitCode() == 0) {
      return Finding.of(PING, peer, Status.PASS, lastLine(run.stdout()));
    } else if (detail.contains("Operation not permitted") || detail.contains("ermission denied")) {
      return new Finding(PING, peer, Status.ERROR, "ping is not allowed in this container (needs ICMP sockets "
          + "via net.ipv4.ping_group_range or CAP_NET_RAW): " + lastLine(run.stderr()), null, false);
    }
    return Finding.of(PING, peer, Status.FAIL, "unreachable: " + lastLine(detail.isEmpty() ? "no reply" : detail));
  }

  /** Runs the clients and hands their JSON to {@code in}; runs that could not start become ERROR findings. */
  public void iperf(Inputs in, IperfPlan plan) {
    List<String> binds = plan.plane().equals("mgmt") ? java.util.Collections.singletonList(null) : secondaryAddresses();
    if (binds.isEmpty()) {
      in.add(Finding.error(Iperf3Result.NAME, "data plane: no secondary network interface (all but lo and eth0) "
          + "with an IPv4 address in this pod; use --plane=mgmt or attach the secondary networks"));
      return;
    }
    // Autopilot's rule: at least one server per interface; more servers per node are shared out among them
    int perIface = plan.plane().equals("mgmt") ? 1 : Math.max(1, plan.serversPerNode() / binds.size());
    List<String[]> jobs = new ArrayList<>();
    for (String peer : plan.peers()) {
      for (int i = 0; i < binds.size(); i++) {
        for (int j = 0; j < perIface; j++) {
          jobs.add(new String[] {peer, Integer.toString(plan.basePort() + i * perIface + j), binds.get(i)});
        }
      }
    }
    Duration limit = plan.duration().plusSeconds(15);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, Math.max(1, jobs.size())));
    try {
      List<Future<ToolRunner.Run>> runs = new ArrayList<>();
      for (String[] job : jobs) {
        List<String> cmd = new ArrayList<>(List.of("iperf3", "-c", job[0], "-p", job[1], "-J",
            "-t", Long.toString(Math.max(1, plan.duration().toSeconds())), "-P", Integer.toString(plan.clientsPerIface()),
            "--connect-timeout", "3000"));
        if (job[2] != null) {
          cmd.addAll(List.of("-B", job[2]));
        }
        runs.add(pool.submit(() -> tools.run(cmd, limit)));
      }
      for (int i = 0; i < jobs.size(); i++) {
        String target = jobs.get(i)[0] + ":" + jobs.get(i)[1] + (jobs.get(i)[2] == null ? "" : " from " + jobs.get(i)[2]);
        ToolRunner.Run run = runs.get(i).get();
        if (run.missing() || run.timedOut()) {
          in.add(new Finding(Iperf3Result.NAME, target, Status.ERROR, run.problem(), null, false));
        } else {
          in.iperf(target, run.stdout()); // judged by its JSON, whatever the exit code said
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      in.add(Finding.error(Iperf3Result.NAME, "interrupted"));
    } catch (ExecutionException e) {
      in.add(Finding.error(Iperf3Result.NAME, "iperf3 client failed: " + e.getCause()));
    } finally {
      pool.shutdownNow();
    }
  }

  /** What to measure: peers, ports {@code basePort..basePort+serversPerNode-1}, streams per client, plane. */
  public record IperfPlan(List<String> peers, int basePort, int serversPerNode, int clientsPerIface, String plane,
      Duration duration) {}

  static List<String> secondaryAddresses() {
    List<String> out = new ArrayList<>();
    try {
      for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
        if (!nic.isUp() || nic.isLoopback() || nic.getName().equals("eth0")) {
          continue;
        }
        for (InetAddress a : nic.inetAddresses().toList()) {
          if (a instanceof Inet4Address) {
            out.add(a.getHostAddress());
          }
        }
      }
    } catch (SocketException e) {
      return List.of();
    }
    return out;
  }

  private static String lastLine(String s) {
    return s.strip().lines().reduce((a, b) -> b).orElse("");
  }
}
