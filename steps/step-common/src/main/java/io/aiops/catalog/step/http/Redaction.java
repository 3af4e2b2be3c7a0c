package io.aiops.catalog.step.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place secrets are taken out of text before it leaves the process: every log line, error message,
 * artifact and output file goes through here. It removes the tokens this process sends (registered when they are
 * read) and anything shaped like a credential, whatever a server echoes back: a proxy quoting our
 * {@code Authorization} header in its 401 page is the usual way a token reaches a log.
 */
public final class Redaction {
  public static final String MASK = "<redacted>";

  // a token is registered once per process; a step is one process, so a static set is its whole lifetime
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  // a credential after "Bearer"/"Basic": 8+ token characters with a digit, a symbol or mixed case ("bearer token"
  // in a sentence is not one)
  private static final Pattern SCHEME = Pattern.compile(
      "(?i)\\b(bearer|basic)(\\s+|%20|\\+)(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-]|[A-Za-z]*[a-z][A-Za-z]*[A-Z]|[A-Za-z]*[A-Z][A-Za-z]*[a-z])"
          + "[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*");
  private static final Pattern FIELD = Pattern.compile(
      "(?i)((?:proxy-)?authorization|x-api-key|api[-_]?key|access[-_]token|refresh[-_]token|id[-_]token"
          + "|client[-_]secret|password)(\"?'?\\s*[:=]\\s*\"?'?)((?i:bearer\\s+|basic\\s+)?+)(?!<redacted>)([^\\s\"',;&}<]+)");

  private Redaction() {}

  /** Registers a secret this process holds (a bearer token): it is masked wherever it appears from now on. */
  public static void register(String secret) {
    if (secret == null || secret.length() < 4) {
      return; // too short to mask without masking ordinary words
    }
    SECRETS.add(secret);
    SECRETS.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    SECRETS.add(secret.replace("/", "\\/")); // as a JSON encoder may echo it
  }

  /** The text with every registered secret and every credential-shaped string replaced by {@value #MASK}. */
  public static String apply(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : SECRETS) {
      if (out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    out = SCHEME.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + MASK));
    out = JWT.matcher(out).replaceAll(MASK);
    return FIELD.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + m.group(3) + MASK));
  }

  /**
   * Bytes of any kind (a backup, a report) lose only the registered secrets: patterns are for text, and binary
   * content must not be rewritten by a guess. ISO-8859-1 maps every byte to one char, so nothing else changes.
   */
  public static byte[] apply(byte[] content) {
    if (SECRETS.isEmpty()) {
      return content;
    }
    String bytes = new String(content, StandardCharsets.ISO_8859_1);
    String out = bytes;
    for (String secret : SECRETS) {
      String raw = new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      if (out.contains(raw)) {
        out = out.replace(raw, MASK);
      }
    }
    return out == bytes ? content : out.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** For tests: forget what was registered. */
  static void clear() {
    SECRETS.clear();
  }
}
