package io.aiops.catalog.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.http.BearerToken;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * One receiver of the message. Its URI is a secret (a Slack incoming webhook URL is its own credential): only
 * {@link #channel()} and {@link #host()} ever reach a log or a result, and {@link #toString()} hides the rest.
 */
record Destination(String channel, URI uri, Optional<BearerToken> token, Map<String, String> headers,
    ObjectNode payload) {

  boolean isSlack() {
    return channel.equals(Destinations.SLACK);
  }

  String host() {
    return uri.getHost();
  }

  @Override
  public String toString() {
    return channel + " (" + host() + ")";
  }
}
