package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.gpu.preflight.coordinator.Coordinator;
import io.aiops.catalog.gpu.preflight.coordinator.JobFactory;
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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coordinator overhead per node at 5,000 nodes on the mock API server, checks instant (the stand-in kubelet, a thread
 * on the mock's side, gives each Job a pod terminated with a report and marks the Job succeeded at once): per node,
 * the busy check (its pods listed), the Job created, watched, its report gathered, the node labelled; the Jobs
 * deleted at the end. Beside two baselines with the same client: one plain list of the nodes (what {@code kubectl get
 * nodes -l ...} costs), and the bare creation of the same 5,000 Jobs. Not a test: run on demand with
 * {@code bench/run gpu-preflight-coordinator}, see its README. Target: at most 10 ms per node.
 */
class CoordinatorBench {
  static final int NODES = Integer.getInteger("bench.nodes", 5000);
  static final int[] BATCHES = Arrays.stream(System.getProperty("bench.batch", "20").split(","))
      .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
  static final int WARM_UP = Math.min(NODES, 500);

  @Test
  void overheadPerNode() {
    KubernetesClient client = MockApiServer.client();
    String message = RunCommandTest.healthy("bench");
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      nodes.add(client.nodes().resource(new NodeBuilder().withNewMetadata().withName("bench-" + i)
          .addToLabels("kubernetes.io/hostname", "bench-" + i).addToLabels("bench", "gpu").endMetadata()
          .withNewStatus().addToAllocatable("nvidia.com/gpu", new Quantity("8"))
          .addToCapacity("nvidia.com/gpu", new Quantity("8")).endStatus().build()).create());
    }
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    System.out.printf("BENCH gpu-preflight coordinator: %d nodes, fabric8 mock API server (CRUD), checks instant%n",
        NODES);
    for (int round = 0; round < 2; round++) { // round 0, on fewer nodes, warms the JIT and the connection pool
      List<Node> some = round == 0 ? nodes.subList(0, WARM_UP) : nodes;
      long start = System.nanoTime();
      int listed = client.nodes().withLabel("bench", "gpu").list().getItems().size();
      double listMs = (System.nanoTime() - start) / 1e6;
      assertThat(listed).isEqualTo(NODES);

      String baseNs = "bench-base-" + round;
      JobFactory bare = new JobFactory(spec(baseNs, "base" + round));
      start = System.nanoTime();
      for (Node n : some) {
        client.batch().v1().jobs().inNamespace(baseNs).resource(bare.forNode(n, List.of())).create();
      }
      double createMs = (System.nanoTime() - start) / 1e6;
      client.batch().v1().jobs().inNamespace(baseNs).withLabel(JobFactory.RUN_LABEL, "base" + round).delete();

      String runNs = "bench-jobs-" + round;
      JobFactory plain = new JobFactory(spec(runNs, "jobs" + round));
      double runMs;
      try (FakeKubelet kubelet = new FakeKubelet(client, runNs, n -> new FakeKubelet.Outcome(message, 0), 0)) {
        start = System.nanoTime();
        for (Node n : some) {
          client.batch().v1().jobs().inNamespace(runNs).resource(plain.forNode(n, List.of())).create();
        }
        assertThat(kubelet.finished.tryAcquire(some.size(), 10, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        runMs = (System.nanoTime() - start) / 1e6;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      client.batch().v1().jobs().inNamespace(runNs).withLabel(JobFactory.RUN_LABEL, "jobs" + round).delete();
      client.pods().inNamespace(runNs).delete(); // the mock scans its whole store: each phase starts from the same
      if (round == 1) {
        System.out.printf("BENCH baseline: list the %d nodes once            %8.0f ms total  %6.3f ms per node%n",
            NODES, listMs, listMs / NODES);
        System.out.printf("BENCH baseline: create %d Jobs, nothing else        %8.0f ms total  %6.3f ms per node%n",
            some.size(), createMs, createMs / some.size());
        System.out.printf("BENCH baseline: create %d Jobs, kubelet ends them   %8.0f ms total  %6.3f ms per node%n",
            some.size(), runMs, runMs / some.size());
      }
      for (int batch : BATCHES) {
        String ns = "bench-" + batch + "-" + round;
        try (FakeKubelet kubelet = new FakeKubelet(client, ns, n -> new FakeKubelet.Outcome(message, 0), 0)) {
          start = System.nanoTime();
          List<NodeReport> reports = new Coordinator(client, spec(ns, "b" + batch + "r" + round),
              new StepLog("bench", LogFormat.text, false, quiet)).run(some, batch, true, 8);
          double ms = (System.nanoTime() - start) / 1e6;
          assertThat(reports).hasSize(some.size()).allMatch(r -> r.verdict().ok() && !r.busy());
          client.pods().inNamespace(ns).delete();
          if (round == 1) {
            System.out.printf("BENCH coordinator, batch %-4s                     %8.0f ms total  %6.3f ms per node%n"
                + "BENCH   overhead per node: %.3f ms over creating the Jobs, %.3f ms over Jobs the kubelet ends "
                + "(target <= 10 ms)%n", batch == 0 ? "all" : batch, ms, ms / NODES, (ms - createMs) / NODES,
                (ms - runMs) / NODES);
          }
        }
      }
    }
  }

  static JobFactory.Spec spec(String ns, String runId) {
    return new JobFactory.Spec(ns, runId, "img", null, List.of(), "nvidia.com/gpu", null, null,
        List.of("--checks=inventory,remapped"), Duration.ofMinutes(5), null);
  }
}
