package io.aiops.catalog.step;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.http.Redaction;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a step tells its user, on stderr (Tekton shows it as the step log), as text or one JSON object a line.
 * Every line is also kept so the artifact directory can hold the run's log. Every line is redacted
 * ({@link Redaction}) before it is printed or kept: messages quote what servers sent.
 */
public final class StepLog {
  private static final ObjectMapper JSON = Json.mapper();

  private final String step;
  private final LogFormat format;
  private final boolean verbose;
  private final PrintStream out;
  private final List<String> lines = new ArrayList<>();

  public StepLog(String step, LogFormat format, boolean verbose, PrintStream out) {
    this.step = step;
    this.format = format;
    this.verbose = verbose;
    this.out = out;
  }

  public void debug(String message, Object... args) {
    if (verbose) {
      emit("DEBUG", message, args);
    }
  }

  public void info(String message, Object... args) {
    emit("INFO", message, args);
  }

  public void warn(String message, Object... args) {
    emit("WARN", message, args);
  }

  public void error(String message, Object... args) {
    emit("ERROR", message, args);
  }

  /**
   * The stack trace of a failure (asked for with --verbose): as text lines, or in JSON as one object whose
   * {@code stack} field holds it, so that every line of a JSON log stays one JSON object.
   */
  public synchronized void stackTrace(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    String stack = Redaction.apply(trace.toString().stripTrailing());
    lines.add(Instant.now() + " " + stack);
    if (format == LogFormat.json) {
      ObjectNode line = JSON.createObjectNode();
      line.put("ts", Instant.now().toString());
      line.put("level", "DEBUG");
      line.put("step", step);
      line.put("msg", Redaction.apply(String.valueOf(failure)));
      line.put("stack", stack);
      out.println(line);
    } else {
      out.println(stack);
    }
    out.flush();
  }

  public boolean verbose() {
    return verbose;
  }

  /** Lines logged so far, text form, for the artifact directory. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  private synchronized void emit(String level, String message, Object... args) {
    String text = Redaction.apply(args.length == 0 ? message : String.format(message, args));
    String plain = String.format("%-5s %s", level, text);
    lines.add(Instant.now() + " " + plain);
    if (format == LogFormat.json) {
      ObjectNode line = JSON.createObjectNode();
      line.put("ts", Instant.now().toString());
      line.put("level", level);
      line.put("step", step);
      line.put("msg", text);
      out.println(line);
    } else {
      out.println(plain);
    }
    out.flush();
  }
}
