package io.aiops.catalog.kserve;

/** One status condition of an InferenceService (Ready, PredictorReady, IngressReady...). */
public record Condition(String type, String status, String reason, String message) {
  public boolean isTrue() {
    return "True".equals(status);
  }

  /** "False (RevisionMissing: Configuration ... does not have any ready Revision)". */
  public String describe() {
    return status + (reason != null ? " (" + reason + (message != null ? ": " + message : "") + ")"
        : message != null ? " (" + message + ")" : "");
  }
}
