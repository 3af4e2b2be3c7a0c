package io.aiops.catalog.step.check;

import java.util.Objects;

/**
 * One check's outcome: what was checked, how it went and what a user needs to know. The details say where and how
 * much, when there is something to say.
 *
 * @param check the check's name (e.g. {@code isvc/conditions}, {@code pciebw})
 * @param subject what within the check this is about (a GPU, a pod, a peer), null for the whole
 * @param value the measured figure where there is one (GB/s, ms, a count), else null
 * @param fatal the subject should be taken out of service, not just retried (a lost GPU: drain the node)
 */
public record Finding(String check, String subject, Status status, String message, Double value, boolean fatal) {
  public Finding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    message = message == null ? "" : message;
  }

  public static Finding of(String check, String subject, Status status, String message) {
    return new Finding(check, subject, status, message, null, false);
  }

  public static Finding measured(String check, String subject, Status status, String message, double value) {
    return new Finding(check, subject, status, message, value, false);
  }

  public static Finding fatal(String check, String subject, String message) {
    return new Finding(check, subject, Status.FAIL, message, null, true);
  }

  public static Finding pass(String check, String message, Object... args) {
    return of(check, null, Status.PASS, format(message, args));
  }

  public static Finding warn(String check, String message, Object... args) {
    return of(check, null, Status.WARN, format(message, args));
  }

  public static Finding fail(String check, String message, Object... args) {
    return of(check, null, Status.FAIL, format(message, args));
  }

  /** The check could not run, or its output could not be judged. */
  public static Finding error(String check, String message, Object... args) {
    return of(check, null, Status.ERROR, format(message, args));
  }

  public static Finding skip(String check, String message, Object... args) {
    return of(check, null, Status.SKIP, format(message, args));
  }

  /** Formats only when there are arguments: a message from a tool may hold a '%'. */
  private static String format(String message, Object... args) {
    return args.length == 0 ? message : String.format(message, args);
  }

  /** "PASS  isvc/conditions: Ready, PredictorReady are True", as logs and text reports show it. */
  public String line() {
    return String.format("%-5s %s%s: %s", status, check, subject == null ? "" : " [" + subject + "]", message);
  }
}
