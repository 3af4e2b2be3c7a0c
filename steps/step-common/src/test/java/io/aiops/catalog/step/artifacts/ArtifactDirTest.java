package io.aiops.catalog.step.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactDirTest {
  @TempDir Path root;

  @Test
  void numbersFollowTheHighestExistingOne() throws Exception {
    Files.createDirectory(root.resolve("007__other__run"));

    ArtifactDir dir = ArtifactDir.create(root, "metrics-backup", "main");

    assertThat(dir.path().getFileName().toString()).isEqualTo("008__metrics-backup__main");
  }

  @Test
  void parallelRunsNeverShareANumber() throws Exception {
    int n = 32;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    Set<String> names = ConcurrentHashMap.newKeySet();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int id = i;
      futures.add(pool.submit(() -> {
        start.await();
        names.add(ArtifactDir.create(root, "group", "cmd" + id).path().getFileName().toString().substring(0, 3));
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();

    assertThat(names).hasSize(n);
    try (var dirs = Files.list(root)) {
      assertThat(dirs.filter(d -> !d.getFileName().toString().startsWith("."))).hasSize(n);
    }
  }

  @Test
  void unsafeCharactersInNamesAreReplacedAndFailureIsRecorded() {
    ArtifactDir dir = ArtifactDir.create(root, "my step", "../etc");
    dir.fail("service down");

    assertThat(dir.path().getParent()).isEqualTo(root);
    assertThat(dir.path().getFileName().toString()).isEqualTo("001__my-step__..-etc");
    assertThat(dir.failed()).isTrue();
    assertThat(dir.path().resolve("FAILURE")).hasContent("service down");
  }
}
