package io.aiops.catalog.step;

/**
 * An expected failure with a message for the user: printed as one line (no stack trace unless --verbose)
 * and turned into the exit code it carries.
 */
public class StepException extends RuntimeException {
  private final int exitCode;

  public StepException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public StepException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** Bad input: what was wrong and how to fix it. Exit 2. */
  public static StepException usage(String message) {
    return new StepException(StepExit.USAGE, message);
  }

  /** A service, the API server or Prometheus cannot be reached or is not ready. Exit 4. */
  public static StepException unavailable(String message, Throwable cause) {
    return new StepException(StepExit.UNAVAILABLE, message, cause);
  }

  /** The thing examined is unhealthy. Exit 3. */
  public static StepException checkFailed(String message) {
    return new StepException(StepExit.CHECK_FAILED, message);
  }
}
