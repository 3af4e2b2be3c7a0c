package io.aiops.catalog.notify;

import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import io.aiops.catalog.step.StepVersion;
import io.aiops.catalog.step.http.HttpOptions;
import io.aiops.catalog.step.http.TlsTrust;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@TopCommand
@Command(name = "notify", mixinStandardHelpOptions = true, versionProvider = StepVersion.class,
    sortOptions = false, usageHelpWidth = 110,
    description = {"Tells Slack, a JSON webhook and the GitHub commit status how a pipeline run ended: what ran, "
        + "the outcome, the gate's verdict, figures and failed clauses, and where to look.",
        "Retries with backoff within --deadline; a receiver that is down is a warning, never a failed run (exit 0)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:sent, or warned that a receiver could not be reached", "2:usage"},
    footerHeading = "%nExamples:%n",
    footer = {"  notify --status Failed --pipeline model-retraining --pipeline-run anomaly-x7k2p -n models \\",
        "      --gate-metrics gate/metrics.json --secret-dir /etc/notify --details-url https://dashboard/#/x7k2p"})
public class NotifyCommand implements Callable<Integer> {
  @Mixin StepOptions step;

  @Option(names = "--status", required = true, paramLabel = "Succeeded|Completed|Failed|None",
      description = "The pipeline's outcome: $(tasks.status) in a finally task.")
  String status;
  @Option(names = "--pipeline", required = true, paramLabel = "NAME", description = "What ran.")
  String pipeline;
  @Option(names = "--pipeline-run", required = true, paramLabel = "NAME",
      description = "The PipelineRun: $(context.pipelineRun.name).")
  String pipelineRun;
  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Its namespace.")
  String namespace;
  @Option(names = "--gate-metrics", paramLabel = "FILE",
      description = "accuracy-gate's metrics.json, for the verdict, figures and failed clauses. Missing: a warning.")
  Path gateMetrics;
  @Option(names = "--details-url", paramLabel = "URL", description = "Where to look: a dashboard or report link.")
  String detailsUrl;

  @Option(names = "--secret-dir", paramLabel = "DIR",
      description = "The mounted Secret: keys slack-webhook-url, webhook-url, github-token turn each channel on.")
  Path secretDir;
  @Option(names = "--github-repo", paramLabel = "OWNER/NAME", description = "Repository of the commit status.")
  String githubRepo;
  @Option(names = "--github-sha", paramLabel = "SHA", description = "Commit of the commit status.")
  String githubSha;
  @Option(names = "--github-context", paramLabel = "TEXT",
      description = "Context of the commit status. Default: aiops/<pipeline>.")
  String githubContext;
  @Option(names = "--github-api-url", paramLabel = "URL", defaultValue = "https://api.github.com",
      description = "GitHub API (GitHub Enterprise: https://HOST/api/v3). Default: ${DEFAULT-VALUE}.")
  URI githubApi;

  @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "Bounds all attempts to all receivers together. Default: ${DEFAULT-VALUE}.")
  Duration deadline;
  @Option(names = "--http-timeout", paramLabel = "DURATION", defaultValue = "10s",
      converter = DurationConverter.class, description = "Timeout of one attempt. Default: ${DEFAULT-VALUE}.")
  Duration attemptTimeout;
  @Option(names = "--ca-bundle", paramLabel = "FILE",
      description = "PEM CA bundle trusted on top of the system CAs, for a webhook behind an internal CA.")
  Path caBundle;

  @Override
  public Integer call() {
    var log = step.log();
    RunOutcome.Status outcome;
    try {
      outcome = RunOutcome.Status.of(status);
    } catch (IllegalArgumentException e) {
      throw StepException.usage("--status " + status + " is not one of Succeeded, Completed, Failed, None "
          + "(give $(tasks.status))");
    }
    if (deadline.isZero() || deadline.isNegative() || attemptTimeout.isZero() || attemptTimeout.isNegative()) {
      throw StepException.usage("--deadline and --http-timeout must be positive durations, e.g. 60s and 10s");
    }
    RunOutcome run = new RunOutcome(pipeline, pipelineRun, namespace, outcome, GateReport.read(gateMetrics, log),
        detailsUrl);
    String context = githubContext == null || githubContext.isBlank() ? "aiops/" + pipeline : githubContext;
    List<Destination> destinations = Destinations.from(secretDir,
        new Destinations.GitHub(githubRepo, githubSha, context, githubApi), run, log);
    Delivery delivery = new Delivery(TlsTrust.verified(caBundle, HttpOptions.SERVICE_CA), attemptTimeout,
        Notifier.BACKOFF, log);
    List<Delivery.Outcome> outcomes = new Notifier(delivery).send(destinations, deadline);
    String text = Messages.plainText(run);
    step.results()
        .put(NotifyResult.DELIVERED, String.join(" ", outcomes.stream().map(Delivery.Outcome::result).toList()))
        .put(NotifyResult.MESSAGE, text.length() <= 1024 ? text : text.substring(0, 1021) + "...")
        .write();
    return StepExit.OK;
  }
}
