package io.aiops.catalog.contract;

import io.aiops.catalog.step.results.StepResult;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Our step images, each with the picocli command it runs and the results it declares. */
final class StepCatalog {
  record Step(String name, Class<?> command, Class<? extends Enum<? extends StepResult>> results) {
    Set<String> resultNames() {
      return Arrays.stream(results.getEnumConstants()).map(r -> ((StepResult) r).resultName())
          .collect(Collectors.toSet());
    }
  }

  static final String REGISTRY = "quay.io/aiops-catalog/";
  /** The one entrypoint of every step image (images/README.md); catalog run maps it to the step's jar. */
  static final String ENTRYPOINT = "/opt/step/run";

  private static final Map<String, Step> STEPS = Map.of(
      "metrics-backup", new Step("metrics-backup", io.aiops.catalog.metrics.backup.MetricsBackupCommand.class,
          io.aiops.catalog.metrics.backup.BackupResult.class),
      "metrics-restore", new Step("metrics-restore", io.aiops.catalog.metrics.restore.MetricsRestoreCommand.class,
          io.aiops.catalog.metrics.restore.RestoreResult.class),
      "gpu-deadlock", new Step("gpu-deadlock", io.aiops.catalog.gpu.deadlock.GpuDeadlockCommand.class,
          io.aiops.catalog.gpu.deadlock.DeadlockResult.class),
      "gpu-preflight", new Step("gpu-preflight", io.aiops.catalog.gpu.preflight.GpuPreflightCommand.class,
          io.aiops.catalog.gpu.preflight.PreflightResult.class),
      "notebook-train", new Step("notebook-train", io.aiops.catalog.notebook.NotebookTrainCommand.class,
          io.aiops.catalog.notebook.NotebookResult.class),
      "accuracy-gate", new Step("accuracy-gate", io.aiops.catalog.accuracy.AccuracyGateCommand.class,
          io.aiops.catalog.accuracy.GateResult.class),
      "model-validate", new Step("model-validate", io.aiops.catalog.model.validate.ModelValidateCommand.class,
          io.aiops.catalog.model.validate.ValidateResult.class),
      "notify", new Step("notify", io.aiops.catalog.notify.NotifyCommand.class,
          io.aiops.catalog.notify.NotifyResult.class));

  private StepCatalog() {}

  static Optional<Step> byName(String name) {
    return Optional.ofNullable(STEPS.get(name));
  }

  /** The step an image reference names, when it is one of ours: quay.io/aiops-catalog/NAME:TAG. */
  static Optional<String> stepName(String image) {
    if (image == null || !image.startsWith(REGISTRY)) {
      return Optional.empty();
    }
    String rest = image.substring(REGISTRY.length());
    int end = rest.indexOf(':') >= 0 ? rest.indexOf(':') : (rest.indexOf('@') >= 0 ? rest.indexOf('@') : rest.length());
    return Optional.of(rest.substring(0, end));
  }
}
