package io.aiops.catalog.gpu.deadlock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.aiops.catalog.step.testing.ProcessStats;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, run on demand (bench/run deadlock-scan; not a test: surefire runs *Test only). Loads 100,000 predictor
 * pods in 2,000 namespaces ({@code -Dbench.pods}, {@code -Dbench.namespaces}) straight into a
 * {@link PagingCrudDispatcher} (indexed, paging as a real API server does), with a few real deadlocks and other
 * Pending pods among them, then times the {@code --all-namespaces} scan: in this JVM (warm, after a warm-up), as the
 * packaged step in a new JVM with the images' flags and {@code -Xmx256m} ({@code -Dbench.heap}), and, where kubectl
 * is installed, {@code kubectl get pods -A --chunk-size=500 -o json} against the same server. Every scan's findings
 * are checked, so a scan that misses a deadlock (or a heap that does not hold) fails the bench. Figures: BENCH lines.
 */
class ScanBench {
  static final int PODS = Integer.getInteger("bench.pods", 100_000);
  static final int NAMESPACES = Integer.getInteger("bench.namespaces", 2_000);
  static final int ISVCS_PER_NAMESPACE = 5;
  static final int DEADLOCKS = 5;
  static final int RUNS = Integer.getInteger("bench.runs", 3);
  static final String HEAP = System.getProperty("bench.heap", "256m");
  /** Extra JVM options for the packaged step, space-separated (a profiler, say). */
  static final boolean KUBECTL = Boolean.parseBoolean(System.getProperty("bench.kubectl", "true"));
  /** With an AppCDS archive, as a derived image may add (/opt/step/app.jsa): the warm-up run writes it. */
  static final boolean APPCDS = Boolean.getBoolean("bench.appcds");
  /** Pods with a real predictor pod's bulk (managedFields, env, volumes, probes: PodBulk), not the lean ones. */
  static final boolean REAL_PODS = Boolean.getBoolean("bench.realPods");
  /**
   * The stuck pods wait since 10 min, the one under --min-pending since 30 s when loaded: 5 min keeps them apart
   * for the whole run (the step's default, 2 min, would turn the short wait into a deadlock in a long run).
   */
  static final Duration MIN_PENDING = Duration.ofMinutes(5);
  static final String JAR = "target/quarkus-app/quarkus-run.jar";
  static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  // a new server for each benchmark: JUnit makes a new instance of the class for each.
  // -Dbench.https=true: TLS, as every real API server (the step then reads its pages gzip-compressed)
  final PagedApiServer paged = new PagedApiServer(Boolean.getBoolean("bench.https"));
  final PagingCrudDispatcher api = paged.api;
  final KubernetesMockServer server = paged.server;
  final KubernetesClient client = paged.client;
  @TempDir Path dir;
  final Set<String> deadlocks = new TreeSet<>();
  int otherPending;

  @AfterEach
  void stop() {
    paged.close();
  }

  @Test
  void allNamespacesScan() throws Exception {
    load();
    Scope all = new Scope(List.of(), true, null);
    scanInProcess(all, "warm-up");
    double[] warm = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      warm[i] = scanInProcess(all, "all-namespaces #" + (i + 1));
    }
    Scope each = new Scope(IntStream.range(0, NAMESPACES).mapToObj(ScanBench::namespace).toList(), false, null);
    scanInProcess(each, "--namespace x" + NAMESPACES);

