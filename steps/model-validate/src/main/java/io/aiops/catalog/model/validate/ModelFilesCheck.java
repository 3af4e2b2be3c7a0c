package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.check.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The model as stored: on the model volume mounted into this step (never by exec into another pod), the files
 * exist, are not trivially small, and the model file is byte for byte what training wrote (its sha256).
 */
final class ModelFilesCheck {
  private ModelFilesCheck() {}

  static List<Finding> check(Path served, String modelFile, long minBytes, String expectedSha256) {
    List<Finding> checks = new ArrayList<>();
    Path dir = served;
    if (Files.isSymbolicLink(served) && Files.isDirectory(served)) {
      // a promoted model is served through a link (current -> versions/ID): check what it points to
      try {
        dir = served.toRealPath();
      } catch (IOException e) {
        checks.add(Finding.error("model-files", "cannot follow %s: %s", served, e.getMessage()));
        return checks;
      }
    }
    if (!Files.isDirectory(dir)) {
      checks.add(Finding.fail("model-files", "model directory %s does not exist: check the model workspace and "
          + "--model-dir", dir));
      return checks;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted().toList();
    } catch (IOException e) {
      checks.add(Finding.error("model-files", "cannot list %s: %s", dir, e.getMessage()));
      return checks;
    }
    Path model = modelFile == null || modelFile.isBlank() ? null : dir.resolve(modelFile);
    if (model != null && !Files.isRegularFile(model)) {
      checks.add(Finding.fail("model-files", "%s not found in %s (holds %s)", modelFile, dir, names(dir, files)));
      return checks;
    }
    if (files.isEmpty()) {
      checks.add(Finding.fail("model-files", "model directory %s is empty", dir));
      return checks;
    }
    List<Path> small = new ArrayList<>();
    for (Path f : model != null ? List.of(model) : files) {
      if (size(f) < minBytes) {
        small.add(f);
      }
    }
    checks.add(small.isEmpty()
        ? Finding.pass("model-files", "%d file(s) in %s: %s", files.size(), dir, names(dir, files))
        : Finding.fail("model-files", "trivially small (under %d bytes): %s", minBytes, sizes(dir, small)));
    if (expectedSha256 != null && !expectedSha256.isBlank()) {
      checks.add(sha(dir, model != null ? model : files.size() == 1 ? files.get(0) : null, expectedSha256.trim()));
    }
    return checks;
  }

  private static Finding sha(Path dir, Path model, String expected) {
    if (model == null) {
      return Finding.fail("model-sha256", "several files in %s: name the one --expected-sha256 is for with "
          + "--model-file", dir);
    }
    String actual = sha256(model);
    return actual.equalsIgnoreCase(expected)
        ? Finding.pass("model-sha256", "%s sha256 %s as expected", dir.relativize(model), actual)
        : Finding.fail("model-sha256", "%s sha256 is %s, expected %s: the served model is not the one trained",
            dir.relativize(model), actual, expected);
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[65536];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return -1;
    }
  }

  private static String names(Path dir, List<Path> files) {
    return files.stream().limit(10).map(f -> dir.relativize(f).toString()).toList()
        + (files.size() > 10 ? " and " + (files.size() - 10) + " more" : "");
  }

  private static String sizes(Path dir, List<Path> files) {
    return files.stream().map(f -> dir.relativize(f) + " (" + size(f) + " B)").toList().toString();
  }
}
