package io.aiops.catalog.step.http;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.io.InputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A bearer token that never prints itself: toString() hides it, so it cannot reach a log by accident. */
public final class BearerToken {
  /** The pod's service-account token, used when no other token is given. */
  public static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  private final String value;

  private BearerToken(String value) {
    this.value = value;
    Redaction.register(value);
  }

  /** From --token-file, else the env variable, else the service-account token when running in a pod. */
  public static Optional<BearerToken> resolve(Path tokenFile, String envValue) {
    if (tokenFile != null) {
      return Optional.of(fromFile(tokenFile));
    }
    if (envValue != null && !envValue.isBlank()) {
      return Optional.of(new BearerToken(envValue.trim()));
    }
    if (Files.isReadable(SERVICE_ACCOUNT_TOKEN)) {
      return Optional.of(fromFile(SERVICE_ACCOUNT_TOKEN));
    }
    return Optional.empty();
  }

  public static BearerToken fromFile(Path file) {
    // through the one input reader: a FIFO or a huge file is refused, and its messages never repeat the path
    String token = InputFiles.readString("token file", file, 64 * 1024).trim();
    if (token.isEmpty()) {
      throw StepException.usage("token file " + file + " is empty: give a file holding the bearer token");
    }
    return new BearerToken(token);
  }

  String headerValue() {
    return "Bearer " + value;
  }

  @Override
  public String toString() {
    return "BearerToken[redacted]";
  }
}
