package io.aiops.catalog.accuracy.data;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiops.catalog.step.StepException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** One JSON object a line; the first object's keys are the columns. Only the current object is held. */
final class JsonLinesRows implements Rows {
  private static final ObjectMapper JSON = Json.mapper();

  private final BufferedReader reader;
  private final String source;
  private final List<String> columns = new ArrayList<>();
  private JsonNode current;
  private JsonNode pending;
  private long lineNumber;
  private long recordLine;

  JsonLinesRows(BufferedReader reader, String source) {
    this.reader = reader;
    this.source = source;
    pending = read();
    if (pending == null) {
      close();
      throw StepException.usage(source + " is empty: a JSON-lines file needs at least one object");
    }
    pending.fieldNames().forEachRemaining(columns::add);
  }

  private JsonNode read() {
    try {
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        lineNumber++;
        if (text.isBlank()) {
          continue;
        }
        recordLine = lineNumber;
        JsonNode node;
        try {
          node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
          throw StepException.usage(String.format("%s line %d: not JSON (%s)", source, lineNumber,
              e.getOriginalMessage()));
        }
        if (!node.isObject()) {
          throw StepException.usage(String.format("%s line %d: a JSON object is expected, not %s", source,
              lineNumber, node.getNodeType().name().toLowerCase()));
        }
        return node;
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean next() {
    current = pending != null ? pending : read();
    pending = null;
    return current != null;
  }

  @Override
  public String get(int index) {
    JsonNode value = current.get(columns.get(index));
    return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
  }

  @Override
  public String where() {
    return source + " line " + recordLine;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      // reading is over: a failed close loses nothing
    }
  }
}