    assertThat(Path.of(JAR)).as("package the step first (bench/run deadlock-scan does)").exists();
    double[][] step = new double[RUNS][];
    packagedStep(true);   // warms the page cache (and writes the AppCDS archive with -Dbench.appcds=true)
    for (int i = 0; i < RUNS; i++) {
      step[i] = packagedStep(false);
    }
    System.out.printf("BENCH %,d pods / %,d namespaces, in-process warm --all-namespaces: median %.0f ms %s%n",
        PODS, NAMESPACES, median(warm), Arrays.toString(warm));
    System.out.printf("BENCH packaged step, new JVM (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx%s%s): median %.0f ms"
        + " wall, %.0f ms CPU, peak RSS %.0f MB, heap peak %.0f MB before a GC / %.0f MB after (%d runs)%n", HEAP,
        APPCDS ? ", AppCDS" : "",
        median(column(step, 0)), median(column(step, 1)), max(column(step, 2)), max(column(step, 3)),
        max(column(step, 4)), RUNS);
    if (!KUBECTL) {
      return;
    }
    if (!onPath("kubectl")) {
      System.out.println("BENCH baseline: kubectl not installed (apt-get install -y kubernetes-client)");
      return;
    }
    double[][] kubectl = new double[RUNS][];
    kubectl();   // fills kubectl's discovery cache, as a user's second call finds it
    for (int i = 0; i < RUNS; i++) {
      kubectl[i] = kubectl();
    }
    System.out.printf("BENCH baseline kubectl get pods -A --chunk-size=500 -o json: median %.0f ms wall, %.0f ms CPU,"
        + " peak RSS %.0f MB (%d runs)%n", median(column(kubectl, 0)), median(column(kubectl, 1)),
        max(column(kubectl, 2)), RUNS);
  }

  /**
   * Five predictors a namespace, each of PODS / NAMESPACES / 5 pods (old ReplicaSet's Ready pods, plus the new pod
   * where rolling). Deadlocked: llm-0 in every (NAMESPACES / 5)th namespace. Pending but not deadlocks: an image
   * pull (llm-1, every 37th), a CPU shortage (llm-2, every 41st), a GPU wait under --min-pending (llm-3, every 43rd).
   */
  private void load() {
    int podsPerIsvc = PODS / NAMESPACES / ISVCS_PER_NAMESPACE;
    long start = System.nanoTime();
    for (int n = 0; n < NAMESPACES; n++) {
      String ns = namespace(n);
      for (int i = 0; i < ISVCS_PER_NAMESPACE; i++) {
        String isvc = "llm-" + i;
        KServeRollout r;
        if (i == 0 && n % (NAMESPACES / DEADLOCKS) == 0) {
          r = KServeRollout.stuck(ns, isvc);
          deadlocks.add(ns + "/" + isvc);
        } else if (i == 1 && n % 37 == 5) {
          r = KServeRollout.stuck(ns, isvc).newPod(PodStates.pullingImage());
        } else if (i == 2 && n % 41 == 7) {
          r = KServeRollout.stuck(ns, isvc).newPod(PodStates.cpuUnschedulable(600));
        } else if (i == 3 && n % 43 == 9) {
          r = KServeRollout.stuck(ns, isvc).newPod(PodStates.gpuUnschedulable(30));
        } else {
          api.load(bulk(KServeRollout.settled(ns, isvc).extraReadyPods(podsPerIsvc - 1).objects()));
          continue;
        }
        if (!deadlocks.contains(ns + "/" + isvc)) {
          otherPending++;
        }
        api.load(bulk(r.extraReadyPods(podsPerIsvc - 2).objects()));
      }
    }
    var first = client.pods().inAnyNamespace().list(500, null);
    long pods = first.getItems().size() + (first.getMetadata().getRemainingItemCount() == null ? 0
        : first.getMetadata().getRemainingItemCount());
    long podJson = bulk(KServeRollout.settled("sample-ns", "llm-0").objects()).stream()
        .filter(o -> o instanceof io.fabric8.kubernetes.api.model.Pod)
        .mapToLong(o -> io.fabric8.kubernetes.client.utils.Serialization.asJson(o).length()).findFirst().orElse(0);
    System.out.printf("BENCH setup: %,d pods in %,d namespaces (%d deadlocked, %d other Pending; a Ready pod is %,d "
        + "bytes of JSON%s) loaded in %.1f s%n", pods, NAMESPACES, deadlocks.size(), otherPending, podJson,
        REAL_PODS ? ", with a real pod's bulk" : "", (System.nanoTime() - start) / 1e9);
  }

  private static List<io.fabric8.kubernetes.api.model.HasMetadata> bulk(
      List<io.fabric8.kubernetes.api.model.HasMetadata> objects) {
    return REAL_PODS ? PodBulk.dress(objects) : objects;
  }

  private double scanInProcess(Scope scope, String label) {
    int requests = server.getRequestCount();
    int pages = api.pages.get();
    long start = System.nanoTime();
    Findings findings = new DeadlockDetector(MIN_PENDING, Clock.systemUTC())
        .detect(new PredictorLister(client).read(scope));
    double ms = (System.nanoTime() - start) / 1e6;
    System.out.printf("BENCH in-process %-22s %6.0f ms %5d API calls (%d list pages) %d deadlocks %d other pending%n",
        label, ms, server.getRequestCount() - requests, api.pages.get() - pages, findings.deadlocks().size(),
        findings.notDeadlocks().size());
    assertThat(findings.deadlocks()).extracting(Findings.Deadlock::key).containsExactlyElementsOf(deadlocks);
    assertThat(findings.notDeadlocks()).hasSize(otherPending);
    return ms;
  }

  /** The step as its image runs it; answers wall ms, CPU ms, peak RSS MB, heap MB before and after the fullest GC. */
  private double[] packagedStep(boolean first) throws Exception {
    Path out = dir.resolve("step.out");
    Path gc = dir.resolve("gc.log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx" + HEAP, "-Xlog:gc:file=" + gc));
    cmd.addAll(ProcessStats.stepJvmArgs());
    if (APPCDS) {
      Path jsa = dir.resolve("app.jsa");
      cmd.addAll(first ? List.of("-XX:ArchiveClassesAtExit=" + jsa)
          : List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + jsa));
    }
    cmd.addAll(List.of("-Dkubernetes.master=" + client.getConfiguration().getMasterUrl(),
        "-Dkubernetes.trust.certificates=true", "-Dkubernetes.auth.tryKubeConfig=false",
        "-Dkubernetes.auth.tryServiceAccount=false", "-jar", JAR, "--all-namespaces", "--output", "json",
        "--min-pending=" + MIN_PENDING.toMinutes() + "m"));
    double[] run = measure(new ProcessBuilder(cmd).redirectError(dir.resolve("step.err").toFile())
        .redirectOutput(out.toFile()));
    assertThat(run[3]).as(Files.readString(dir.resolve("step.err"))).isEqualTo(3);
    String stdout = Files.readString(out);   // a profiler given in bench.stepJvmArgs may print a line first
    JsonNode doc = new ObjectMapper().readTree(stdout.substring(Math.max(0, stdout.indexOf("\n{") + 1)));
    Set<String> found = new TreeSet<>();
    doc.path("deadlocks").forEach(d -> found.add(d.path("namespace").asText() + "/" + d.path("inferenceService").asText()));
    assertThat(found).isEqualTo(deadlocks);
    assertThat(doc.path("pendingNotDeadlock").size()).isEqualTo(otherPending);
    double before = 0;
    double after = 0;
    for (String line : Files.readAllLines(gc)) {
      Matcher m = GC.matcher(line);
      if (m.find()) {
        before = Math.max(before, Double.parseDouble(m.group(1)));
        after = Math.max(after, Double.parseDouble(m.group(2)));
      }
    }
    return new double[] {run[0], run[1], run[2], before, after};
  }

  /** kubectl as a user runs it, its discovery cached under a HOME of its own; answers wall ms, CPU ms, peak RSS MB. */
  private double[] kubectl() throws Exception {
    Path out = dir.resolve("kubectl.json");
    ProcessBuilder pb = new ProcessBuilder("kubectl", "--server=" + client.getConfiguration().getMasterUrl(),
        "get", "pods", "-A", "--chunk-size=500", "-o", "json")
        .redirectOutput(out.toFile()).redirectError(dir.resolve("kubectl.err").toFile());
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("KUBECONFIG", dir.resolve("no-kubeconfig").toString());
    double[] run = measure(pb);
    assertThat(run[3]).as(Files.readString(dir.resolve("kubectl.err"))).isZero();
    long items = 0;
    try (BufferedReader r = Files.newBufferedReader(out)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.equals("            \"kind\": \"Pod\",")) {
          items++;
        }
      }
    }
    assertThat(items).as("pods kubectl printed").isEqualTo(PODS);
    return new double[] {run[0], run[1], run[2]};
  }

  /** Wall ms, CPU ms (utime + stime), peak RSS MB (VmHWM) and exit code of one process. */
  private static double[] measure(ProcessBuilder pb) throws Exception {
    long start = System.nanoTime();
    ProcessStats.Sample run = ProcessStats.watch(pb.start(), start, 5);
    return new double[] {run.wallMs(), run.cpuMs(), run.peakRssMb(), run.exit()};
  }

  private static boolean onPath(String command) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
  }

  private static String namespace(int n) {
    return "bench-" + n;
  }

  private static double[] column(double[][] rows, int i) {
    return Arrays.stream(rows).mapToDouble(r -> r[i]).toArray();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(0);
  }
}
