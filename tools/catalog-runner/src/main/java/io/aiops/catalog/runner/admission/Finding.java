package io.aiops.catalog.runner.admission;

import java.nio.file.Path;

/** What a default cluster would refuse or fail: the rule, where (file and line), and why. */
public record Finding(String rule, Path file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": [" + rule + "] " + message;
  }
}
