package io.aiops.catalog.gpu.deadlock;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD dispatcher, with lists answered as a real API server answers them, from an index: each collection
 * (group/version/plural) keeps its objects by {@code namespace/name}, in that key order, as etcd does. A GET with
 * {@code limit} answers that many matching items and a {@code metadata.continue} token (the API server's encoding:
 * base64 JSON of the resourceVersion and the key to start from) while keys are left, {@code remainingItemCount} when
 * there is no selector, and the store's {@code resourceVersion}; label selectors are matched as the CRUD dispatcher
 * matches them. (The CRUD dispatcher alone ignores {@code limit} and {@code continue}, so a client that never
 * follows {@code continue} would look right there.) Writes go through the CRUD dispatcher and then into the index;
 * {@link #load} puts objects in both directly, so a benchmark's 100,000 pods load in seconds where 100,000 HTTP
 * creates take hours (the CRUD store scans itself on every create). Later pages are read from the store as it is
 * then, not from a snapshot at the first page's resourceVersion. {@link #compactAfterPages} stands for etcd's
 * compaction (every 5 minutes): a token older than it is answered 410 Gone, whose Status carries a token that goes
 * on from the same key at the newest revision (resourceVersion -1), as the API server answers. Also answers the
 * legacy discovery kubectl asks for before {@code get pods}. Counts the list pages it served, and the 410s.
 */
final class PagingCrudDispatcher extends KubernetesCrudDispatcher {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final Pattern COLLECTION =
      Pattern.compile("^(/api/v1|/apis/[^/]+/[^/]+)(?:/namespaces/([^/]+))?/([^/]+)$");
  private static final Pattern ITEM =
      Pattern.compile("^(/api/v1|/apis/[^/]+/[^/]+)(?:/namespaces/([^/]+))?/([^/]+)/([^/]+)(/status)?$");

  final AtomicInteger pages = new AtomicInteger();
  final AtomicInteger expired = new AtomicInteger();
  private final Map<String, NavigableMap<String, Item>> collections = new ConcurrentHashMap<>();
  private final Map<String, String> listKinds = new ConcurrentHashMap<>();
  private final AtomicLong latest = new AtomicLong();   // the newest resourceVersion written, a list's own
  private volatile int compactAfterPages = Integer.MAX_VALUE;
  private volatile long compactedBelow;   // tokens of an older resourceVersion are gone

  private static final String INCONSISTENT_CONTINUE = "The provided continue parameter is too old to display a "
      + "consistent list result. You can start a new list without the continue parameter, or use the continue token "
      + "in this response to retrieve the remainder of the results. Continuing with the provided token results in an "
      + "inconsistent list - objects that were created, modified, or deleted between the time the first chunk was "
      + "returned and now may show up in the list.";

  private record Item(AttributeSet attributes, String json) {}

  /** Where a continue token goes on from: the key to start at, at a resourceVersion (-1: the newest). */
  private record Continue(long resourceVersion, String start) {}

  PagingCrudDispatcher() {
    super(List.of());
  }

  /** When that many list pages are served, compacts once: every continue token given until then is too old. */
  PagingCrudDispatcher compactAfterPages(int served) {
    compactAfterPages = served;
    return this;
  }

  /** Puts the objects in the store as created and status-updated (uid, resourceVersion, creationTimestamp set). */
  PagingCrudDispatcher load(Collection<? extends HasMetadata> objects) {
    String now = Instant.now().toString();
    for (HasMetadata o : objects) {
      var meta = o.getMetadata();
      meta.setUid(meta.getUid() != null ? meta.getUid() : UUID.randomUUID().toString());
      meta.setResourceVersion(Long.toString(requestResourceVersion()));
      meta.setCreationTimestamp(meta.getCreationTimestamp() != null ? meta.getCreationTimestamp() : now);
      String json = JSON.asJson(o);
      map.put(index(o, json), json);
    }
    return this;
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    return indexed(super.handleCreate(request));
  }

  @Override
  public MockResponse handleUpdate(RecordedRequest request) {
    return indexed(super.handleUpdate(request));
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    return indexed(super.handlePatch(request));
  }

  @Override
  public MockResponse handleDelete(String path) {
    MockResponse deleted = super.handleDelete(path);
    Matcher all = COLLECTION.matcher(path(path));
    if (deleted.code() / 100 == 2 && all.matches()) {   // a delete of a collection: drop what the store dropped
      NavigableMap<String, Item> items = collections.getOrDefault(all.group(1) + "/" + all.group(3), new TreeMap<>());
      items.keySet().removeIf(key -> (all.group(2) == null || key.startsWith(all.group(2) + "/"))
          && super.handleGet(all.group(1) + (all.group(2) == null ? "" : "/namespaces/" + all.group(2)) + "/"
          + all.group(3) + "/" + key.substring(key.indexOf('/') + 1)).code() == 404);
    }
    Matcher m = ITEM.matcher(path(path));
    if (deleted.code() / 100 == 2 && m.matches()) {
      MockResponse left = super.handleGet(path(path));   // still there while finalizers run
      if (left.code() == 200) {
        indexed(left);
      } else {
        NavigableMap<String, Item> items = collections.get(m.group(1) + "/" + m.group(3));
        if (items != null) {
          items.remove(key(m.group(2), m.group(4)));
        }
      }
    }
    return deleted;
  }

  @Override
  public MockResponse handleGet(String path) {
    Map<String, String> query = query(path);
    String discovery = discovery(path(path));
    if (discovery != null) {
      return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
          .setBody(discovery);
    }
    Matcher m = COLLECTION.matcher(path(path));
    if (!m.matches() || "true".equals(query.get("watch")) || query.containsKey("fieldSelector")) {
      return super.handleGet(path);
    }
    String collection = m.group(1) + "/" + m.group(3);
    NavigableMap<String, Item> items = collections.get(collection);
    if (items == null) {
      return super.handleGet(path);   // nothing of that kind yet: the CRUD dispatcher's empty list
    }
    try {
      return page(collection, items, m.group(2), path, query);
    } catch (RuntimeException e) {   // answered, so that a test fails on it instead of timing out
      return status(500, "InternalError", e.toString());
    }
  }

  private MockResponse page(String collection, NavigableMap<String, Item> items, String namespace, String path,
      Map<String, String> query) {
    int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 0;
    limit = limit > 0 ? limit : Integer.MAX_VALUE;   // limit=0, as none: everything
    Continue token;
    try {
      token = query.containsKey("continue") ? decode(query.get("continue")) : new Continue(-1, "");
    } catch (RuntimeException e) {
      return status(400, "BadRequest", "continue key is not valid: " + e.getMessage());
    }
    if (token.resourceVersion() >= 0 && token.resourceVersion() < compactedBelow) {
      expired.incrementAndGet();
      return status(410, "Expired", INCONSISTENT_CONTINUE, continueToken(-1, token.start()));
    }
    String start = token.start();
    NavigableMap<String, Item> range;
    if (namespace == null) {
      range = items.tailMap(start, true);
    } else {   // every key of the namespace: '0' follows '/'
      String from = start.compareTo(namespace + "/") > 0 ? start : namespace + "/";
      range = from.compareTo(namespace + "0") >= 0 ? new TreeMap<>() : items.subMap(from, true, namespace + "0", false);
    }
    AttributeSet wanted = getAttributeExtractor().fromPath(withoutPaging(path));
    boolean selector = query.containsKey("labelSelector");
    long resourceVersion = latest.get();
    StringBuilder body = new StringBuilder(64 * 1024);
    String last = null;
    int count = 0;
    int seen = 0;
    for (Map.Entry<String, Item> e : range.entrySet()) {
      if (count == limit) {
        break;
      }
      seen++;
      if (e.getValue().attributes().matches(wanted)) {
        body.append(count++ == 0 ? "" : ",").append(e.getValue().json());
      }
      last = e.getKey();
    }
    boolean more = last != null && range.higherKey(last) != null;
    StringBuilder list = new StringBuilder(body.length() + 256).append("{\"apiVersion\":\"")
        .append(collection.startsWith("/api/") ? "v1" : collection.substring("/apis/".length(),
            collection.lastIndexOf('/'))).append("\",\"kind\":\"").append(listKinds.get(collection))
        .append("\",\"metadata\":{\"resourceVersion\":\"").append(resourceVersion).append('"');
    if (more) {
      list.append(",\"continue\":\"").append(continueToken(resourceVersion, last + "\u0000")).append('"');
      if (!selector) {
        list.append(",\"remainingItemCount\":").append(range.size() - seen);
      }
    }
    list.append("},\"items\":[").append(body).append("]}");
    if (pages.incrementAndGet() == compactAfterPages) {
      compactedBelow = latest.get() + 1;
    }
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(list.toString());
  }

  /**
   * As the API server encodes it: base64 of {"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}, the start being
   * just after the last key served.
   */
  private static String continueToken(long resourceVersion, String start) {
    String json = "{\"v\":\"meta.k8s.io/v1\",\"rv\":" + resourceVersion + ",\"start\":"
        + JSON.asJson(start) + "}";
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Continue decode(String token) {
    @SuppressWarnings("unchecked")
    Map<String, Object> decoded = JSON.unmarshal(new String(Base64.getUrlDecoder().decode(token),
        StandardCharsets.UTF_8), Map.class);
    if (!"meta.k8s.io/v1".equals(decoded.get("v")) || !(decoded.get("start") instanceof String start)
        || !(decoded.get("rv") instanceof Number rv)) {
      throw new IllegalArgumentException("not a continue token of this server");
    }
    return new Continue(rv.longValue(), start);
  }

  private MockResponse indexed(MockResponse written) {
    if (written.code() / 100 == 2 && written.getBody() != null) {
      String json = new String(written.getBody().getBytes(), StandardCharsets.UTF_8);
      HasMetadata o = JSON.unmarshal(json);
      if (o != null && o.getMetadata() != null && o.getMetadata().getName() != null) {
        index(o, json);
      }
    }
    return written;
  }

  /** Indexes the object; answers its attributes as the CRUD store keys it (with its plural, as on a create). */
  private AttributeSet index(HasMetadata o, String json) {
    String apiVersion = o.getApiVersion();
    String plural = o instanceof GenericKubernetesResource ? o.getKind().toLowerCase(Locale.ROOT) + "s"
        : HasMetadata.getPlural(o.getClass());
    AttributeSet attributes = getAttributeExtractor().fromResource(json).add(new Attribute("plural", plural));
    String collection = (apiVersion.contains("/") ? "/apis/" : "/api/") + apiVersion + "/" + plural;
    String version = o.getMetadata().getResourceVersion();
    if (version != null && !version.isEmpty() && version.chars().allMatch(Character::isDigit)) {
      latest.accumulateAndGet(Long.parseLong(version), Math::max);
    }
    listKinds.putIfAbsent(collection, o.getKind() + "List");
    collections.computeIfAbsent(collection, c -> new ConcurrentSkipListMap<>())
        .put(key(o.getMetadata().getNamespace(), o.getMetadata().getName()), new Item(attributes, json));
    return attributes;
  }

  private static String key(String namespace, String name) {
    return (namespace == null ? "" : namespace) + "/" + name;
  }

  /** Legacy discovery for what the index holds: /api, /apis, /api/v1 and /apis/GROUP/VERSION. */
  private String discovery(String path) {
    if (path.equals("/api")) {
      return "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    collections.keySet().stream().filter(c -> c.startsWith("/apis/")).sorted().forEach(c -> {
      String[] parts = c.split("/");
      groups.computeIfAbsent(parts[2], g -> new java.util.ArrayList<>()).add(parts[3]);
    });
    if (path.equals("/apis")) {
      StringBuilder b = new StringBuilder("{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[");
      groups.forEach((group, versions) -> {
        String v = versions.get(0);
        b.append(b.charAt(b.length() - 1) == '[' ? "" : ",").append("{\"name\":\"").append(group)
            .append("\",\"versions\":[{\"groupVersion\":\"").append(group).append('/').append(v)
            .append("\",\"version\":\"").append(v).append("\"}],\"preferredVersion\":{\"groupVersion\":\"")
            .append(group).append('/').append(v).append("\",\"version\":\"").append(v).append("\"}}");
      });
      return b.append("]}").toString();
    }
    boolean core = path.equals("/api/v1");
    if (!core && !(path.startsWith("/apis/") && path.split("/").length == 4)) {
      return null;
    }
    String prefix = path + "/";
    StringBuilder b = new StringBuilder("{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"")
        .append(core ? "v1" : path.substring("/apis/".length())).append("\",\"resources\":[");
    if (core) {
      b.append("{\"name\":\"namespaces\",\"singularName\":\"namespace\",\"namespaced\":false,\"kind\":\"Namespace\","
          + "\"verbs\":[\"get\",\"list\"]}");
    }
    collections.keySet().stream().filter(c -> c.startsWith(prefix) && c.indexOf('/', prefix.length()) < 0).sorted()
        .forEach(c -> {
          String plural = c.substring(prefix.length());
          String kind = listKinds.get(c).substring(0, listKinds.get(c).length() - "List".length());
          b.append(b.charAt(b.length() - 1) == '[' ? "" : ",").append("{\"name\":\"").append(plural)
              .append("\",\"singularName\":\"").append(kind.toLowerCase(Locale.ROOT))
              .append("\",\"namespaced\":true,\"kind\":\"").append(kind)
              .append("\",\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]}");
        });
    return b.append("]}").toString();
  }

  private MockResponse status(int code, String reason, String message) {
    return status(code, reason, message, null);
  }

  /** A Status; a 410's carries the token that goes on in its metadata. */
  private MockResponse status(int code, String reason, String message, String continueToken) {
    return new MockResponse().setResponseCode(code).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
        + "\"metadata\":{" + (continueToken == null ? "" : "\"continue\":\"" + continueToken + "\"")
        + "},\"status\":\"Failure\",\"reason\":\"" + reason + "\",\"code\":" + code + ",\"message\":"
        + JSON.asJson(message) + "}");
  }

  private static String path(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  private static String withoutPaging(String path) {
    Map<String, String> rest = query(path);
    rest.remove("limit");
    rest.remove("continue");
    StringBuilder b = new StringBuilder(path(path));
    rest.forEach((k, v) -> b.append(b.indexOf("?") < 0 ? '?' : '&').append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return b.toString();
  }

  private static Map<String, String> query(String path) {
    Map<String, String> out = new LinkedHashMap<>();
    int q = path.indexOf('?');
    if (q < 0) {
      return out;
    }
    for (String pair : path.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
