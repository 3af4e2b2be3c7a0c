package io.aiops.catalog.runner.status;

import io.aiops.catalog.runner.status.TektonRuns.Run;
import io.aiops.catalog.step.json.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.aiops.catalog.step.kube.testing.ApiServerCompression;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, run on demand by {@code bench/run catalog-status} (not a test: surefire runs *Test only). Loads 50
 * models x 100 PipelineRuns of model-retraining (each with the resolved Pipeline spec Tekton copies into
 * status.pipelineSpec, about 5 KB an object), the TaskRuns of the two latest runs per model and 50 CronJobs into the
 * fabric8 mock API server (CRUD mode), then times:
 * <ul>
 *   <li>baseline: the same PipelineRuns as one raw GET, and as one fabric8 list (what {@code kubectl get
 *   pipelineruns -o json} fetches and decodes); and {@code kubectl get --raw} of them as a process, when kubectl is
 *   installed;</li>
 *   <li>ours in this JVM (warm): read (paginated lists) + aggregate + render the table;</li>
 *   <li>ours as a user runs it: {@code java -jar quarkus-run.jar status} as a new process (JVM start included), plain
 *   and with the JVM flags of the step images' entrypoint ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}).</li>
 * </ul>
 * {@code -Dbench.models=50 -Dbench.runs=100 -Dbench.rounds=3} change the size. The mock server ignores
 * {@code limit}/{@code continue} (its CRUD dispatcher has no paging), so each list is one page there.
 */
