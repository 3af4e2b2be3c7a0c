package io.aiops.catalog.runner.status;

import io.aiops.catalog.runner.status.ClusterStory.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.TaskRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, run on demand (not a test: surefire runs *Test only): {@code bench/catalog-status/run}. Puts 50 models x
 * 100 retraining runs (each with its gate TaskRun) and 50 CronJobs on the mock API server, then times `catalog
 * status` (read, aggregate, render table, JSON and HTML; JVM start excluded) against the seed's way of asking the
 * API once per model (check-training-status.sh: `oc get pipelineruns -l model=M` in a loop).
 */
@EnableKubernetesMockClient(crud = true)
class StatusBench {
  static final int MODELS = 50;
  static final int RUNS_PER_MODEL = 100;
  static final String NS = "bench";

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void fiftyModelsTimesAHundredRuns() throws Exception {
    Instant now = Instant.now();
    long setup = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> created = new ArrayList<>();
    for (int m = 0; m < MODELS; m++) {
      String model = "model-" + m;
      for (int i = 0; i < RUNS_PER_MODEL; i++) {
        int n = i;
        Run run = new Run(NS, model + "-retraining-" + i, model, "model-retraining")
            .started(now.minus(Duration.ofHours(7L * 24 * (RUNS_PER_MODEL - n) / 20)), Duration.ofMinutes(30 + n % 17))
            .param("training-hours", "168").param("data-source", "prometheus").result("model-sha256", "%064x"
                .formatted(n)).gate("verdict", n % 5 == 0 ? "FAIL" : "PASS").gate("recall", "0.8" + n % 10);
        if (n % 5 == 0) {
          run.ended("False", "Failed");
        }
        created.add(pool.submit(() -> run.createIn(client)));
      }
      created.add(pool.submit(() -> ClusterStory.create(client, ClusterStory.cronJob(NS, model + "-retraining", model,
          "0 2 * * 0", "Etc/UTC", false, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(3))))));
    }
    for (Future<?> f : created) {
      f.get();
    }
    pool.shutdown();
    System.out.printf("setup: %d models x %d runs (+ gate TaskRuns, %d CronJobs) in %ds%n", MODELS, RUNS_PER_MODEL,
        MODELS, Duration.ofNanos(System.nanoTime() - setup).toSeconds());

    for (int round = 0; round < 3; round++) {
      int before = server.getRequestCount();
      long t0 = System.nanoTime();
      ClusterReader reader = new ClusterReader(client, NS);
      StatusReport report = StatusReport.build(reader.pipelineRuns(List.of("model-retraining", "train-and-gate",
          "pr-model-gate")), reader.gateTaskRuns(), reader.cronJobs(), Instant.now(), Duration.ofDays(30));
      int bytes = StatusFormats.table(report).length() + StatusFormats.json(report).length()
          + StatusFormats.html(report).length();
      long ours = System.nanoTime() - t0;
      int ourCalls = server.getRequestCount() - before;

      before = server.getRequestCount();
      long t1 = System.nanoTime();
      int seen = 0;
      for (int m = 0; m < MODELS; m++) {
        seen += client.resources(PipelineRun.class).inNamespace(NS).withLabel(RunView.MODEL_LABEL, "model-" + m)
            .list().getItems().size();
        seen += client.resources(TaskRun.class).inNamespace(NS).withLabel(RunView.MODEL_LABEL, "model-" + m)
            .list().getItems().size();
      }
      long seed = System.nanoTime() - t1;
      int seedCalls = server.getRequestCount() - before;
      System.out.printf("round %d: catalog status %d models, %d KB out: %d ms, %d API calls | baseline, one list per "
          + "model (seed's loop, no aggregation, %d objects): %d ms, %d API calls%n", round + 1, report.models().size(),
          bytes / 1024, ours / 1_000_000, ourCalls, seen, seed / 1_000_000, seedCalls);
    }
  }
}
