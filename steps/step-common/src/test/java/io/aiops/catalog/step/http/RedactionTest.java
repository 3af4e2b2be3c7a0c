package io.aiops.catalog.step.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @AfterEach
  void forget() {
    Redaction.clear();
  }

  @Test
  void aRegisteredTokenIsMaskedHoweverTheServerQuotesIt() {
    Redaction.register("s3cr3t/t0ken+value");
    String echoed = "401: bad token s3cr3t/t0ken+value, json {\"t\":\"s3cr3t\\/t0ken+value\"}, url s3cr3t%2Ft0ken%2Bvalue";
    assertThat(Redaction.apply(echoed)).doesNotContain("s3cr3t").contains("401: bad token <redacted>");
  }

  @Test
  void credentialShapedStringsAreMaskedWithoutRegistration() {
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzYSJ9.c2lnbmF0dXJl";
    String page = "<pre>Authorization: Bearer abcdefgh12345</pre> basic dXNlcjpwYXNz " + jwt
        + " {\"password\": \"hunter22\"} api_key=k-123456";
    String out = Redaction.apply(page);
    assertThat(out).doesNotContain("abcdefgh12345").doesNotContain("dXNlcjpwYXNz").doesNotContain(jwt)
        .doesNotContain("hunter22").doesNotContain("k-123456").contains("Bearer <redacted>");
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    String text = "restored 3 of 3 metric requests; token file /var/run/token is empty";
    assertThat(Redaction.apply(text)).isEqualTo(text);
  }

  @Test
  void bytesLoseOnlyRegisteredSecrets() {
    Redaction.register("tok-123456");
    byte[] in = {(byte) 0xff, 't', 'o', 'k', '-', '1', '2', '3', '4', '5', '6', 0, 'B', 'e', 'a', 'r', 'e', 'r'};
    byte[] out = Redaction.apply(in);
    assertThat(new String(out, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("\u00ff<redacted>\0Bearer");
  }

  @Test
  void htmlErrorPagesBecomeOneBoundedLine() {
    String page = "<!DOCTYPE html>\n<html>\n<head>\n<title>502 Bad Gateway</title>\n</head>\n<body>\n<h1>Bad</h1>\n"
        + "<p>nginx</p>\n".repeat(20) + "</body></html>";
    assertThat(ResponseBodies.excerpt(page)).isEqualTo("HTML page: 502 Bad Gateway");
    assertThat(ResponseBodies.excerpt("x".repeat(5000))).hasSize(ResponseBodies.MAX_CHARS + 3);
    assertThat(ResponseBodies.excerpt("line one\nline two")).isEqualTo("line one line two");
  }
}
