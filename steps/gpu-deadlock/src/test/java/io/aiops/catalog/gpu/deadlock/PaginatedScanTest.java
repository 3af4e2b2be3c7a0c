package io.aiops.catalog.gpu.deadlock;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.aiops.catalog.step.kube.testing.ApiServerCompression;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster bigger than one page: the API server answers 500 pods a page with a continue token (as a real one does
 * for the limit kubectl and we send), and the scan still finds the deadlock on the last page, having asked for every
 * page once, each with the limit; and when etcd has compacted away the revision of a page's token, from the token
 * of the 410 Gone.
 */
class PaginatedScanTest {
  // a new server for each test: JUnit makes a new instance of the class for each
  final PagedApiServer paged = new PagedApiServer(false);
  final PagingCrudDispatcher api = paged.api;
  final ApiServerCompression compression = paged.compression;
  final KubernetesClient client = paged.client;

  @AfterEach
  void stop() {
    paged.close();
  }

  @Test
  void aDeadlockOnTheLastPageIsFoundAfterFollowingEveryContinueToken() throws Exception {
    // 1,204 predictor pods in two namespaces, the stuck rollout created last
    KServeRollout.settled("team-a", "llm-a").extraReadyPods(599).createIn(client);
    KServeRollout.settled("team-b", "llm-b").extraReadyPods(599).createIn(client);
    KServeRollout.stuck("team-b", "llm-stuck").extraReadyPods(1).createIn(client);
    int pagesBefore = api.pages.get();

    Findings findings = new DeadlockDetector(Duration.ofMinutes(2), Clock.systemUTC())
        .detect(new PredictorLister(client).read(new Scope(List.of(), true, null)));

    assertThat(findings.deadlocks()).extracting(Findings.Deadlock::inferenceService).containsExactly("llm-stuck");
    assertThat(api.pages.get() - pagesBefore).as("pods in pages of 500 (3), then ReplicaSets and Deployments")
        .isEqualTo(5);
    assertThat(compression.compressed()).as("the pod pages over 128 KiB, asked for gzip").isPositive();
  }

  @Test
  void aListThatOutlivesItsRevisionGoesOnWithTheTokenThe410Gives() {
    // etcd compacts while the scan holds the first page: the second page's token is too old by then
    api.load(KServeRollout.settled("team-a", "llm-a").extraReadyPods(599).objects());
    api.load(KServeRollout.stuck("team-b", "llm-stuck").extraReadyPods(1).objects());
    int pagesBefore = api.pages.get();
    api.compactAfterPages(pagesBefore + 1);

    Findings findings = new DeadlockDetector(Duration.ofMinutes(2), Clock.systemUTC())
        .detect(new PredictorLister(client).read(new Scope(List.of(), true, null)));

    assertThat(api.expired.get()).as("the second page's token, answered 410 Gone once").isEqualTo(1);
    assertThat(findings.deadlocks()).extracting(Findings.Deadlock::key).containsExactly("team-b/llm-stuck");
    assertThat(api.pages.get() - pagesBefore).as("603 pods in 2 pages, the second from the 410's token rather than "
        + "a list started over (3), then ReplicaSets and Deployments").isEqualTo(4);
  }

  @Test
  void aClusterLoadedDirectlyIsListedInPagesAsOneCreatedThroughTheApi() {
    // the benchmark's way in: the same objects, put in the store without 1,200 HTTP creates
    api.load(KServeRollout.settled("team-a", "llm-a").extraReadyPods(599).objects());
    KServeRollout stuck = KServeRollout.stuck("team-b", "llm-stuck").extraReadyPods(1);
    api.load(stuck.objects());

    PodList first = client.pods().inNamespace("team-a").list(500, null);
    assertThat(first.getItems()).hasSize(500);
    assertThat(first.getMetadata().getRemainingItemCount()).as("no selector: the API server counts the rest")
        .isEqualTo(100);
    PodList last = client.pods().inNamespace("team-a").list(500, first.getMetadata().getContinue());
    assertThat(last.getItems()).hasSize(100);
    assertThat(last.getMetadata().getContinue()).isNull();
    assertThat(last.getItems().get(0).getMetadata().getName())
        .as("key order, as etcd: each page starts after the last key of the one before")
        .isGreaterThan(first.getItems().get(499).getMetadata().getName());
    int pagesBefore = api.pages.get();

    Findings findings = new DeadlockDetector(Duration.ofMinutes(2), Clock.systemUTC())
        .detect(new PredictorLister(client).read(new Scope(List.of(), true, null)));

    assertThat(findings.deadlocks()).extracting(Findings.Deadlock::key).containsExactly("team-b/llm-stuck");
    assertThat(findings.deadlocks().get(0).running()).isEqualTo("llm-stuck-predictor-765c89b8b9-8lstm");
    assertThat(api.pages.get() - pagesBefore).as("603 pods in 2 pages, then ReplicaSets and Deployments")
        .isEqualTo(4);

    // and a write through the API reaches the paged lists: the waiting pod goes, so does the deadlock
    client.pods().inNamespace("team-b").withName(stuck.newPod).delete();
    assertThat(new DeadlockDetector(Duration.ofMinutes(2), Clock.systemUTC())
        .detect(new PredictorLister(client).read(new Scope(List.of(), true, null))).deadlocks()).isEmpty();
  }
}
