package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.step.testing.ProcessStats;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, run on demand (bench/run first-call): the packaged step's whole run up to and through its first
 * Kubernetes calls (a check of one namespace holding one GPU deadlock) against the fabric8 mock API server, as a
 * fresh JVM each time: wall and CPU. {@code -Dbench.baselineJar=PATH} runs another build of the step (main's, on
 * the Vert.x client) the same way, alternating with ours, so both are measured under the same load.
 */
@EnableKubernetesMockClient(crud = true)
class FirstCallBench {
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;

  @Test
  void firstCallOfAFreshStep() throws Exception {
    KServeRollout.stuck("bench", "llm").createIn(client);
    List<String> jars = new ArrayList<>(List.of("target/quarkus-app/quarkus-run.jar"));
    String baseline = System.getProperty("bench.baselineJar");
    if (baseline != null && !baseline.isBlank()) {
      jars.add(baseline);
    }
    int runs = Integer.getInteger("bench.runs", 10);
    double[][] wall = new double[jars.size()][runs];
    double[][] cpu = new double[jars.size()][runs];
    for (int i = -1; i < runs; i++) { // run -1 warms the page cache
      for (int j = 0; j < jars.size(); j++) {
        double[] r = run(jars.get(j));
        if (i >= 0) {
          wall[j][i] = r[0];
          cpu[j][i] = r[1];
        }
      }
    }
    for (int j = 0; j < jars.size(); j++) {
      System.out.printf("BENCH %-48s first call, whole process: median %5.0f ms wall, %5.0f ms CPU (%d runs)%n",
          j == 0 ? "ours (JDK HTTP client, lazy)" : "baseline " + jars.get(j), median(wall[j]), median(cpu[j]),
          runs);
    }
  }

  private double[] run(String jar) throws Exception {
    Path out = dir.resolve("out");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-Dkubernetes.master=" + client.getConfiguration().getMasterUrl(),
        "-Dkubernetes.trust.certificates=true", "-Dkubernetes.auth.tryKubeConfig=false",
        "-Dkubernetes.auth.tryServiceAccount=false", "-jar", jar, "--namespace", "bench");
    long start = System.nanoTime();
    ProcessStats.Sample sample = ProcessStats.watch(new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start(), start, 5);
    assertThat(sample.exit()).as(Files.readString(out)).isEqualTo(3);
    assertThat(Files.readString(out)).contains("DEADLOCK: llm");
    return new double[] {sample.wallMs(), sample.cpuMs()};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

}
