package io.aiops.catalog.model.validate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real model server of the tests: test resource model-server/serve_model.py (scikit-learn iris model, v1 and
 * v2 protocols) in a python3 process on a free port.
 */
final class ModelServer implements AutoCloseable {
  static final String PYTHON = "/usr/bin/python3";
  private final Process process;
  private final int port;

  private ModelServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ModelServer start(String... args) {
    List<String> command = new ArrayList<>(List.of(PYTHON, script().toString(), "--port", "0"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine(); // blocks until the model is trained and the socket bound
      if (line == null || !line.startsWith("LISTENING ")) {
        p.destroyForcibly();
        throw new IllegalStateException("model server did not start (needs python3-sklearn): " + line);
      }
      return new ModelServer(p, Integer.parseInt(line.substring("LISTENING ".length()).trim()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  static Path script() {
    try {
      return Path.of(ModelServer.class.getResource("/model-server/serve_model.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String fixture(String name) {
    try {
      return Path.of(ModelServer.class.getResource("/fixtures/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
