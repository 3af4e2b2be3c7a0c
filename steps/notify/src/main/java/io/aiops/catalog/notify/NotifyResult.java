package io.aiops.catalog.notify;

import io.aiops.catalog.step.results.Describe;
import io.aiops.catalog.step.results.StepResult;

/** The Tekton results notify writes. */
public enum NotifyResult implements StepResult {
  @Describe("What became of each channel, e.g. \"slack=sent webhook=failed github-status=sent\"; empty when the "
      + "Secret turns none on. Never the webhook URL.")
  DELIVERED,
  @Describe("The message's one-paragraph text, as sent (at most 1 KB).")
  MESSAGE;
}
