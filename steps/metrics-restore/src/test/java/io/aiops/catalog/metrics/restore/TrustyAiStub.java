package io.aiops.catalog.metrics.restore;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.trustyai.MetricType;
import io.aiops.catalog.trustyai.ServiceDefaults;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful TrustyAI service for tests: a WireMock extension that keeps scheduled requests in memory and answers
 * the way the captured service does (tests/fixtures/trustyai/API.md and samples/): listings in hash order,
 * duplicates scheduled twice, 400s with the service's violation texts, empty-body 400s for malformed JSON and
 * lower-case type names, and no answer at all to a POST without a body. Listing objects take the samples' shape:
 * "@type", metricName, typed values, defaults filled in, the reference fitting of the captured listing.
 *
 * <p>Faults on demand: {@link #unavailableRate} answers 503 without scheduling (what StepHttp may retry),
 * {@link #lostAnswerRate} schedules and then drops the connection (the "POST sent, answer lost" window),
 * {@link #latencyMs} delays every answer. It counts POSTs, and how many were in the server at once.
 */
public final class TrustyAiStub implements ResponseDefinitionTransformerV2 {
  public static final String NAME = "trustyai-stub";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
  private static final List<String> TAGS = List.of("_trustyai_unlabeled", "TRAINING");
  private static final Map<String, String> TYPE_NAMES = Map.of("SPD", "GroupMetricRequest",
      "DIR", "GroupMetricRequest", "MEANSHIFT", "MeanshiftMetricRequest", "KSTEST", "KSTestMetricRequest",
      "APPROXKSTEST", "ApproxKSTestMetricRequest", "FOURIERMMD", "FourierMMDMetricRequest",
      "IDENTITY", "IdentityMetricRequest");

  /** Hash order, like the service's own map: never insertion order. */
  private final Map<String, ObjectNode> scheduled = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> models = new LinkedHashMap<>();
  private final Map<String, ObjectNode> sampleDrift = new LinkedHashMap<>();
  private final Random random = new Random(42);
  public volatile double unavailableRate;
  public volatile double lostAnswerRate;
  public volatile int latencyMs;
  public final AtomicInteger posts = new AtomicInteger();
  public final AtomicInteger inFlight = new AtomicInteger();
  public final AtomicInteger maxInFlight = new AtomicInteger();

  public TrustyAiStub() {
    sample("info_after_schedule.json").fields().forEachRemaining(m -> models.put(m.getKey(), (ObjectNode) m.getValue()));
    for (JsonNode entry : sample("list_all_requests_t0.json").path("requests")) {
      ObjectNode request = (ObjectNode) entry.get("request");
      sampleDrift.putIfAbsent(request.path("metricName").asText(), request);
    }
  }

  /**
   * A started WireMock server answering every request through this stub. HTTP/1.1 only, as the captured service
   * answered: WireMock's h2c upgrade would put every request on one multiplexed connection the real one never had.
   */
  public static WireMockServer start(TrustyAiStub stub) {
    return start(stub, true);
  }

  /** @param requestLog false for benchmarks: WireMock then keeps no copy of each request it served */
  public static WireMockServer start(TrustyAiStub stub, boolean requestLog) {
    var options = options().dynamicPort().http2PlainDisabled(true).jettyAcceptors(1);
    if (!requestLog) {
      options.disableRequestJournal();
    }
    WireMockServer server = new WireMockServer(options.containerThreads(80)
        .asynchronousResponseEnabled(true).asynchronousResponseThreads(40).extensions(stub, stub.new InFlightCounter()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(NAME)));
    return server;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /** What the service lists now, as its GET /metrics/all/requests would. */
  public List<ObjectNode> listing() {
    return new ArrayList<>(scheduled.values());
  }

  public Map<String, ObjectNode> scheduledById() {
    return Map.copyOf(scheduled);
  }

  /** Schedules as a POST would (the same validation); returns the new id. */
  public String schedule(ObjectNode listedRequest) {
    String metric = listedRequest.path("metricName").asText().toUpperCase(Locale.ROOT);
    ObjectNode listed = toListing(metric, listedRequest);
    String id = UUID.randomUUID().toString();
    scheduled.put(id, listed);
    return id;
  }

  public void clear() {
    scheduled.clear();
  }

  /** Counts the POSTs inside the server, from arrival to the last byte of the answer (delay included). */
  private final class InFlightCounter implements ServeEventListener {
    @Override
    public String getName() {
      return NAME + "-in-flight";
    }

    @Override
    public void beforeMatch(ServeEvent event, Parameters parameters) {
      if ("POST".equals(event.getRequest().getMethod().value())) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      }
    }

    @Override
    public void afterComplete(ServeEvent event, Parameters parameters) {
      if ("POST".equals(event.getRequest().getMethod().value())) {
        inFlight.decrementAndGet();
      }
    }
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    String path = request.getUrl().replaceAll("\\?.*", "");
    String method = request.getMethod().value();
    ResponseDefinitionBuilder answer;
    if ("GET".equals(method) && path.equals("/q/health/ready")) {
      answer = json(200, "{\"status\":\"UP\",\"checks\":[]}");
    } else if ("GET".equals(method) && path.equals("/metrics/all/requests")) {
      answer = list(request.queryParameter("type").isPresent() ? request.queryParameter("type").firstValue() : null);
    } else if ("POST".equals(method) && path.endsWith("/request") && metricOf(path) != null) {
      posts.incrementAndGet();
      answer = post(metricOf(path), request.getBodyAsString());
    } else {
      answer = aResponse().withStatus(404).withHeader("Content-Type", "text/plain;charset=UTF-8")
          .withBody("Error: The queried endpoint \"" + path + "\" does not exist within or is not provided by this "
              + "version of TrustyAI.");
    }
    if (latencyMs > 0) {
      answer = answer.withFixedDelay(latencyMs);
    }
    return answer.build();
  }

  private ResponseDefinitionBuilder list(String type) {
    if (type != null && !type.equals("all") && !type.equals("fairness")) {
      return aResponse().withStatus(400).withHeader("Content-Type", "text/plain;charset=UTF-8")
          .withBody("Invalid type parameter: " + type);
    }
    ObjectNode root = JSON.createObjectNode();
    ArrayNode requests = root.putArray("requests");
    scheduled.forEach((id, r) -> {
      String metric = r.path("metricName").asText();
      if (!"fairness".equals(type) || metric.equals("SPD") || metric.equals("DIR")) {
        requests.addObject().put("id", id).set("request", r.deepCopy());
      }
    });
    return json(200, root.toString());
  }

  private ResponseDefinitionBuilder post(String metric, String body) {
    if (body == null || body.isEmpty()) {
      // the real service keeps the connection open and closes it after ~60 s without a response
      return aResponse().withFixedDelay(60_000).withFault(Fault.EMPTY_RESPONSE);
    }
    synchronized (random) {
      if (random.nextDouble() < unavailableRate) {
        return aResponse().withStatus(503).withBody("Service Unavailable");
      }
    }
    ObjectNode request;
    try {
      JsonNode parsed = JSON.readTree(body);
      if (!(parsed instanceof ObjectNode object) || hasBadValue(object)) {
        return aResponse().withStatus(400);
      }
      request = object;
    } catch (JsonProcessingException e) {
      return aResponse().withStatus(400);
    }
    List<String[]> violations = StubValidation.violations(metric, request, models, TAGS);
    if (!violations.isEmpty()) {
      ObjectNode root = JSON.createObjectNode().put("title", "Constraint Violation").put("status", 400);
      ArrayNode list = root.putArray("violations");
      violations.forEach(v -> list.addObject().put("field", v[0]).put("message", v[1]));
      list.addObject().put("field", "createRequest.request").put("message",
          "The supplied metric request details are not valid.");
      return json(400, root.toString()).withHeader("validation-exception", "true");
    }
    String id = UUID.randomUUID().toString();
    scheduled.put(id, toListing(metric, request));
    synchronized (random) {
      if (random.nextDouble() < lostAnswerRate) {
        return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
      }
    }
    return json(200, JSON.createObjectNode().put("requestId", id)
        .put("timestamp", TIMESTAMP.format(OffsetDateTime.now(ZoneOffset.UTC))).toString());
  }

  /** Typed values with lower-case type names, or arrays, fail deserialisation: 400 with an empty body. */
  private static boolean hasBadValue(ObjectNode request) {
    for (String field : RequestContent.TYPED) {
      JsonNode v = request.get(field);
      if (v != null && (v.isArray() || (v.isObject() && !v.path("type").asText().equals(
          v.path("type").asText().toUpperCase(Locale.ROOT))))) {
        return true;
      }
    }
    return false;
  }

  /** The listing object the service makes of a request: its shape in the samples, field by field. */
  private ObjectNode toListing(String metric, ObjectNode in) {
    ObjectNode out = JSON.createObjectNode();
    out.put("@type", TYPE_NAMES.getOrDefault(metric, "BaseMetricRequest"));
    out.set("modelId", in.get("modelId"));
    out.set("requestName", in.has("requestName") ? in.get("requestName") : JSON.getNodeFactory().nullNode());
    out.put("metricName", metric);
    out.set("batchSize", in.hasNonNull("batchSize") ? in.get("batchSize") : JSON.getNodeFactory().numberNode(5000));
    if (metric.equals("SPD") || metric.equals("DIR")) {
      ObjectNode model = models.get(in.path("modelId").asText());
      String attributeType = model.at("/data/inputSchema/items/" + in.path("protectedAttribute").asText() + "/type")
          .asText();
      String outcomeType = model.at("/data/outputSchema/items/" + in.path("outcomeName").asText() + "/type").asText();
      out.set("protectedAttribute", in.get("protectedAttribute"));
      out.set("outcomeName", in.get("outcomeName"));
      out.set("privilegedAttribute", typed(in.get("privilegedAttribute"), attributeType));
      out.set("unprivilegedAttribute", typed(in.get("unprivilegedAttribute"), attributeType));
      out.set("favorableOutcome", typed(in.get("favorableOutcome"), outcomeType));
      out.set("thresholdDelta", in.has("thresholdDelta") ? in.get("thresholdDelta") : JSON.getNodeFactory().nullNode());
      return out;
    }
    // what the real service fills in where the request leaves it out (fixtures/trustyai/real-service)
    ObjectNode filled = ServiceDefaults.fill(MetricType.fromMetricName(metric).orElseThrow(), in);
    if (metric.equals("IDENTITY")) {
      out.set("columnName", in.get("columnName"));
      out.set("lowerThreshold", filled.get("lowerThreshold"));
      out.set("upperThreshold", filled.get("upperThreshold"));
      return out;
    }
    ObjectNode sample = sampleDrift.get(metric);
    out.set("thresholdDelta", filled.get("thresholdDelta"));
    out.set("referenceTag", in.get("referenceTag"));
    out.set("fitColumns", in.has("fitColumns") ? in.get("fitColumns") : sample.get("fitColumns"));
    for (String field : List.of("parameters", "gamma", "epsilon")) {
      if (sample.has(field)) {
        out.set(field, filled.get(field));
      }
    }
    for (String field : List.of("fitting", "sketchFitting")) {
      if (sample.has(field)) {
        out.set(field, in.has(field) ? in.get(field) : sample.get(field));
      }
    }
    return out;
  }

  private static JsonNode typed(JsonNode value, String type) {
    if (value.isObject()) {
      return value;
    }
    return JSON.createObjectNode().put("type", type).set("value", value);
  }

  /** Route by path: /metrics/group/fairness/spd/request, legacy /metrics/spd/request, /metrics/drift/x/request. */
  private static String metricOf(String path) {
    String[] parts = path.split("/");
    String name = parts.length >= 2 ? parts[parts.length - 2].toUpperCase(Locale.ROOT) : "";
    return TYPE_NAMES.containsKey(name) ? name : null;
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
        .withBody(body);
  }

  static ObjectNode sample(String name) {
    try (InputStream in = TrustyAiStub.class.getResourceAsStream("/trustyai/samples/" + name)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sampleText(String name) {
    try (InputStream in = TrustyAiStub.class.getResourceAsStream("/trustyai/samples/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
