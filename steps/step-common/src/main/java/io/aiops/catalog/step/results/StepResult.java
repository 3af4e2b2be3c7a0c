package io.aiops.catalog.step.results;

/**
 * A Tekton result a step declares. Steps list theirs as an enum, so the contract tests can compare a Task's
 * results with what the step really writes.
 */
public interface StepResult {
  /** The Tekton result name, e.g. {@code backup-file}. */
  String resultName();

  /** One line for the Task README and the step's help. */
  String description();
}
