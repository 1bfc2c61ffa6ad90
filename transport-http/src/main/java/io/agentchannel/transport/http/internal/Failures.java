package io.agentchannel.transport.http.internal;

import io.agentchannel.Timeouts;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.PhaseTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns what {@code java.net.http} throws into AgentChannel's typed errors, deciding whether the
 * request may have reached the server: only failures to connect, to resolve the host or to complete
 * the TLS handshake prove it did not.
 */
final class Failures {

  private Failures() {}

  static AgentChannelException of(Throwable thrown, URI endpoint, Timeouts timeouts) {
    Throwable error = unwrap(thrown);
    if (error instanceof AgentChannelException typed) {
      return typed;
    }
    String where = endpoint.getHost() + ":" + port(endpoint);
    if (find(error, HttpConnectTimeoutException.class) != null) {
      return new PhaseTimeoutException(
          PhaseTimeoutException.Phase.CONNECT, timeouts.connect(), "connecting to " + where);
    }
    Throwable handshake = find(error, SSLHandshakeException.class);
    if (handshake != null) {
      return ConnectionException.notSent(
          "the TLS handshake with " + where + " failed: " + handshake.getMessage(), error);
    }
    if (find(error, ConnectException.class) != null) {
      return ConnectionException.notSent(
          "could not connect to " + where + ": " + describe(error), error);
    }
    if (find(error, UnknownHostException.class) != null
        || find(error, UnresolvedAddressException.class) != null) {
      return ConnectionException.notSent("could not resolve " + endpoint.getHost(), error);
    }
    return ConnectionException.afterSend(
        "the HTTP exchange with " + where + " failed: " + describe(error), error);
  }

  static Throwable unwrap(Throwable thrown) {
    Throwable error = thrown;
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    return message == null ? error.getClass().getSimpleName() : message;
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme()) ? 443 : 80;
  }
}
