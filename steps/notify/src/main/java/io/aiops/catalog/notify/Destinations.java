package io.aiops.catalog.notify;

import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.http.BearerToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The receivers a run's Secret turns on, one key each: {@code slack-webhook-url}, {@code webhook-url} and
 * {@code github-token} (with --github-repo and --github-sha). A missing key is a channel that is off; a bad value is
 * a warning that names the key, never the value.
 */
final class Destinations {
  static final String SLACK = "slack";
  static final String WEBHOOK = "webhook";
  static final String GITHUB = "github-status";
  static final String SLACK_KEY = "slack-webhook-url";
  static final String WEBHOOK_KEY = "webhook-url";
  static final String GITHUB_KEY = "github-token";
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

  private Destinations() {}

  record GitHub(String repo, String sha, String context, URI api) {}

  static List<Destination> from(Path secretDir, GitHub github, RunOutcome run, StepLog log) {
    List<Destination> out = new ArrayList<>();
    if (secretDir == null || secretDir.toString().isBlank()) {
      log.warn("no --secret-dir: nothing to notify");
      return out;
    }
    if (!Files.isDirectory(secretDir)) {
      log.warn("the notification Secret is not mounted at %s (no such directory): nothing to notify", secretDir);
      return out;
    }
    url(secretDir, SLACK_KEY, log).ifPresent(u -> out.add(new Destination(SLACK, u, Optional.empty(), Map.of(),
        Messages.slack(run))));
    url(secretDir, WEBHOOK_KEY, log).ifPresent(u -> out.add(new Destination(WEBHOOK, u, Optional.empty(), Map.of(),
        Messages.webhook(run))));
    Path token = secretDir.resolve(GITHUB_KEY);
    if (Files.isRegularFile(token)) {
      githubStatus(token, github, run, log).ifPresent(out::add);
    }
    if (out.isEmpty()) {
      log.warn("the notification Secret at %s holds none of %s, %s, %s: nothing to notify", secretDir, SLACK_KEY,
          WEBHOOK_KEY, GITHUB_KEY);
    }
    return out;
  }

  private static Optional<Destination> githubStatus(Path token, GitHub github, RunOutcome run, StepLog log) {
    if (blank(github.repo()) || blank(github.sha())) {
      log.warn("the Secret holds %s but --github-repo or --github-sha is empty: no commit status", GITHUB_KEY);
      return Optional.empty();
    }
    if (!REPO.matcher(github.repo()).matches() || !SHA.matcher(github.sha()).matches()) {
      log.warn("--github-repo must be owner/name and --github-sha a commit hash (got %s, %s): no commit status",
          github.repo(), github.sha());
      return Optional.empty();
    }
    String api = github.api().toString().replaceAll("/+$", "");
    URI uri = URI.create(api + "/repos/" + github.repo() + "/statuses/"
        + URLEncoder.encode(github.sha(), StandardCharsets.UTF_8));
    return Optional.of(new Destination(GITHUB, uri, Optional.of(BearerToken.fromFile(token)),
        Map.of("Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28"),
        Messages.githubStatus(run, github.context())));
  }

  /** The URL under {@code key}, checked; the value itself is never written anywhere. */
  private static Optional<URI> url(Path dir, String key, StepLog log) {
    Path file = dir.resolve(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String value;
    try {
      value = Files.readString(file).strip();
    } catch (IOException e) {
      log.warn("cannot read the Secret's %s (%s): that channel is off", key, e.getClass().getSimpleName());
      return Optional.empty();
    }
    if (value.isEmpty()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      log.warn("the Secret's %s is not a URL: that channel is off (fix the Secret)", key);
      return Optional.empty();
    }
    if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      log.warn("the Secret's %s is not an http(s) URL with a host: that channel is off (fix the Secret)", key);
      return Optional.empty();
    }
    if ("http".equals(uri.getScheme())) {
      log.warn("the Secret's %s is plain http: the URL, which is a credential, travels unencrypted to %s", key,
          uri.getHost());
    }
    return Optional.of(uri);
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
