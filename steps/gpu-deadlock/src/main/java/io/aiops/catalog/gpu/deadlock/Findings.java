package io.aiops.catalog.gpu.deadlock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a scan found: the GPU deadlocks, and the predictor pods that are Pending for another reason. */
record Findings(List<Deadlock> deadlocks, List<PendingPod> notDeadlocks) {

  /** A rollout whose new pod waits for the GPU its own old pod holds. */
  record Deadlock(String namespace, String inferenceService, String deployment, String running, String pending,
      String oldReplicaSet, String newReplicaSet, String newTemplateHash, String gpuResource, String schedulerMessage,
      Instant pendingSince, Duration pendingFor, boolean progressDeadlineExceeded, String likelyCause) {
    String key() {
      return namespace + "/" + inferenceService;
    }
  }

  /** A Pending predictor pod that is not a GPU deadlock, and why. */
  record PendingPod(String namespace, String inferenceService, String pod, String reason) {}
}
