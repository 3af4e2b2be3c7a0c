package io.aiops.catalog.gpu.preflight;

/**
 * One check's outcome for one GPU (or the whole node when {@code gpu} is null).
 *
 * @param value the measured figure where there is one (GB/s, Gbit/s, count), else null
 * @param fatal a finding after which the node should be drained (lost GPU, fatal Xid, remap failure): Autopilot's EVICT
 */
public record Finding(String check, String gpu, Status status, String reason, Double value, boolean fatal) {

  public static Finding of(String check, String gpu, Status status, String reason) {
    return new Finding(check, gpu, status, reason, null, false);
  }

  public static Finding measured(String check, String gpu, Status status, String reason, double value) {
    return new Finding(check, gpu, status, reason, value, false);
  }

  public static Finding fatal(String check, String gpu, String reason) {
    return new Finding(check, gpu, Status.FAIL, reason, null, true);
  }

  /** The check could not run or its output could not be judged. */
  public static Finding error(String check, String reason) {
    return new Finding(check, null, Status.ERROR, reason, null, false);
  }
}
