package io.aiops.catalog.notify;

/**
 * What a receiver answers is shown only as a short, printable excerpt, with the destination's URL and path cut out:
 * a hostile or misconfigured receiver may echo the request (and so the secret URL) back.
 */
final class Redact {
  static final int MAX = 120;

  private Redact() {}

  static String body(String body, Destination to) {
    if (body == null) {
      return "";
    }
    String s = body.strip();
    String full = to.uri().toString();
    String path = to.uri().getRawPath();
    s = s.replace(full, "[redacted]");
    if (path != null && path.length() > 1) {
      s = s.replace(path, "[redacted]");
    }
    if (to.uri().getRawQuery() != null) {
      s = s.replace(to.uri().getRawQuery(), "[redacted]");
    }
    s = s.replaceAll("[\\p{Cntrl}]+", " ");
    return s.length() <= MAX ? s : s.substring(0, MAX) + "...";
  }
}
