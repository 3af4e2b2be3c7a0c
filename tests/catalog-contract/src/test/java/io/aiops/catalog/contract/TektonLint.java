package io.aiops.catalog.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs @ibm/tekton-lint (installed by the README's test command under tests/catalog-contract/node_modules). */
final class TektonLint {
  static final Path BIN = Catalog.ROOT.resolve("tests/catalog-contract/node_modules/.bin/tekton-lint");

  record Outcome(int exitCode, String output) {
    boolean hasErrors() {
      return exitCode != 0;
    }
  }

  private TektonLint() {}

  static boolean installed() {
    return Files.isExecutable(BIN);
  }

  static Outcome run(Path workDir, List<String> globs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(BIN.toString(), "--color=false"));
    cmd.addAll(globs);
    Path home = Files.createTempDirectory("tekton-lint-home");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", home.toString()); // it writes a cache under $HOME/.tekton-lint
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("tekton-lint did not finish in 120 s");
    }
    return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
