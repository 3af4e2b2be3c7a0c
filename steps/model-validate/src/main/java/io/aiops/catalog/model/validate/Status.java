package io.aiops.catalog.model.validate;

/** The outcome of one check, in order of gravity: the verdict of a run is the worst of its checks. */
public enum Status {
  PASS,
  WARN,
  /** The thing examined is wrong (not ready, wrong answers, too slow). */
  FAIL,
  /** The check could not be made (endpoint unreachable, API server down): never read as a pass. */
  ERROR;

  Status worse(Status other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
