package io.aiops.catalog.step.kube;

import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Kubernetes names, checked against the rule the API server applies, before they go into an API path: a name
 * like {@code ../../secrets?x=} would otherwise send our token to another resource. Used as picocli converters,
 * so a bad name is a usage error (exit 2) naming the rule, before any request.
 *
 * <p>Namespaces, Services and node-independent labels follow RFC 1123 labels (at most 63 characters); most other
 * objects (Deployments, InferenceServices, Pods, Nodes, ConfigMaps) follow RFC 1123 subdomains (at most 253).
 */
public final class KubeName {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

  private KubeName() {}

  /** A namespace or Service name: RFC 1123 label. */
  public static String label(String name) {
    if (name.length() > 63 || !LABEL.matcher(name).matches()) {
      throw new TypeConversionException("'" + shown(name) + "' is not a valid name: Kubernetes requires an RFC 1123 "
          + "label (at most 63 characters: lower-case letters, digits and '-', starting and ending with a letter or "
          + "digit, e.g. my-models)");
    }
    return name;
  }

  /** An object name such as a Deployment, InferenceService, Pod or Node: RFC 1123 subdomain. */
  public static String subdomain(String name) {
    if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
      throw new TypeConversionException("'" + shown(name) + "' is not a valid name: Kubernetes requires an RFC 1123 "
          + "subdomain (at most 253 characters: lower-case letters, digits, '-' and '.', starting and ending with a "
          + "letter or digit, e.g. my-model)");
    }
    return name;
  }

  private static String shown(String name) {
    return name.length() > 80 ? name.substring(0, 80) + "..." : name;
  }

  /** picocli converter for namespaces and Services; "" stays unset (Tekton's empty param). */
  public static final class Label implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return value.isEmpty() ? null : label(value);
    }
  }

  /** picocli converter for object names; "" stays unset (Tekton's empty param). */
  public static final class Subdomain implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return value.isEmpty() ? null : subdomain(value);
    }
  }
}
