package io.aiops.catalog.model.validate;

/** One check's outcome: what was checked, how it went, and what a user needs to know. */
public record Check(String name, Status status, String message) {
  static Check pass(String name, String message, Object... args) {
    return new Check(name, Status.PASS, String.format(message, args));
  }

  static Check warn(String name, String message, Object... args) {
    return new Check(name, Status.WARN, String.format(message, args));
  }

  static Check fail(String name, String message, Object... args) {
    return new Check(name, Status.FAIL, String.format(message, args));
  }

  static Check error(String name, String message, Object... args) {
    return new Check(name, Status.ERROR, String.format(message, args));
  }
}
