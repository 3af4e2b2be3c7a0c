package io.aiops.catalog.step.results;

import java.util.Locale;

/**
 * A Tekton result a step declares. Steps list theirs as an enum whose constants carry {@link Describe}, so the
 * contract tests can compare a Task's results with what the step really writes:
 * {@code @Describe("Path of the backup file.") BACKUP_FILE} is the result {@code backup-file}.
 */
public interface StepResult {
  /** The enum constant's name (implemented by every enum). */
  String name();

  /** The Tekton result name: the constant in kebab case, e.g. {@code backup-file}. */
  default String resultName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant's {@link Describe} text. */
  default String description() {
    try {
      Describe d = getClass().getField(name()).getAnnotation(Describe.class);
      return d == null ? "" : d.value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}
