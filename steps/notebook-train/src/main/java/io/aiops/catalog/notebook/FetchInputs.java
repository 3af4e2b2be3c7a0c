package io.aiops.catalog.notebook;

import io.aiops.catalog.step.StepException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** fetch-data's inputs that need more than picocli's conversion: the window end and the Prometheus URL. */
final class FetchInputs {
  private FetchInputs() {}

  /** RFC 3339 or Unix seconds; empty (an unset Tekton param) means now. */
  static Instant end(String end) {
    if (end == null || end.isBlank()) {
      return Instant.now();
    }
    String e = end.strip();
    try {
      return e.matches("\\d+(\\.\\d+)?") ? Instant.ofEpochMilli(Math.round(Double.parseDouble(e) * 1000))
          : Instant.parse(e);
    } catch (DateTimeParseException ex) {
      throw StepException.usage("--end '" + end + "' is neither RFC 3339 (2026-01-31T00:00:00Z) nor Unix seconds");
    }
  }

  static URI prometheusBase(String url, String dataSource) {
    if (url == null || url.isBlank()) {
      throw StepException.usage("--prometheus-url is required for --data-source=" + dataSource);
    }
    try {
      URI uri = URI.create(url.strip().replaceAll("/+$", ""));
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw StepException.usage("--prometheus-url '" + url + "' is not an http(s) URL");
    }
  }
}
