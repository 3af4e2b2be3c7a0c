package io.aiops.catalog.step;

public enum LogFormat {
  text,
  json
}
