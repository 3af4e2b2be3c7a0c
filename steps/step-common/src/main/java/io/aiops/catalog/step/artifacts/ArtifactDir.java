package io.aiops.catalog.step.artifacts;

import io.aiops.catalog.step.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run's artifact directory, {@code NNN__<group>__<command>} under the artifacts root. A number is taken by
 * creating {@code .claims/NNN} (create-new is atomic on every file system, NFS included), so steps and threads
 * that start together never share a number, whatever their directory names.
 */
public final class ArtifactDir {
  public static final String FAILURE = "FAILURE";
  private static final String CLAIMS = ".claims";
  private static final Pattern NUMBERED = Pattern.compile("^(\\d{3,})(__.*)?");
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");

  private final Path path;

  private ArtifactDir(Path path) {
    this.path = path;
  }

  public static ArtifactDir create(Path root, String group, String command) {
    String suffix = "__" + safe(group) + "__" + safe(command);
    try {
      Path claims = Files.createDirectories(root.resolve(CLAIMS));
      for (int next = Math.max(highestNumber(root), highestNumber(claims)) + 1; ; next++) {
        String number = String.format("%03d", next);
        try {
          Files.createFile(claims.resolve(number));
        } catch (FileAlreadyExistsException taken) {
          continue; // another step or thread took this number first: try the next one
        }
        return new ArtifactDir(Files.createDirectory(root.resolve(number + suffix)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create an artifact directory under " + root + ": " + e.getMessage(), e);
    }
  }

  public Path path() {
    return path;
  }

  public Path write(String name, String content) {
    return AtomicFiles.write(path.resolve(name), content);
  }

  public Path write(String name, byte[] content) {
    return AtomicFiles.write(path.resolve(name), content);
  }

  public void writeLines(String name, List<String> lines) {
    write(name, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
  }

  /** Marks the run failed, with the reason a reader needs first. */
  public void fail(String reason) {
    write(FAILURE, reason + "\n");
  }

  public boolean failed() {
    return Files.exists(path.resolve(FAILURE));
  }

  private static int highestNumber(Path root) throws IOException {
    int highest = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        Matcher m = NUMBERED.matcher(entry.getFileName().toString());
        if (m.matches()) {
          highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
      }
    }
    return highest;
  }

  private static String safe(String part) {
    String cleaned = UNSAFE.matcher(part).replaceAll("-");
    return cleaned.isEmpty() ? "step" : cleaned;
  }
}
