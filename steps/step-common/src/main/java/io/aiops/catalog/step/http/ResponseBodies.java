package io.aiops.catalog.step.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server's answer body says, as a short part of one log line: an HTML error page is reduced to its title
 * (a proxy's 13-line page says nothing more), anything else to its first 200 characters on one line. Redaction
 * still applies where the line is logged.
 */
public final class ResponseBodies {
  public static final int MAX_CHARS = 200;
  private static final Pattern HTML = Pattern.compile("(?is)^\\s*(<!doctype html|<html|<head|<body|<h1|<title)");
  private static final Pattern TITLE = Pattern.compile("(?is)<(title|h1)[^>]*>(.*?)</\\1>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

  private ResponseBodies() {}

  public static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    String text = body;
    if (HTML.matcher(body).find()) {
      Matcher title = TITLE.matcher(body);
      text = "HTML page: " + (title.find() ? title.group(2) : TAG.matcher(body).replaceAll(" "));
    }
    String one = text.replaceAll("\\s+", " ").strip();
    return one.length() > MAX_CHARS ? one.substring(0, MAX_CHARS) + "..." : one;
  }
}
