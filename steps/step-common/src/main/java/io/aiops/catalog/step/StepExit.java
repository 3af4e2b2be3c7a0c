package io.aiops.catalog.step;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes every step shares; each step's {@code --help} lists them. */
public final class StepExit {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int USAGE = 2;
  public static final int CHECK_FAILED = 3;
  public static final int UNAVAILABLE = 4;

  private StepExit() {}

  /** Descriptions shown under "Exit codes:" in every step's help. */
  public static Map<String, String> descriptions() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put(Integer.toString(OK), "success");
    codes.put(Integer.toString(INTERNAL), "internal error (a bug: rerun with --verbose and report it)");
    codes.put(Integer.toString(USAGE), "usage or bad input (the message says what to fix)");
    codes.put(Integer.toString(CHECK_FAILED), "check failed: the thing examined is unhealthy");
    codes.put(Integer.toString(UNAVAILABLE), "a dependency is unavailable (API server, service, Prometheus)");
    return codes;
  }
}
