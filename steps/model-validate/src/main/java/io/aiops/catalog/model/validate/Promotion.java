package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.StepException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A gated candidate made the served model without a moment where the predictor could read half of it: the
 * candidate is copied to {@code MODEL/versions/<sha256[:12]>} (a temp name, then one rename), and
 * {@code MODEL/current}, the link the InferenceService's storageUri names, is switched by renaming a new link over
 * it. The old version stays beside it, so rolling back is switching the link back.
 */
final class Promotion {
  static final String VERSIONS = "versions";
  static final String CURRENT = "current";

  /** What was switched: the new version's directory name, and the one served before (null on a first promotion). */
  record Outcome(String sha256, String version, String previous) {}

  private final Path home;
  private final Path candidate;
  private final String modelFile;

  /** Everything checked before the first write: the candidate and its model file exist, current is a link. */
  Promotion(Path home, Path candidate, String modelFile) {
    this.home = home;
    this.candidate = candidate;
    this.modelFile = modelFile;
    if (modelFile == null || modelFile.isBlank()) {
      throw StepException.usage("--promote-from needs --model-file: the file whose sha256 names the version");
    }
    if (!Files.isDirectory(candidate)) {
      throw StepException.usage("candidate " + candidate + " is not a directory: --promote-from names the "
          + "directory the training wrote (relative to --model-dir)");
    }
    if (!Files.isRegularFile(candidate.resolve(modelFile))) {
      throw StepException.usage("candidate " + candidate + " holds no " + modelFile + ": check --model-file");
    }
    Path current = home.resolve(CURRENT);
    if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(current)) {
      throw StepException.usage(current + " is a real directory, not the link promotion switches: move it to "
          + home.resolve(VERSIONS).resolve("initial") + " and run: ln -s " + VERSIONS + "/initial " + current);
    }
  }

  String candidateSha256() {
    return ModelFilesCheck.sha256(candidate.resolve(modelFile));
  }

  Outcome promote(String sha256) {
    String version = sha256.substring(0, 12);
    Path versions = home.resolve(VERSIONS);
    Path target = versions.resolve(version);
    Path current = home.resolve(CURRENT);
    try {
      Files.createDirectories(versions);
      if (Files.isDirectory(target)) {
        // the same model promoted again (a re-run): its stored copy must still be it
        String stored = ModelFilesCheck.sha256(target.resolve(modelFile));
        if (!stored.equals(sha256)) {
          throw StepException.checkFailed(target + " holds a model with sha256 " + stored + ", not " + sha256
              + ": something rewrote a promoted version; move it aside and promote again");
        }
      } else {
        Path staging = versions.resolve("." + version + ".tmp-" + ProcessHandle.current().pid());
        deleteTree(staging);
        copyTree(candidate, staging);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      }
      String previous = Files.isSymbolicLink(current) ? Files.readSymbolicLink(current).getFileName().toString()
          : null;
      Path link = home.resolve("." + CURRENT + ".tmp-" + ProcessHandle.current().pid());
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, Path.of(VERSIONS, version));
      Files.move(link, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Outcome(sha256, version, previous);
    } catch (IOException e) {
      throw new StepException(1, "promotion to " + target + " failed, " + current + " unchanged: " + e, e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
