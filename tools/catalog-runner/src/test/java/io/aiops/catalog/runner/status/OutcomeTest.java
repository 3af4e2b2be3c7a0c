package io.aiops.catalog.runner.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.runner.status.RunView.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A run's outcome from its Succeeded condition, as Tekton v1 sets status and reason (pipelinerun_types.go). */
class OutcomeTest {
  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource(nullValues = "null", value = {
      "True, Succeeded, SUCCEEDED",
      "True, Completed, SUCCEEDED",
      "False, Failed, FAILED",
      "False, CouldntGetPipeline, FAILED",
      "False, PipelineValidationFailed, FAILED",
      "False, PipelineRunTimeout, TIMED_OUT",
      "False, TaskRunTimeout, TIMED_OUT",
      "False, Cancelled, CANCELLED",
      "False, PipelineRunCancelled, CANCELLED",
      "False, StoppedRunFinally, CANCELLED",
      "Unknown, Running, RUNNING",
      "Unknown, Started, RUNNING",
      "Unknown, CancelledRunningFinally, RUNNING",
      "Unknown, PipelineRunStopping, RUNNING",
      "Unknown, PipelineRunPending, PENDING",
      "null, null, PENDING",
  })
  void fromTheSucceededCondition(String status, String reason, Outcome expected) {
    assertThat(Outcome.of(status, reason)).isEqualTo(expected);
  }
}
