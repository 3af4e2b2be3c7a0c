package io.aiops.catalog.metrics.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.trustyai.ScheduledRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same metric or not: the whole request counts, only what the service fills in is ignored. */
class RequestContentTest {
  static ObjectNode json(String text) throws Exception {
    return (ObjectNode) TrustyAiStub.JSON.readTree(text);
  }

  static ObjectNode listed(String metric) {
    return Backups.captured().stream().filter(r -> r.metricName().equals(metric)).findFirst().orElseThrow()
        .request().deepCopy();
  }

  @Test
  void aPostedRequestIsTheSameMetricAsTheServicesListingOfIt() throws Exception {
    ObjectNode posted = json(TrustyAiStub.sampleText("req_dir.json")).put("metricName", "dir");
    ObjectNode kstest = json(TrustyAiStub.sampleText("req_kstest.json")).put("metricName", "KSTEST");
    ObjectNode meanshift = json(TrustyAiStub.sampleText("req_meanshift.json")).put("metricName", "MEANSHIFT");

    assertThat(RequestContent.sameMetric(posted, listed("DIR"))).isTrue();
    assertThat(RequestContent.sameMetric(kstest, listed("KSTEST"))).isTrue();
    assertThat(RequestContent.sameMetric(meanshift, listed("MEANSHIFT"))).isTrue();
  }

  @Test
  void distinctMetricsOnTheSameModelStayDistinct() {
    ObjectNode spd = listed("SPD");
    assertThat(RequestContent.sameMetric(spd, listed("DIR"))).isFalse();
    assertThat(RequestContent.sameMetric(spd, spd.deepCopy().put("requestName", "other"))).isFalse();
    assertThat(RequestContent.sameMetric(spd, spd.deepCopy().putNull("requestName"))).isFalse();
    assertThat(RequestContent.sameMetric(spd, spd.deepCopy().put("thresholdDelta", 0.2))).isFalse();
    assertThat(RequestContent.sameMetric(spd, spd.deepCopy().put("batchSize", 200))).isFalse();
    ObjectNode doubleType = spd.deepCopy();
    doubleType.set("privilegedAttribute", TrustyAiStub.JSON.createObjectNode().put("type", "DOUBLE").put("value", 1.0));
    assertThat(RequestContent.sameMetric(spd, doubleType)).isFalse();
    ObjectNode fmmd = listed("FOURIERMMD");
    ObjectNode otherGamma = fmmd.deepCopy().put("gamma", 2.5);
    assertThat(RequestContent.sameMetric(fmmd, otherGamma)).isFalse();
  }

  @Test
  void numberSpellingFieldOrderAndTheComputedFittingDoNotCount() throws Exception {
    ObjectNode spd = listed("SPD");
    ObjectNode respelled = json(spd.toString().replace("\"thresholdDelta\":0.1", "\"thresholdDelta\":0.10"));
    respelled.put("batchSize", 100.0);
    ObjectNode meanshift = listed("MEANSHIFT");
    ObjectNode refitted = meanshift.deepCopy();
    refitted.remove("fitting");

    assertThat(RequestContent.sameMetric(spd, respelled)).isTrue();
    assertThat(RequestContent.sameMetric(meanshift, refitted)).isTrue();
  }

  @Test
  void thePoolCountsDuplicates() {
    ScheduledRequest spd = Backups.captured().stream().filter(r -> r.metricName().equals("SPD")).findFirst()
        .orElseThrow();
    LivePool pool = new LivePool(List.of(new ScheduledRequest("live-1", spd.request().deepCopy())));

    assertThat(pool.claim(spd.request(), id -> true)).map(ScheduledRequest::id).contains("live-1");
    assertThat(pool.claim(spd.request(), id -> true)).isEmpty();
  }

  /**
   * Entries without the fields the service fills in (a hand-written or old-script backup) are the metrics the real
   * service listed for them (tests/fixtures/trustyai/real-service): skip-existing and verify must find them.
   */
  @Test
  void anEntryWithoutTheServicesDefaultsIsTheMetricTheRealServiceListedForIt() throws Exception {
    Path real = Path.of("../../tests/fixtures/trustyai/real-service");
    JsonNode listing = TrustyAiStub.JSON.readTree(real.resolve("list_without_defaults.json").toFile());
    int matched = 0;
    for (JsonNode posted : TrustyAiStub.JSON.readTree(real.resolve("posted_without_defaults.json").toFile())) {
      ObjectNode body = ((ObjectNode) posted.get("body")).deepCopy();
      String path = posted.get("path").asText();
      body.put("metricName", path.split("/")[path.split("/").length - 2].toUpperCase(java.util.Locale.ROOT));
      long same = 0;
      for (JsonNode entry : listing.path("requests")) {
        if (RequestContent.sameMetric(body, (ObjectNode) entry.get("request"))) {
          same++;
        }
      }
      assertThat(same).as("listed entries matching %s", body).isEqualTo(1);
      matched++;
    }
    assertThat(matched).isEqualTo(6);
    ObjectNode otherEpsilon = (ObjectNode) TrustyAiStub.JSON.readTree("{\"modelId\":\"credit-model\","
        + "\"requestName\":\"hand-approxkstest\",\"referenceTag\":\"TRAINING\",\"metricName\":\"APPROXKSTEST\","
        + "\"epsilon\":0.01}");
    assertThat(listing.path("requests").findParents("requestName").stream()
        .anyMatch(r -> RequestContent.sameMetric(otherEpsilon, (ObjectNode) r))).isFalse();
  }
}
