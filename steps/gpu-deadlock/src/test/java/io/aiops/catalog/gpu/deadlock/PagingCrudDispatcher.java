package io.aiops.catalog.gpu.deadlock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fabric8's CRUD dispatcher, with list paging as a real API server does it: a GET with {@code limit} answers that
 * many items and a {@code metadata.continue} token for the rest (the CRUD dispatcher alone ignores both and answers
 * everything at once, so a client that never follows {@code continue} would look right there). Counts the pages.
 */
final class PagingCrudDispatcher extends KubernetesCrudDispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  final AtomicInteger pages = new AtomicInteger();

  PagingCrudDispatcher() {
    super(List.of());
  }

  @Override
  public MockResponse handleGet(String path) {
    int q = path.indexOf('?');
    Map<String, String> query = q < 0 ? Map.of() : query(path.substring(q + 1));
    if (!query.containsKey("limit") || "true".equals(query.get("watch"))) {
      return super.handleGet(path);
    }
    Map<String, String> rest = new LinkedHashMap<>(query);
    int limit = Integer.parseInt(rest.remove("limit"));
    int from = rest.containsKey("continue") ? Integer.parseInt(rest.remove("continue")) : 0;
    StringBuilder all = new StringBuilder(path.substring(0, q < 0 ? path.length() : q));
    rest.forEach((k, v) -> all.append(all.indexOf("?") < 0 ? '?' : '&').append(k).append('=')
        .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
    MockResponse full = super.handleGet(all.toString());
    if (full.code() != 200) {
      return full;
    }
    try {
      ObjectNode list = (ObjectNode) JSON.readTree(full.getBody().readUtf8());
      ArrayNode items = (ArrayNode) list.path("items");
      ArrayNode page = JSON.createArrayNode();
      for (int i = from; i < Math.min(items.size(), from + limit); i++) {
        page.add(items.get(i));
      }
      list.set("items", page);
      ObjectNode metadata = list.with("metadata");
      if (from + limit < items.size()) {
        metadata.put("continue", Integer.toString(from + limit));
        metadata.put("remainingItemCount", items.size() - from - limit);
      } else {
        metadata.remove("continue");
      }
      pages.incrementAndGet();
      return new MockResponse().setResponseCode(200).setBody(JSON.writeValueAsString(list));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> query(String q) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
