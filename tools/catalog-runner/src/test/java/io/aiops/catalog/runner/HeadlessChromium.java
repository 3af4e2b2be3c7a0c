package io.aiops.catalog.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real headless Debian Chromium, driven over the DevTools protocol with the JDK's own WebSocket client: open a
 * page, collect console errors, evaluate an expression, take a screenshot.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
  private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  HeadlessChromium(Path profile) throws IOException, InterruptedException {
    process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1280,2000", "about:blank")
        .redirectErrorStream(true).start();
    String browserWs = null;
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.contains("DevTools listening on ")) {
        browserWs = line.substring(line.indexOf("ws://"));
        break;
      }
    }
    if (browserWs == null) {
      throw new IOException("chromium did not start its DevTools endpoint");
    }
    Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
    drain.setDaemon(true);
    drain.start();
    URI base = URI.create("http://" + URI.create(browserWs).getAuthority());
    HttpClient http = HttpClient.newHttpClient();
    String pageWs = null;
    for (int i = 0; i < 50 && pageWs == null; i++) {
      JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/json/list")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      for (JsonNode t : targets) {
        if ("page".equals(t.path("type").asText())) {
          pageWs = t.path("webSocketDebuggerUrl").asText();
        }
      }
      if (pageWs == null) {
        Thread.sleep(100);
      }
    }
    socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new Listener()).join();
    call("Runtime.enable", null);
    call("Log.enable", null);
    call("Page.enable", null);
  }

  List<String> consoleErrors() {
    return consoleErrors;
  }

  void open(Path file) {
    loaded = new CompletableFuture<>();
    ObjectNode p = JSON.createObjectNode().put("url", file.toUri().toString());
    call("Page.navigate", p);
    loaded.orTimeout(30, TimeUnit.SECONDS).join();
  }

  JsonNode evaluate(String expression) {
    ObjectNode p = JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
    JsonNode r = call("Runtime.evaluate", p);
    return r.path("result").path("value");
  }

  void screenshot(Path png) throws IOException {
    JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
  }

  private JsonNode call(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    if (params != null) {
      msg.set("params", params);
    }
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    calls.put(id, f);
    socket.sendText(msg.toString(), true).join();
    return f.orTimeout(30, TimeUnit.SECONDS).join();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        handle(buffer.toString());
        buffer.setLength(0);
      }
      ws.request(1);
      return null;
    }

    private void handle(String text) {
      try {
        JsonNode m = JSON.readTree(text);
        if (m.has("id")) {
          var f = calls.remove(m.get("id").asInt());
          if (f != null) {
            f.complete(m.path("result"));
          }
          return;
        }
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        if (method.equals("Page.loadEventFired")) {
          loaded.complete(null);
        } else if (method.equals("Runtime.consoleAPICalled") && p.path("type").asText().equals("error")) {
          consoleErrors.add("console.error: " + p.path("args").toString());
        } else if (method.equals("Runtime.exceptionThrown")) {
          consoleErrors.add("exception: " + p.path("exceptionDetails").toString());
        } else if (method.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
          consoleErrors.add("log: " + p.path("entry").path("text").asText());
        }
      } catch (IOException e) {
        consoleErrors.add("unreadable DevTools message: " + e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    socket.abort();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
  }

}
