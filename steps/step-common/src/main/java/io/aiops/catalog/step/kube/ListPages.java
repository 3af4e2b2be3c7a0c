package io.aiops.catalog.step.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.aiops.catalog.step.json.Json;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Lists one kind as kubectl does on a big cluster, for lists whose size is what a command waits on: pages of
 * {@code limit} items following {@code continue}, each asked for gzip, and each item decoded from the stream
 * into a small type as it arrives.
 *
 * <p>Why not fabric8's {@code list()}: it asks for no compression, so a page of PipelineRuns (each carrying the
 * resolved Pipeline spec Tekton copies into its status) crosses TLS at full size, and a cold JVM decrypts it in
 * interpreted AES-GCM code (a third of {@code catalog status}'s CPU on 44 MB, bench/catalog-status). The API
 * server gzips any answer over 128 KiB at level 1 when asked (APIResponseCompression, on by default since
 * Kubernetes 1.16; client-go asks on every request), which shrinks such lists about twentyfold. The request goes
 * through the client's own HTTP client: same kubeconfig, token, CA and impersonation as every other call.
 */
public final class ListPages {
  private static final ObjectReader JSON = Json.mapper().reader()
      .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final int ERROR_BODY_MAX = 64 * 1024;

  private ListPages() {}

  /**
   * Calls {@code each} with every object of {@code kind} in {@code namespace} (null: all namespaces) matching
   * {@code labelSelector} (null: all), read {@code limit} a page; returns the number of requests made. A failed
   * request is a {@link KubernetesClientException} with the server's code and Status, as fabric8's own calls
   * throw, so {@link KubeFailure} words it the same way.
   */
  public static <T> int forEach(KubernetesClient client, ResourceDefinitionContext kind, String namespace,
      String labelSelector, long limit, Class<T> type, Consumer<? super T> each) {
    ObjectReader items = JSON.forType(type);
    String base = collectionUrl(client.getMasterUrl().toString(), kind, namespace);
    long timeoutMs = client.getConfiguration().getRequestTimeout();
    int requests = 0;
    String next = null;
    do {
      // the query in fabric8's order (selector, limit, continue): a mock server's expectations match it verbatim
      StringBuilder url = new StringBuilder(base).append('?');
      if (labelSelector != null && !labelSelector.isEmpty()) {
        url.append("labelSelector=").append(URLEncoder.encode(labelSelector, StandardCharsets.UTF_8)).append('&');
      }
      url.append("limit=").append(limit);
      if (next != null) {
        url.append("&continue=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
      }
      HttpRequest.Builder request = client.getHttpClient().newHttpRequestBuilder().uri(url.toString())
          .header("Accept", "application/json").header("Accept-Encoding", "gzip");
      if (timeoutMs > 0) {
        request.timeout(timeoutMs, TimeUnit.MILLISECONDS);
      }
      requests++;
      next = page(client, request.build(), kind, items, each);
    } while (next != null && !next.isEmpty());
    return requests;
  }

  static String collectionUrl(String masterUrl, ResourceDefinitionContext kind, String namespace) {
    StringBuilder url = new StringBuilder(masterUrl.endsWith("/") ? masterUrl : masterUrl + "/");
    String group = kind.getGroup();
    url.append(group == null || group.isEmpty() ? "api/" : "apis/" + group + "/").append(kind.getVersion());
    if (namespace != null) {
      url.append("/namespaces/").append(namespace);
    }
    return url.append('/').append(kind.getPlural()).toString();
  }

  /** One page: its items to {@code each}; returns its continue token (null or empty on the last page). */
  private static <T> String page(KubernetesClient client, HttpRequest request, ResourceDefinitionContext kind,
      ObjectReader items, Consumer<? super T> each) {
    HttpResponse<InputStream> response;
    try {
      response = client.getHttpClient().sendAsync(request, InputStream.class).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted while listing " + kind.getPlural(), e);
    } catch (ExecutionException e) {
      throw new KubernetesClientException("Operation: [list] for kind: [" + kind.getKind() + "] failed.",
          e.getCause());
    }
    try (InputStream body = decoded(response)) {
      if (!response.isSuccessful()) {
        throw failure(response.code(), body, kind);
      }
      return read(body, items, each);
    } catch (IOException e) {
      throw new KubernetesClientException("Operation: [list] for kind: [" + kind.getKind() + "] failed.", e);
    }
  }

  private static InputStream decoded(HttpResponse<InputStream> response) throws IOException {
    InputStream body = response.body() == null ? InputStream.nullInputStream() : response.body();
    String encoding = response.header("Content-Encoding");
    return encoding != null && encoding.trim().equalsIgnoreCase("gzip") ? new GZIPInputStream(body, 64 * 1024) : body;
  }

  @SuppressWarnings("unchecked")
  private static <T> String read(InputStream body, ObjectReader items, Consumer<? super T> each) throws IOException {
    String next = null;
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the answer is not a JSON list object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
          JsonNode metadata = JSON.readTree(parser);
          next = metadata.path("continue").isTextual() ? metadata.path("continue").asText() : null;
        } else if ("items".equals(field) && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            each.accept((T) items.readValue(parser));
          }
        } else {
          parser.skipChildren();
        }
      }
    }
    return next;
  }

  /** The server's Status (bounded: a hostile server may send anything), as fabric8 reports a failed call. */
  private static KubernetesClientException failure(int code, InputStream body, ResourceDefinitionContext kind)
      throws IOException {
    byte[] text = body.readNBytes(ERROR_BODY_MAX);
    Status status;
    try {
      status = JSON.forType(Status.class).readValue(text);
    } catch (IOException notStatus) {
      status = null;
    }
    if (status == null || status.getCode() == null) {
      status = new Status();
      status.setCode(code);
      status.setMessage("HTTP " + code + " listing " + kind.getPlural());
    }
    status.setCode(code);
    return new KubernetesClientException(status);
  }
}
