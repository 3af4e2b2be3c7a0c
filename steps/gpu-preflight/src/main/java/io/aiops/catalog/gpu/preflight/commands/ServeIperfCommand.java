package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve-iperf", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs iperf3 servers on ports PORT..PORT+N-1 for a while, for the other nodes' iperf3 check.")
public class ServeIperfCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin StepOptions step;

  @Option(names = "--iperf-port", paramLabel = "PORT", defaultValue = "5201",
      description = "First port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--servers", paramLabel = "N", defaultValue = "1",
      description = "How many servers (one port each). Default: ${DEFAULT-VALUE}.")
  int servers;

  @Option(names = "--for", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
      description = "How long to serve. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Override
  public Integer call() throws InterruptedException {
    if (servers < 1 || port < 1 || port + servers - 1 > 65535) {
      throw StepException.usage("--servers must be at least 1 and the ports within 1-65535");
    }
    List<Process> running = new ArrayList<>();
    try {
      for (int i = 0; i < servers; i++) {
        running.add(new ProcessBuilder("iperf3", "-s", "-p", Integer.toString(port + i)).inheritIO().start());
      }
      step.log().info("serving iperf3 on ports %d-%d for %s", port, port + servers - 1, duration);
      long deadline = System.nanoTime() + duration.toNanos();
      for (Process p : running) {
        long left = deadline - System.nanoTime();
        if (p.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
          throw StepException.unavailable("iperf3 server exited early with " + p.exitValue()
              + " (port taken?)", null);
        }
      }
      return StepExit.OK;
    } catch (IOException e) {
      throw StepException.unavailable("cannot start iperf3 (is it installed?): " + e.getMessage(), e);
    } finally {
      running.forEach(Process::destroy);
    }
  }
}
