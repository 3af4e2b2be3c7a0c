package io.aiops.catalog.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

final class Fixtures {
  /** The sample notebooks the model-retraining pipeline ships. */
  static final Path PIPELINE_NOTEBOOKS = Path.of("../../tekton/pipelines/model-retraining/notebooks");
  /** The notebook pr-model-gate trains by default. */
  static final Path PR_GATE_NOTEBOOKS = Path.of("../../tekton/pipelines/pr-model-gate/notebooks");
  static final Path TASK_YAML = Path.of("../../tekton/tasks/notebook-train/notebook-train.yaml");

  static Path fixture(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy in dir, so a test may change it. */
  static Path copy(String name, Path dir) {
    try {
      Path target = dir.resolve(Path.of(name).getFileName().toString());
      Files.copy(fixture(name), target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Fixtures() {}
}
