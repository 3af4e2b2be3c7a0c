package io.aiops.catalog.gpu.preflight;

/**
 * How one check ended, in order of severity: the node verdict is the worst of its checks. SKIP means "not
 * applicable" (a field the GPU does not have); ERROR means the check could not be judged and never counts as a pass.
 */
public enum Status {
  SKIP, PASS, WARN, ERROR, FAIL;

  public static Status worst(Status a, Status b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** 0 PASS/SKIP, 1 WARN, 2 ERROR, 3 FAIL: the Prometheus gauge value. */
  public int gauge() {
    return switch (this) {
      case SKIP, PASS -> 0;
      case WARN -> 1;
      case ERROR -> 2;
      case FAIL -> 3;
    };
  }
}
