package io.aiops.catalog.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.json.Json;

/** One run outcome as each receiver wants it: Slack blocks, a plain JSON document, a GitHub commit status. */
final class Messages {
  static final ObjectMapper JSON = Json.mapper();
  /** GitHub refuses a commit status description over 140 characters. */
  static final int GITHUB_DESCRIPTION_MAX = 140;

  private Messages() {}

  /** Slack incoming webhook: blocks for people, {@code text} for notifications and clients without blocks. */
  static ObjectNode slack(RunOutcome run) {
    ObjectNode message = JSON.createObjectNode();
    message.put("text", plainText(run));
    ArrayNode blocks = message.putArray("blocks");
    section(blocks, (run.status().ok() ? ":white_check_mark: *" : ":x: *") + mrkdwn(run.pipeline() + " "
        + run.status().words) + "*: PipelineRun `" + mrkdwn(run.pipelineRun()) + "`"
        + (run.namespace() == null || run.namespace().isBlank() ? "" : " in `" + mrkdwn(run.namespace()) + "`"));
    run.gateLine().ifPresent(line -> section(blocks, "*" + mrkdwn(line) + "*"));
    run.gate().filter(g -> !g.failedClauses().isEmpty()).ifPresent(g -> {
      StringBuilder failed = new StringBuilder("Failed clauses:");
      g.failedClauses().forEach(c -> failed.append("\n• ").append(mrkdwn(c)));
      section(blocks, failed.toString());
    });
    if (run.detailsUrl() != null && !run.detailsUrl().isBlank()) {
      ObjectNode context = blocks.addObject().put("type", "context");
      context.putArray("elements").addObject().put("type", "mrkdwn")
          .put("text", "<" + run.detailsUrl().replace("|", "%7C").replace(">", "%3E") + "|Where to look>");
    }
    return message;
  }

  /** A generic webhook: every field by name, and the same one-paragraph text. */
  static ObjectNode webhook(RunOutcome run) {
    ObjectNode message = JSON.createObjectNode();
    message.put("pipeline", run.pipeline());
    message.put("pipelineRun", run.pipelineRun());
    message.put("namespace", run.namespace());
    message.put("status", run.status().name());
    message.put("succeeded", run.status().ok());
    run.gate().ifPresent(g -> {
      ObjectNode gate = message.putObject("gate");
      gate.put("verdict", g.verdict());
      ObjectNode figures = gate.putObject("figures");
      g.figures().forEach(figures::put);
      g.failedClauses().forEach(gate.putArray("failedClauses")::add);
    });
    message.put("detailsUrl", run.detailsUrl());
    message.put("text", plainText(run));
    return message;
  }

  /** POST /repos/{owner}/{repo}/statuses/{sha}: state, a description GitHub accepts, the context, the link. */
  static ObjectNode githubStatus(RunOutcome run, String context) {
    ObjectNode status = JSON.createObjectNode();
    status.put("state", switch (run.status()) {
      case SUCCEEDED, COMPLETED -> "success";
      case FAILED -> "failure";
      case NONE -> "error";
    });
    String description = run.status().words + run.gateLine().map(l -> "; " + l).orElse("")
        + run.gate().filter(g -> !g.failedClauses().isEmpty()).map(g -> "; failed: " + g.failedClauses().get(0))
        .orElse("");
    status.put("description", description.length() <= GITHUB_DESCRIPTION_MAX ? description
        : description.substring(0, GITHUB_DESCRIPTION_MAX - 3) + "...");
    status.put("context", context);
    if (run.detailsUrl() != null && !run.detailsUrl().isBlank()) {
      status.put("target_url", run.detailsUrl());
    }
    return status;
  }

  static String plainText(RunOutcome run) {
    StringBuilder text = new StringBuilder(run.headline());
    run.gateLine().ifPresent(l -> text.append(". ").append(l));
    run.gate().filter(g -> !g.failedClauses().isEmpty())
        .ifPresent(g -> text.append(". Failed clauses: ").append(String.join("; ", g.failedClauses())));
    if (run.detailsUrl() != null && !run.detailsUrl().isBlank()) {
      text.append(". Details: ").append(run.detailsUrl());
    }
    return text.toString();
  }

  private static void section(ArrayNode blocks, String mrkdwn) {
    blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
  }

  /** Slack's mrkdwn treats &, < and > as control characters: a clause like "recall >= 0.8" must be escaped. */
  static String mrkdwn(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
