package io.aiops.catalog.step.kube.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.DefaultMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records the Kubernetes API requests a step makes in a mock-server story, so that tests/catalog-contract can prove
 * the shipped RBAC grants exactly them. After each test it drains the fabric8 mock server's recorded requests, keeps
 * those the step made (its client carries {@link #STEP_USER_AGENT}; the test's own client, built from
 * {@code Config.empty()}, does not read that property) and appends them to
 * {@code target/api-requests/<test class>.jsonl}, each tagged with the step and the mode.
 *
 * <pre>{@code @RegisterExtension ApiRequestRecorder api = ApiRequestRecorder.record("gpu-deadlock", "fix");}</pre>
 *
 * The mock server is the test's {@code KubernetesMockServer} field (instance or static), or {@link #from}. A story
 * whose step runs in another mode than its class's says so with {@code @Tag("mode:all-namespaces")}.
 */
public final class ApiRequestRecorder implements BeforeEachCallback, AfterEachCallback {
  /** The user agent of the step's client: the fabric8 system property every auto-configured client reads. */
  public static final String STEP_USER_AGENT = "aiops-catalog-step-under-test";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The files this JVM has started: one per test class, rewritten by each run, so no stale request stays. */
  private static final Set<Path> STARTED = ConcurrentHashMap.newKeySet();

  private final String step;
  private final String mode;
  private final Supplier<DefaultMockServer> server;

  private ApiRequestRecorder(String step, String mode, Supplier<DefaultMockServer> server) {
    this.step = step;
    this.mode = mode;
    this.server = server;
  }

  public static ApiRequestRecorder record(String step, String mode) {
    return new ApiRequestRecorder(step, mode, null);
  }

  /** For a mock server the test class does not hold in a field (one per JVM, say). */
  public ApiRequestRecorder from(Supplier<DefaultMockServer> mockServer) {
    return new ApiRequestRecorder(step, mode, mockServer);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    System.setProperty("kubernetes.user.agent", STEP_USER_AGENT);
    DefaultMockServer mock = server(context);
    if (mock != null) {
      drain(mock); // requests of earlier tests sharing this server belong to them
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    DefaultMockServer mock = server(context);
    if (mock == null) {
      throw new IllegalStateException("ApiRequestRecorder: no KubernetesMockServer field in "
          + context.getRequiredTestClass().getName() + "; give one with from(...)");
    }
    String test = context.getRequiredTestClass().getSimpleName() + "#" + context.getRequiredTestMethod().getName();
    String storyMode = context.getTags().stream().filter(t -> t.startsWith("mode:")).map(t -> t.substring(5))
        .findFirst().orElse(mode);
    List<String> lines = new ArrayList<>();
    for (RecordedRequest request : drain(mock)) {
      if (!STEP_USER_AGENT.equals(request.getHeader("User-Agent"))) {
        continue; // the test's own set-up and assertions
      }
      String path = request.getPath();
      int q = path.indexOf('?');
      Map<String, String> line = new LinkedHashMap<>();
      line.put("step", step);
      line.put("mode", storyMode);
      line.put("test", test);
      line.put("method", request.getMethod());
      line.put("path", q < 0 ? path : path.substring(0, q));
      line.put("query", q < 0 ? "" : path.substring(q + 1));
      lines.add(JSON.writeValueAsString(line));
    }
    Path file = file(context);
    if (STARTED.add(file)) {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
    }
    Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static List<RecordedRequest> drain(DefaultMockServer mock) {
    List<RecordedRequest> out = new ArrayList<>();
    try {
      for (RecordedRequest r = mock.takeRequest(50, TimeUnit.MILLISECONDS); r != null;
          r = mock.takeRequest(50, TimeUnit.MILLISECONDS)) {
        out.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  private DefaultMockServer server(ExtensionContext context) {
    if (server != null) {
      return server.get();
    }
    Object instance = context.getTestInstance().orElse(null);
    for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (DefaultMockServer.class.isAssignableFrom(field.getType())
            && (instance != null || Modifier.isStatic(field.getModifiers()))) {
          try {
            field.setAccessible(true);
            return (DefaultMockServer) field.get(Modifier.isStatic(field.getModifiers()) ? null : instance);
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return null;
  }

  private static Path file(ExtensionContext context) {
    String dir = System.getProperty("api-requests.dir", "target/api-requests");
    return Path.of(dir).resolve(context.getRequiredTestClass().getName() + ".jsonl");
  }
}
