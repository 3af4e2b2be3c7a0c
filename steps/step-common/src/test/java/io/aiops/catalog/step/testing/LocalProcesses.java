package io.aiops.catalog.step.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Real local servers for the ITs (Debian iperf3, prometheus-pushgateway) on free loopback ports. */
public final class LocalProcesses {
  private LocalProcesses() {}

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts the command and waits until it accepts TCP connections on the port (a process has nothing to watch). */
  public static Process startListening(List<String> command, int port, Path log) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IllegalStateException(command.get(0) + " exited " + p.exitValue() + ": " + Files.readString(log));
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return p;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException(command.get(0) + " did not listen on " + port + " within 20 s");
  }
}
