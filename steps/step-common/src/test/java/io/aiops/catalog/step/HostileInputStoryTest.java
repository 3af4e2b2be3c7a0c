package io.aiops.catalog.step;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.aiops.catalog.step.http.HttpOptions;
import io.aiops.catalog.step.http.ResponseBodies;
import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.step.kube.KubeName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The attacker's and the unlucky operator's stories, told to a small command built like every step (the shared
 * mixins, the shared command-line set-up) against a real HTTP server on a free port.
 */
class HostileInputStoryTest {
  static final String TOKEN = "sha256~Zk9vQmFyLXNlY3JldC10b2tlbi0xMjM0NTY3ODkw";

  @Command(name = "demo")
  static class Demo implements Callable<Integer> {
    @Mixin StepOptions step;
    @Mixin HttpOptions http;
    @Option(names = "--url") URI url;
    @Option(names = {"-n", "--namespace"}, converter = KubeName.Label.class) String namespace;
    @Option(names = "--isvc", converter = KubeName.Subdomain.class) String isvc;
    @Option(names = "--report-dir") @Output Path reportDir;

    @Override
    public Integer call() {
      var answer = http.client(step.log()).get(url.resolve("/apis/" + namespace + "/" + isvc));
      step.log().info("server said: %s", answer.body());
      System.out.println("stdout report: " + answer.body());
      step.results().put(() -> "answer", answer.body().substring(0, Math.min(200, answer.body().length()))).write();
      if (reportDir != null) {
        io.aiops.catalog.step.io.AtomicFiles.write(reportDir.resolve("summary.json"),
            "{\"last\":\"" + answer.body().replace("\"", "'") + "\"}\n");
      }
      throw StepException.unavailable("HTTP " + answer.statusCode() + ": " + ResponseBodies.excerpt(answer.body()),
          null);
    }
  }

  HttpServer server;
  AtomicInteger requests = new AtomicInteger();
  StringWriter err = new StringWriter();
  StringWriter out = new StringWriter();
  @TempDir Path dir;

  @BeforeEach
  void hostileServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // as some proxies do: the 401 page quotes the request's Authorization header, in HTML and in JSON
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      byte[] body = ("<html><head><title>401 " + auth + "</title></head><body><pre>Authorization: " + auth
          + "</pre>{\"token\":\"" + auth.substring(7) + "\"}</body></html>").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  int run(String... args) {
    CommandLine cl = StepCommandLine.configure(new CommandLine(new Demo()));
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(out, true));
    var sysOut = new java.io.ByteArrayOutputStream();
    var sysErr = new java.io.ByteArrayOutputStream();
    var oldOut = System.out;
    var oldErr = System.err;
    System.setOut(new java.io.PrintStream(sysOut, true, StandardCharsets.UTF_8));
    System.setErr(new java.io.PrintStream(sysErr, true, StandardCharsets.UTF_8));
    try {
      return cl.execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      out.write(sysOut.toString(StandardCharsets.UTF_8));
      err.write(sysErr.toString(StandardCharsets.UTF_8));
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void theEchoedTokenIsInNoFileTheRunWroteNorInItsOutput() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Path artifacts = dir.resolve("artifacts");
    Path results = dir.resolve("results");
    Path report = dir.resolve("report");
    int code = run("--url", url(), "-n", "my-models", "--isvc", "m", "--token-file", tokenFile.toString(),
        "--artifacts-dir", artifacts.toString(), "--results-dir", results.toString(), "--report-dir",
        report.toString(), "--verbose");

    assertThat(code).isEqualTo(4);
    assertThat(requests).hasValue(1);
    List<Path> written;
    try (Stream<Path> files = Files.walk(dir)) {
      written = files.filter(Files::isRegularFile).filter(f -> !f.equals(tokenFile)).toList();
    }
    assertThat(written).extracting(f -> f.getFileName().toString())
        .contains("log.txt", "FAILURE", "options.json", "command.txt", "summary.json", "answer");
    for (Path f : written) {
      assertThat(Files.readString(f)).as(f.toString()).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(7));
    }
    assertThat(err.toString()).contains("<redacted>").doesNotContain(TOKEN.substring(7));
    assertThat(out.toString()).contains("stdout report").doesNotContain(TOKEN.substring(7));
    // the raw HTML page is summarized to one line: status and title
    assertThat(Files.readString(artifacts.resolve("001__demo__main/FAILURE")))
        .isEqualTo("HTTP 401: HTML page: 401 Bearer <redacted>\n");
  }

  @Test
  void aTraversalNameIsRefusedNamingTheRuleAndNothingIsRequested() {
    assertThat(run("--url", url(), "-n", "../../secrets?x=", "--isvc", "m")).isEqualTo(2);
    assertThat(err.toString()).contains("'../../secrets?x=' is not a valid name").contains("RFC 1123 label");
    assertThat(run("--url", url(), "-n", "ok", "--isvc", "../../../api/v1/secrets")).isEqualTo(2);
    assertThat(err.toString()).contains("RFC 1123 subdomain");
    assertThat(requests).hasValue(0);
  }

  @Test
  void anOutputThatIsAFileIsExit2BeforeAnyRequest() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    assertThat(run("--url", url(), "-n", "a", "--isvc", "b", "--results-dir", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--results-dir " + file + " is a file, not a directory");
    assertThat(run("--url", url(), "-n", "a", "--isvc", "b", "--report-dir", file.resolve("sub").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("cannot be created: " + file + " is a file");
    assertThat(requests).hasValue(0);
  }

  @Test
  void jsonLogsStayOneObjectALineWithTheStackTraceInAField() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
    assertThat(run("--url", url(), "-n", "a", "--isvc", "b", "--token-file", tokenFile.toString(),
        "--log-format", "json", "--verbose")).isEqualTo(4);
    ObjectMapper json = new ObjectMapper();
    List<String> lines = err.toString().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSizeGreaterThan(1);
    for (String line : lines) {
      assertThat(json.readTree(line).isObject()).as(line).isTrue();
    }
    assertThat(lines).anySatisfy(l -> assertThat(json.readTree(l).path("stack").asText()).contains("at io.aiops"));
  }

  @Test
  void aTokenOverPlainHttpToAnotherHostIsWarnedAbout() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
    // 192.0.2.1 (TEST-NET-1) is never routed: the warning comes before the connection attempt fails
    run("--url", "http://192.0.2.1:9", "-n", "a", "--isvc", "b", "--token-file", tokenFile.toString(),
        "--http-timeout", "1s", "--http-retries", "0");
    assertThat(err.toString()).contains("WARN  the bearer token is sent to 192.0.2.1 over plain http://");
    err.getBuffer().setLength(0);
    run("--url", url(), "-n", "a", "--isvc", "b", "--token-file", tokenFile.toString());
    assertThat(err.toString()).doesNotContain("plain http://");
  }
}
