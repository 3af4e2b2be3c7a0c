package io.aiops.catalog.step.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class KubeNameTest {
  @Test
  void traversalAndQueryCharactersAreNotNames() {
    assertThatThrownBy(() -> KubeName.label("../../secrets?x=")).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("RFC 1123 label");
    assertThatThrownBy(() -> KubeName.subdomain("../../../api/v1/secrets"))
        .hasMessageContaining("RFC 1123 subdomain");
    assertThatThrownBy(() -> KubeName.label("My-Models")).hasMessageContaining("lower-case");
    assertThatThrownBy(() -> KubeName.label("a".repeat(64))).hasMessageContaining("63");
    assertThatThrownBy(() -> KubeName.label("a.b")).hasMessageContaining("label");
  }

  @Test
  void realNamesPass() {
    assertThat(KubeName.label("my-models")).isEqualTo("my-models");
    assertThat(KubeName.subdomain("granite-3.1-8b")).isEqualTo("granite-3.1-8b");
    assertThat(KubeName.subdomain("ip-10-0-1-7.ec2.internal")).isEqualTo("ip-10-0-1-7.ec2.internal");
    assertThat(new KubeName.Label().convert("")).isNull();
  }
}
