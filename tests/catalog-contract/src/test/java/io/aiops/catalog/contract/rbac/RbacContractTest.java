package io.aiops.catalog.contract.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shipped RBAC against the API requests the steps' stories recorded. Runs after the steps in the reactor; alone:
 * {@code ./mvnw -B verify -pl steps/gpu-deadlock,steps/gpu-preflight,steps/model-validate,steps/accuracy-gate,
 * steps/metrics-backup,steps/metrics-restore,tests/catalog-contract -am}.
 */
class RbacContractTest {
  static final Path ROOT = Path.of(System.getProperty("catalog.root", "../..")).toAbsolutePath().normalize();

  @Test
  void everyShippedRunIsGrantedExactlyTheRequestsItsStoriesMake() {
    Recordings recordings = Recordings.of(ROOT);
    List<ShippedYaml.Document> docs = ShippedYaml.under(ROOT.resolve("tekton"));
    coverage(recordings);

    assertThat(ShippedRuns.of(docs)).as("the runs we ship").isNotEmpty();
    assertThat(RbacCheck.problems(docs, recordings)).isEmpty();
  }

  /** Printed for the reader: what was recorded, per step and mode. */
  private static void coverage(Recordings recordings) {
    recordings.byStep.forEach((step, modes) -> modes.forEach((mode, accesses) -> {
      Map<String, TreeSet<String>> verbs = new TreeMap<>();
      accesses.forEach(a -> verbs.computeIfAbsent((a.group().isEmpty() ? "" : a.group() + "/") + a.resource()
          + (a.clusterWide() ? " (cluster-wide)" : ""), k -> new TreeSet<>()).add(a.verb()));
      System.out.println("api requests " + step + " [" + mode + "]: " + verbs);
    }));
  }
}