class StatusBench {
  static final int MODELS = Integer.getInteger("bench.models", 50);
  static final int RUNS = Integer.getInteger("bench.runs", 100);
  static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  static final String NS = "bench";

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void fiftyModelsTimesAHundredRuns() throws Exception {
    // a CRUD mock server that compresses big answers when asked, as kube-apiserver does (and kubectl asks)
    ApiServerCompression compression = new ApiServerCompression(new KubernetesCrudDispatcher(List.of()));
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), compression, true);
    server.init();
    client = server.createClient();
    try {
      measure(compression);
    } finally {
      client.close();
      server.destroy();
    }
  }

  private void measure(ApiServerCompression compression) throws Exception {
    long setup = System.nanoTime();
    load();
    int objects = client.genericKubernetesResources(ClusterReader.PIPELINE_RUNS).inNamespace(NS).list().getItems()
        .size();
    long bytes = client.raw(client.getConfiguration().getMasterUrl() + "apis/tekton.dev/v1/namespaces/" + NS
        + "/pipelineruns").length();
    System.out.printf("setup: %d PipelineRuns (%,d bytes as JSON), %d models, in %d s%n", objects, bytes, MODELS,
        (System.nanoTime() - setup) / 1_000_000_000);
    long hold = Long.getLong("bench.hold", 0);
    if (hold > 0) { // keep the loaded server up, to time the command by hand against it
      System.out.println("holding for " + hold + " s; kubeconfig: " + kubeconfig());
      Thread.sleep(hold * 1000);
      return;
    }

    for (int round = 0; round <= ROUNDS; round++) {
      String label = round == 0 ? "warm-up" : "#" + round;
      long t0 = System.nanoTime();
      String raw = client.raw(client.getConfiguration().getMasterUrl() + "apis/tekton.dev/v1/namespaces/" + NS
          + "/pipelineruns");
      long t1 = System.nanoTime();
      int listed = client.genericKubernetesResources(ClusterReader.PIPELINE_RUNS).inNamespace(NS).list().getItems()
          .size();
      long t2 = System.nanoTime();
      int before = server.getRequestCount();
      ClusterReader reader = new ClusterReader(client, NS);
      Instant now = Instant.now();
      List<RunView> runs = reader.pipelineRuns();
      var cronJobs = reader.cronJobs("app.kubernetes.io/part-of=model-training").stream()
          .map(c -> CronJobView.of(c, now)).toList();
      StatusReport report = StatusReport.build("namespace " + NS, runs, reader::taskRuns, cronJobs,
          Set.of("model-retraining", "pr-model-gate", "train-and-gate"), null, Duration.ofDays(30), now);
      String table = StatusFormats.table(report);
      long t3 = System.nanoTime();
      System.out.printf("round %-8s baseline raw GET %5d ms (%d bytes), baseline fabric8 list %5d ms (%d runs); "
              + "ours in-process %5d ms (%d API calls, %d models, %d lines)%n", label, ms(t1 - t0), raw.length(),
          ms(t2 - t1), listed, ms(t3 - t2), server.getRequestCount() - before, report.models().size(),
          table.lines().count());
    }

    Path kubeconfig = kubeconfig();
    Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    boolean kubectl = onPath("kubectl");
    // the launcher's first run writes its class-data archive; the timed ones read it
    List<String> launcher = List.of(Path.of("catalog").toAbsolutePath().toString(), "status", "--kubeconfig",
        kubeconfig.toString(), "-n", NS);
    run(launcher);
    for (int round = 1; round <= ROUNDS; round++) {
      String kubectlTime = "n/a (no kubectl)";
      if (kubectl) {
        long k = System.nanoTime();
        int rc = run(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "get", "--raw",
            "/apis/tekton.dev/v1/namespaces/" + NS + "/pipelineruns"));
        kubectlTime = ms(System.nanoTime() - k) + " ms" + (rc == 0 ? "" : " (rc " + rc + ")");
      }
      long p = System.nanoTime();
      int rc = run(List.of(java, "-jar", jar.toString(), "status", "--kubeconfig", kubeconfig.toString(), "-n", NS));
      long c1 = System.nanoTime();
      int rcC1 = run(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "status",
          "--kubeconfig", kubeconfig.toString(), "-n", NS));
      long l = System.nanoTime();
      int rcL = run(launcher);
      System.out.printf("round #%d   baseline kubectl get --raw (process) %s; ours: catalog status (process, JVM "
          + "start included) %d ms%s, with the steps' JVM flags (C1, Serial GC) %d ms%s, with the catalog launcher "
          + "(C1, Serial GC, class-data archive) %d ms%s%n", round, kubectlTime, ms(c1 - p), rc == 0 ? "" : " (rc "
          + rc + ")", ms(l - c1), rcC1 == 0 ? "" : " (rc " + rcC1 + ")", ms(System.nanoTime() - l), rcL == 0 ? ""
          : " (rc " + rcL + ")");
    }
  }

  private void load() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) Json.yaml().readValue(
        Path.of("../../tekton/pipelines/model-retraining/model-retraining.yaml").toFile(), Map.class).get("spec");
    Instant now = Instant.now();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> created = new ArrayList<>();
    for (int m = 0; m < MODELS; m++) {
      String model = "model-" + m;
      for (int r = 0; r < RUNS; r++) {
        // one run a day per model, newest first; every 10th failed, every 25th timed out, the newest running
        Instant start = now.minus(Duration.ofDays(r)).minus(Duration.ofMinutes(m));
        Run run = new Run(NS, model + "-retraining-" + r, "model-retraining", model)
            .started(start, Duration.ofMinutes(10 + r % 7)).param("data-source", "prometheus")
            .param("training-hours", "168").param("notebook-path", "notebooks/" + model + ".ipynb")
            .param("git-url", "https://github.com/aiops-catalog/aiops-catalog.git").param("isvc", model)
            .pipelineSpec(spec);
        run.task("clone", "git-clone").done().task("train", "notebook-train").result("model-sha256",
            sha(m, r)).result("data-source", "prometheus").done().task("validate", "model-validate").done();
        if (r == 0) {
          run.running();
        } else if (r % 25 == 0) {
          run.ended("PipelineRunTimeout", "PipelineRun failed to finish within \"1h0m0s\"");
        } else if (r % 10 == 0) {
          run.ended("Failed", "Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1");
        } else {
          run.result("model-sha256", sha(m, r)).result("data-source", "prometheus");
        }
        boolean withTaskRuns = r < 2;
        created.add(pool.submit(() -> {
          GenericKubernetesResource object = run.pipelineRun();
          client.genericKubernetesResources(ClusterReader.PIPELINE_RUNS).inNamespace(NS).resource(object).create();
          if (withTaskRuns) {
            for (TektonRuns.Task t : run.tasks.values()) {
              client.genericKubernetesResources(ClusterReader.TASK_RUNS).inNamespace(NS).resource(t.taskRun())
                  .create();
            }
          }
        }));
      }
      client.batch().v1().cronjobs().inNamespace(NS).resource(TektonRuns.cronJob(NS, model, (m % 60) + " 2 * * 0",
          "Etc/UTC", m % 10 == 9, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(3)))).create();
    }
    for (Future<?> f : created) {
      f.get();
    }
    pool.shutdown();
  }

  private Path kubeconfig() throws Exception {
    Path file = Files.createTempFile("status-bench-", ".kubeconfig");
    file.toFile().deleteOnExit();
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
            insecure-skip-tls-verify: true
        users:
        - name: bench
          user:
            token: bench-token
        contexts:
        - name: mock
          context: {cluster: mock, user: bench, namespace: %s}
        current-context: mock
        """.formatted(client.getConfiguration().getMasterUrl(), NS));
    return file;
  }

  private static int run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return process.waitFor();
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static String sha(int model, int run) {
    return String.format("%064x", (long) model * 1000 + run);
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
