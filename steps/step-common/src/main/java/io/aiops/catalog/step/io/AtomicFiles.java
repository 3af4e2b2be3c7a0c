package io.aiops.catalog.step.io;

import io.aiops.catalog.step.http.Redaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader (or a step killed half-way) never sees half of one: the bytes go to a temp file
 * in the same directory, are forced to disk, then renamed over the target. What is written is redacted first
 * ({@link Redaction}): every artifact and output file of a step is written here.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static Path write(Path target, byte[] content) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
          channel.write(java.nio.ByteBuffer.wrap(Redaction.apply(content)));
          channel.force(true);
        }
        moveAtomically(tmp, target);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  public static Path write(Path target, String content) {
    return write(target, Redaction.apply(content).getBytes(StandardCharsets.UTF_8));
  }

  /** Renames {@code source} over {@code target}, atomically where the file system can. */
  public static void moveAtomically(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
