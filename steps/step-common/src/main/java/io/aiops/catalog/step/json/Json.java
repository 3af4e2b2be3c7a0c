package io.aiops.catalog.step.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON (and YAML) configuration of the catalog: java.time as ISO-8601 text, never as numbers. Each mapper
 * is built on first use (a holder class each), so a step's {@code --help} never loads Jackson.
 */
public final class Json {
  private Json() {}

  /** Compact output: results, log lines, request bodies. */
  public static ObjectMapper mapper() {
    return Compact.MAPPER;
  }

  /** Indented output: files a person reads (backups, reports, run records). */
  public static ObjectMapper pretty() {
    return Pretty.MAPPER;
  }

  /** YAML with the same configuration: Tekton manifests, query files. */
  public static ObjectMapper yaml() {
    return Yaml.MAPPER;
  }

  static ObjectMapper configure(ObjectMapper mapper) {
    return mapper.registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
  }

  private static final class Compact {
    static final ObjectMapper MAPPER = configure(new ObjectMapper());
  }

  private static final class Pretty {
    static final ObjectMapper MAPPER = configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
  }

  private static final class Yaml {
    static final ObjectMapper MAPPER = configure(new ObjectMapper(new YAMLFactory()));
  }
}
