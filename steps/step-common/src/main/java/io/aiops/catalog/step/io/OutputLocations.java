package io.aiops.catalog.step.io;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Can the step write where it was told to? Checked for every {@link Output} option before the command runs: the
 * path (or, when it does not exist yet, the nearest directory above it that does) must be of the right kind and
 * writable. Returns the problem as the one line the user sees, or nothing.
 */
public final class OutputLocations {
  private OutputLocations() {}

  public static Optional<String> problem(String option, Path given, Output.Kind kind) {
    if (given == null || given.toString().isBlank()) {
      return Optional.empty(); // unset (Tekton passes an unset param as "")
    }
    Path path = given.toAbsolutePath().normalize();
    String what = option + " " + given;
    if (Files.exists(path)) {
      if (kind == Output.Kind.DIRECTORY && !Files.isDirectory(path)) {
        return Optional.of(what + " is a file, not a directory: give a directory (it is created when missing)");
      }
      if (kind == Output.Kind.FILE && Files.isDirectory(path)) {
        return Optional.of(what + " is a directory: give the path of the file to write");
      }
      if (!Files.isWritable(path)) {
        return Optional.of(what + " is not writable by this user: give a writable location, or make it writable "
            + "(group 0 in OpenShift)");
      }
      return kind == Output.Kind.FILE ? parentProblem(what, path.getParent()) : Optional.empty();
    }
    if (Files.isSymbolicLink(path)) {
      return Optional.of(what + " is a symbolic link to nothing (or a loop): give a real location");
    }
    return parentProblem(what, path.getParent());
  }

  /** The nearest existing ancestor must be a writable directory, so the missing ones can be created. */
  private static Optional<String> parentProblem(String what, Path parent) {
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(what + " cannot be created: " + existing + " is a broken symbolic link or a loop");
      }
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.empty();
    }
    if (!Files.isDirectory(existing)) {
      return Optional.of(what + " cannot be created: " + existing + " is a file, not a directory");
    }
    if (!Files.isWritable(existing)) {
      return Optional.of(what + " cannot be created: " + existing + " is not writable by this user; give a "
          + "writable location");
    }
    return Optional.empty();
  }
}
