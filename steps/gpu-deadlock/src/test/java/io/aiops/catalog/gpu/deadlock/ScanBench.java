package io.aiops.catalog.gpu.deadlock;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, run on demand (not a test: surefire runs *Test only):
 * {@code ./mvnw -B -o -q -f steps/gpu-deadlock/pom.xml test -Dtest=ScanBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Scans 10,000 predictor pods across 500 namespaces (and the same pods across 50) on the mock API server and prints
 * the API calls and wall time of an --all-namespaces scan: the calls must not grow with the namespaces.
 * {@code -Dbench.pods=100000 -Dbench.namespaces=2000} runs one size instead (the issue's cluster scale). The mock
 * server ignores {@code limit}/{@code continue} (its CRUD dispatcher has no paging), so each list is one page there.
 */
@EnableKubernetesMockClient(crud = true)
class ScanBench {
  static final int PODS = Integer.getInteger("bench.pods", 10_000);
  static final Integer NAMESPACES = Integer.getInteger("bench.namespaces");
  static final int DEADLOCKS_PER_SCAN = 5;

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void fiveHundredNamespaces() throws Exception {
    run(NAMESPACES != null ? NAMESPACES : 500);
  }

  @Test
  void fiftyNamespaces() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(NAMESPACES == null, "one size: -Dbench.namespaces");
    run(50);
  }

  private void run(int namespaces) throws Exception {
    int isvcsPerNamespace = 4;
    int podsPerIsvc = PODS / namespaces / isvcsPerNamespace;
    long setup = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> created = new ArrayList<>();
    for (int n = 0; n < namespaces; n++) {
      String ns = "bench-" + n;
      boolean stuck = n % (namespaces / DEADLOCKS_PER_SCAN) == 0;
      for (int i = 0; i < isvcsPerNamespace; i++) {
        String isvc = "llm-" + i;
        KServeRollout r = stuck && i == 0 ? KServeRollout.stuck(ns, isvc).extraReadyPods(podsPerIsvc - 2)
            : KServeRollout.settled(ns, isvc).extraReadyPods(podsPerIsvc - 1);
        created.add(pool.submit(() -> r.createIn(client)));
      }
    }
    for (Future<?> f : created) {
      f.get();
    }
    pool.shutdown();
    System.out.printf("setup: %d namespaces, %d pods in %ds%n", namespaces,
        client.pods().inAnyNamespace().list().getItems().size(), (System.nanoTime() - setup) / 1_000_000_000);

    Scope all = new Scope(List.of(), true, null);
    scan(all, "warm-up");
    for (int round = 1; round <= 3; round++) {
      scan(all, "all-namespaces #" + round);
    }
    Scope each = new Scope(IntStream.range(0, namespaces).mapToObj(n -> "bench-" + n).toList(), false, null);
    scan(each, "--namespace x" + namespaces);
  }

  private void scan(Scope scope, String label) {
    int before = server.getRequestCount();
    long start = System.nanoTime();
    Findings findings = new DeadlockDetector(Duration.ofMinutes(2), Clock.systemUTC())
        .detect(new PredictorLister(client).read(scope));
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("%-22s %6d ms %5d API calls %3d deadlocks %3d other pending%n", label, ms,
        server.getRequestCount() - before, findings.deadlocks().size(), findings.notDeadlocks().size());
  }
}
