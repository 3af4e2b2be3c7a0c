package io.aiops.catalog.runner;

import io.aiops.catalog.step.StepException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Fills a workspace with a repository's tracked files, as a git-clone task fills it on a cluster: steps may then
 * write into it (notebook-train injects parameters into the notebook) without touching the user's working tree.
 */
final class Checkout {
  private Checkout() {}

  static void copyTracked(Path repo, Path into) {
    try {
      Process git = new ProcessBuilder("git", "-C", repo.toString(), "ls-files", "-z")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
        throw StepException.usage("--checkout: " + repo + " is not a git checkout (git ls-files failed)");
      }
      for (String file : listing.split("\0")) {
        if (file.isEmpty()) {
          continue;
        }
        Path source = repo.resolve(file);
        if (Files.isRegularFile(source)) {
          Path target = into.resolve(file);
          Files.createDirectories(target.getParent());
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw StepException.usage("--checkout " + repo + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepException.usage("--checkout interrupted");
    }
  }
}
