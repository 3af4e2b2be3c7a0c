package io.aiops.catalog.step.kube;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.aiops.catalog.step.json.Json;
import io.fabric8.kubernetes.api.model.ObjectMeta;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Lists one kind as kubectl does on a big cluster, for lists whose size is what a command waits on: pages of
 * {@code limit} items following {@code continue}, each asked for gzip, each item decoded from the stream into a
 * small type as it arrives, and the next page asked for as soon as this page's continue token is read (one page
 * ahead, never more), so the API server prepares it while this one is decoded.
 *
 * <p>Why not fabric8's {@code list()}: it asks for no compression, so a page of PipelineRuns (each carrying the
 * resolved Pipeline spec Tekton copies into its status) crosses TLS at full size, and a cold JVM decrypts it in
 * interpreted AES-GCM code (a third of {@code catalog status}'s CPU on 44 MB, bench/catalog-status). The API
 * server gzips any answer over 128 KiB at level 1 when asked (APIResponseCompression, on by default since
 * Kubernetes 1.16; client-go asks on every request), which shrinks such lists about twentyfold. The request goes
 * through the client's own HTTP client: same kubeconfig, token, CA and impersonation as every other call.
 */
public final class ListPages {
  /**
   * Items are read without their managedFields. On a real cluster they mirror the whole object once per field
   * manager, often half of a pod's JSON; no reader of a big list needs them (kubectl hides them too), and skipping
   * a subtree costs no allocation where binding it costs a map per field.
   */
  @JsonIgnoreProperties({"managedFields"})
  private abstract static class WithoutManagedFields {}

  private static final ObjectReader JSON = Json.mapper().copy()
      .addMixIn(ObjectMeta.class, WithoutManagedFields.class).reader()
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
    Requests requests = new Requests(client, kind, namespace, labelSelector, limit);
    CompletableFuture<HttpResponse<InputStream>> current = requests.send(null);
    while (current != null) {
      NextPage next = new NextPage(requests);
      try {
        page(current, kind, items, each, next);
      } catch (RuntimeException | Error e) {
        next.abandon();
        throw e;
      }
      current = next.asked;
    }
    return requests.made;
  }

  /** The requests of one list: same collection, selector and page size, each with the previous continue token. */
  private static final class Requests {
    private final KubernetesClient client;
    private final String base;
    private final String labelSelector;
    private final long limit;
    private final long timeoutMs;
    int made;

    Requests(KubernetesClient client, ResourceDefinitionContext kind, String namespace, String labelSelector,
        long limit) {
      this.client = client;
      this.base = collectionUrl(client.getMasterUrl().toString(), kind, namespace);
      this.labelSelector = labelSelector;
      this.limit = limit;
      this.timeoutMs = client.getConfiguration().getRequestTimeout();
    }

    CompletableFuture<HttpResponse<InputStream>> send(String continueToken) {
      // the query in fabric8's order (selector, limit, continue): a mock server's expectations match it verbatim
      StringBuilder url = new StringBuilder(base).append('?');
      if (labelSelector != null && !labelSelector.isEmpty()) {
        url.append("labelSelector=").append(URLEncoder.encode(labelSelector, StandardCharsets.UTF_8)).append('&');
      }
      url.append("limit=").append(limit);
      if (continueToken != null) {
        url.append("&continue=").append(URLEncoder.encode(continueToken, StandardCharsets.UTF_8));
      }
      HttpRequest.Builder request = client.getHttpClient().newHttpRequestBuilder().uri(url.toString())
          .header("Accept", "application/json").header("Accept-Encoding", "gzip");
      if (timeoutMs > 0) {
        request.timeout(timeoutMs, TimeUnit.MILLISECONDS);
      }
      made++;
      return client.getHttpClient().sendAsync(request.build(), InputStream.class);
    }
  }

  /**
   * The request for the page after the one being read. It is sent as soon as that page's continue token is known:
   * the API server writes a list's metadata before its items, so the server builds the next page (and the network
   * carries it) while this one is decoded, at most one page ahead. A list whose metadata comes last is read page
   * after page.
   */
  private static final class NextPage {
    private final Requests requests;
    CompletableFuture<HttpResponse<InputStream>> asked;

    NextPage(Requests requests) {
      this.requests = requests;
    }

    void ask(String continueToken) {
      if (asked == null && continueToken != null && !continueToken.isEmpty()) {
        asked = requests.send(continueToken);
      }
    }

    /** The page being read failed: the one asked ahead is not wanted, and its connection is given back. */
    void abandon() {
      if (asked != null) {
        asked.cancel(true);
        asked.whenComplete((response, failure) -> {
          if (response != null && response.body() != null) {
            try {
              response.body().close();
            } catch (IOException ignored) {
              // the list has already failed; this answer was never read
            }
          }
        });
      }
    }
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

  /** One page: its items to {@code each}; its continue token, as soon as it is read, to {@code next}. */
  private static <T> void page(CompletableFuture<HttpResponse<InputStream>> sent, ResourceDefinitionContext kind,
      ObjectReader items, Consumer<? super T> each, NextPage next) {
    HttpResponse<InputStream> response;
    try {
      response = sent.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted while listing " + kind.getPlural(), e);
    } catch (ExecutionException e) {
      throw new KubernetesClientException("Operation: [list] for kind: [" + kind.getKind() + "] failed.",
          e.getCause());
    }
    try (InputStream body = decoded(response)) {
      if (!response.isSuccessful()) {
        KubernetesClientException failure = failure(response.code(), body, kind);
        String resume = expiredButResumable(failure);
        if (resume == null) {
          throw failure;
        }
        next.ask(resume);
        return;
      }
      read(body, items, each, next);
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
  private static <T> void read(InputStream body, ObjectReader items, Consumer<? super T> each, NextPage next)
      throws IOException {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the answer is not a JSON list object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
          JsonNode metadata = JSON.readTree(parser);
          next.ask(metadata.path("continue").isTextual() ? metadata.path("continue").asText() : null);
        } else if ("items".equals(field) && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            each.accept((T) items.readValue(parser));
          }
        } else {
          parser.skipChildren();
        }
      }
    }
  }

  /**
   * The continue token of a 410 Gone: a list read longer than etcd keeps its revision (5 minutes by default) gets
   * "the provided continue parameter is too old", and the API server hands a token that goes on from where it
   * stopped, at the current revision. client-go's pager starts over with one unpaged list, the giant answer paging
   * is there to avoid; a scan goes on from the token instead (it reads a cluster that changes as it reads anyway).
   * Null when there is none.
   */
  private static String expiredButResumable(KubernetesClientException failure) {
    Status status = failure.getStatus();
    if (failure.getCode() != 410 || status == null || status.getMetadata() == null) {
      return null;
    }
    String token = status.getMetadata().getContinue();
    return token == null || token.isEmpty() ? null : token;
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
