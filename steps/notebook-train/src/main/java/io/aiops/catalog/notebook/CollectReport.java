package io.aiops.catalog.notebook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.artifacts.ArtifactDir;
import io.aiops.catalog.step.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** What collect keeps, on success and failure alike: the executed notebook, its HTML copy, error.json, the log. */
final class CollectReport {
  private final Path dir;
  private final Optional<ArtifactDir> artifacts;

  CollectReport(Path dir, Optional<ArtifactDir> artifacts) {
    this.dir = dir;
    this.artifacts = artifacts;
  }

  Path html(Notebook nb, String title, Integer failedCell) {
    String html = NotebookHtml.render(nb, title, failedCell);
    artifacts.ifPresent(a -> a.write("executed.html", html));
    return AtomicFiles.write(dir.resolve("executed.html"), html);
  }

  void keep(String name, byte[] content) {
    AtomicFiles.write(dir.resolve(name), content);
    artifacts.ifPresent(a -> a.write(name, content));
  }

  void keepFile(String name, Path source) {
    if (source == null || !Files.isRegularFile(source)) {
      return;
    }
    try {
      if (!source.toAbsolutePath().normalize().equals(dir.resolve(name).toAbsolutePath().normalize())) {
        keep(name, Files.readAllBytes(source));
      } else {
        artifacts.ifPresent(a -> a.write(name, readAll(source)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep " + source + ": " + e.getMessage(), e);
    }
  }

  void errorJson(ObjectNode error) {
    keep("error.json", (error.toPrettyString() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static String sha256(Path file) {
    try (var in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
