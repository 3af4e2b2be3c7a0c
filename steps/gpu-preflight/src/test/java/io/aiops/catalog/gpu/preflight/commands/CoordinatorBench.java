package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.gpu.preflight.coordinator.Coordinator;
import io.aiops.catalog.gpu.preflight.coordinator.JobFactory;
import io.aiops.catalog.gpu.preflight.commands.RunCommandTest;
import io.aiops.catalog.gpu.preflight.report.NodeReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.step.LogFormat;
import io.aiops.catalog.step.StepLog;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coordinator overhead per node at 500 nodes on the mock API server, checks instant (the stand-in kubelet finishes
 * each Job at once): Jobs created, watched, gathered, nodes labelled, Jobs deleted. Not a test: run on demand, see
 * bench/preflight-coordinator/README.md. Target: under 50 ms per node.
 */
class CoordinatorBench {
  static final int NODES = Integer.getInteger("bench.nodes", 500);

  @Test
  void overheadPerNode() {
    KubernetesClient client = MockApiServer.client();
    String message = RunCommandTest.healthy("bench");
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      nodes.add(client.nodes().resource(new NodeBuilder().withNewMetadata().withName("bench-" + i)
          .addToLabels("kubernetes.io/hostname", "bench-" + i).endMetadata().withNewStatus()
          .addToAllocatable("nvidia.com/gpu", new Quantity("8")).endStatus().build()).create());
    }
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    for (int batch : new int[] {0, 50}) {
      for (int round = 0; round < 2; round++) { // round 0 warms the JIT and the client's connection pool
        String ns = "bench-" + batch + "-" + round;
        try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> new FakeKubelet.Outcome(message, 0), 0)) {
          JobFactory.Spec spec = new JobFactory.Spec(ns, "b" + batch + round, "img", null, List.of(),
              "nvidia.com/gpu", null, null, List.of("--checks=inventory,remapped"), Duration.ofMinutes(5), null);
          long start = System.nanoTime();
          List<NodeReport> reports = new Coordinator(client, spec, new StepLog("bench", LogFormat.text, false, quiet))
              .run(nodes, batch, true);
          double ms = (System.nanoTime() - start) / 1e6;
          assertThat(reports).hasSize(NODES);
          if (round == 1) {
            System.out.printf("BENCH nodes=%d batch=%s total=%.0f ms per-node=%.2f ms%n", NODES,
                batch == 0 ? "all" : batch, ms, ms / NODES);
          }
        }
      }
    }
  }
}
