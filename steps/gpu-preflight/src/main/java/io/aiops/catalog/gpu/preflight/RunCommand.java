package io.aiops.catalog.gpu.preflight;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true, description = "placeholder")
class RunCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
